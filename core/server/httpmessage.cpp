#include "httpmessage.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace huntaze::server {

namespace {

QString codeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Validation: return QStringLiteral("validation_failed");
    case ErrorCode::InvalidCredentials: return QStringLiteral("invalid_credentials");
    case ErrorCode::AlreadyExists: return QStringLiteral("already_exists");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::RateLimited: return QStringLiteral("rate_limited");
    case ErrorCode::CircuitOpen: return QStringLiteral("upstream_paused");
    case ErrorCode::Timeout: return QStringLiteral("upstream_timeout");
    case ErrorCode::Network:
    case ErrorCode::Tls:
    case ErrorCode::HttpStatus:
    case ErrorCode::MalformedResponse: return QStringLiteral("upstream_failed");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::Storage:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::Keychain:
    case ErrorCode::KeychainUnavailable:
    case ErrorCode::Internal: return QStringLiteral("internal_error");
    }
    return QStringLiteral("internal_error");
}

void addRetryAfter(HttpResponse &response, const QDateTime &retryAt)
{
    if (!retryAt.isValid())
        return;
    const qint64 seconds = qMax<qint64>(1, (QDateTime::currentDateTimeUtc().msecsTo(retryAt) + 999) / 1000);
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(seconds)});
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpRequest::bearerToken() const
{
    const QByteArray authorization = header(QByteArrayLiteral("Authorization")).trimmed();
    static const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (authorization.size() <= scheme.size() || authorization.left(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return {};
    return QString::fromLatin1(authorization.mid(scheme.size()).trimmed());
}

Result<QJsonObject> HttpRequest::jsonObject() const
{
    if (body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        Error error = Error::validation(
            QStringLiteral("body"),
            QCoreApplication::translate("huntaze::server::HttpRequest", "The request body is not valid JSON: %1 at character %2.")
                .arg(parseError.errorString())
                .arg(parseError.offset));
        error.position = parseError.offset;
        return error;
    }
    if (!document.isObject())
        return Error::validation(QStringLiteral("body"),
                                 QCoreApplication::translate("huntaze::server::HttpRequest", "The request body must be a JSON object."));
    return document.object();
}

HttpResponse HttpResponse::ofJson(const QJsonObject &json, int status)
{
    HttpResponse response;
    response.status = status;
    response.json = json;
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse HttpResponse::error(int status, const QString &code, const QString &message, const QString &field, int position)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    if (position >= 0)
        error.insert(QStringLiteral("position"), position);
    return ofJson({{QStringLiteral("error"), error}}, status);
}

HttpResponse HttpResponse::fromError(const Error &error)
{
    HttpResponse response = fromErrorWithoutDetail(error);
    response.logDetail = error.detail;
    return response;
}

HttpResponse HttpResponse::fromErrorWithoutDetail(const Error &error)
{
    const QString code = codeName(error.code);
    switch (error.code) {
    case ErrorCode::Validation: return HttpResponse::error(400, code, error.message, error.field, error.position);
    case ErrorCode::InvalidCredentials:
    case ErrorCode::Unauthorized: {
        HttpResponse response = HttpResponse::error(401, code, error.message);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return response;
    }
    case ErrorCode::AlreadyExists: return HttpResponse::error(409, code, error.message, error.field);
    case ErrorCode::NotFound: return HttpResponse::error(404, code, error.message);
    case ErrorCode::RateLimited:
    case ErrorCode::CircuitOpen: {
        // The AI provider behind the server asked us to slow down, or keeps failing.
        HttpResponse response = HttpResponse::error(
            503, code,
            QCoreApplication::translate("huntaze::server::HttpResponse",
                                        "The AI service behind this server is busy or failing. Try again in a moment."));
        addRetryAfter(response, error.retryAt);
        return response;
    }
    case ErrorCode::Timeout:
        return HttpResponse::error(504, code,
                                   QCoreApplication::translate("huntaze::server::HttpResponse",
                                                               "The AI service behind this server did not answer in time. Try again."));
    case ErrorCode::Network:
    case ErrorCode::Tls:
    case ErrorCode::HttpStatus:
    case ErrorCode::MalformedResponse:
        return HttpResponse::error(
            502, code,
            QCoreApplication::translate(
                "huntaze::server::HttpResponse",
                "The AI service behind this server failed. Try again later; if it keeps failing, tell your administrator."));
    case ErrorCode::Cancelled:
        return HttpResponse::error(
            503, code, QCoreApplication::translate("huntaze::server::HttpResponse", "The server is shutting down. Try again in a moment."));
    case ErrorCode::Storage:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::Keychain:
    case ErrorCode::KeychainUnavailable:
    case ErrorCode::Internal: break;
    }
    return HttpResponse::error(
        500, code,
        QCoreApplication::translate("huntaze::server::HttpResponse",
                                    "The server could not complete this request. If it keeps happening, give your administrator the "
                                    "request id."));
}

QByteArray HttpResponse::serializedBody(const QString &requestId) const
{
    if (status == 204 || !body.isEmpty())
        return body;
    QJsonObject object = json;
    if (status >= 400)
        object.insert(QStringLiteral("requestId"), requestId);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

namespace jsonfield {

namespace {
Error wrongType(const QString &key, const QString &message)
{
    return Error::validation(key, message);
}
} // namespace

Result<QString> requiredString(const QJsonObject &json, const QString &key, int maxLength)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().trimmed().isEmpty()))
        return wrongType(key, QCoreApplication::translate("huntaze::server::jsonfield", "\"%1\" is required.").arg(key));
    return optionalString(json, key, maxLength);
}

Result<QString> optionalString(const QJsonObject &json, const QString &key, int maxLength, const QString &fallback)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString())
        return wrongType(key, QCoreApplication::translate("huntaze::server::jsonfield", "\"%1\" must be a string.").arg(key));
    if (value.toString().size() > maxLength)
        return wrongType(key,
                         QCoreApplication::translate("huntaze::server::jsonfield", "\"%1\" is too long (at most %2 characters).")
                             .arg(key)
                             .arg(maxLength));
    return value.toString();
}

Result<int> optionalInt(const QJsonObject &json, const QString &key, int minimum, int maximum, int fallback)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != static_cast<double>(static_cast<qint64>(number)) || number < minimum || number > maximum)
        return wrongType(key,
                         QCoreApplication::translate("huntaze::server::jsonfield", "\"%1\" must be a whole number from %2 to %3.")
                             .arg(key)
                             .arg(minimum)
                             .arg(maximum));
    return static_cast<int>(number);
}

Result<QJsonArray> requiredArray(const QJsonObject &json, const QString &key, int maxItems)
{
    const QJsonValue value = json.value(key);
    if (!value.isArray())
        return wrongType(key, QCoreApplication::translate("huntaze::server::jsonfield", "\"%1\" must be a list.").arg(key));
    if (value.toArray().size() > maxItems)
        return wrongType(key,
                         QCoreApplication::translate("huntaze::server::jsonfield", "\"%1\" has more than %2 items: send it in parts.")
                             .arg(key)
                             .arg(maxItems));
    return value.toArray();
}

} // namespace jsonfield

} // namespace huntaze::server
