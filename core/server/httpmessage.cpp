#include "httpmessage.h"

#include "common/strictjson.h"

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
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::RateLimited:
    case ErrorCode::TooManyRequests: return QStringLiteral("rate_limited");
    case ErrorCode::CircuitOpen: return QStringLiteral("upstream_paused");
    case ErrorCode::Timeout: return QStringLiteral("upstream_timeout");
    case ErrorCode::Network:
    case ErrorCode::Tls:
    case ErrorCode::HttpStatus:
    case ErrorCode::MalformedResponse: return QStringLiteral("upstream_failed");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::DatabaseUnavailable: return QStringLiteral("database_unavailable");
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

bool HttpRequest::isWrite() const
{
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool HttpRequest::isIdempotentWrite() const
{
    return isWrite() && !header(QByteArrayLiteral("Idempotency-Key")).isEmpty();
}

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
    const QByteArray type = header(QByteArrayLiteral("Content-Type")).split(';').first().trimmed().toLower();
    if (type != "application/json" && !type.endsWith("+json")) {
        Error error = Error::validation(QStringLiteral("Content-Type"),
                                        QCoreApplication::translate("huntaze::server::HttpRequest",
                                                                    "Send the request body as JSON, with Content-Type: application/json."));
        error.httpStatus = 415;
        return error;
    }
    const Result<QJsonDocument> document = parseStrictJson(body);
    if (!document.ok())
        return document.error();
    if (!document.value().isObject())
        return Error::validation(QStringLiteral("body"),
                                 QCoreApplication::translate("huntaze::server::HttpRequest", "The request body must be a JSON object."));
    return document.value().object();
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
    case ErrorCode::Validation:
        if (error.httpStatus == 422)
            return HttpResponse::error(422, QStringLiteral("idempotency_key_reused"), error.message, error.field);
        if (error.httpStatus == 415)
            return HttpResponse::error(415, QStringLiteral("unsupported_media_type"), error.message, error.field);
        return HttpResponse::error(400, code, error.message, error.field, error.position);
    case ErrorCode::InvalidCredentials:
    case ErrorCode::Unauthorized: {
        HttpResponse response = HttpResponse::error(401, code, error.message);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return response;
    }
    case ErrorCode::AlreadyExists: return HttpResponse::error(409, code, error.message, error.field);
    case ErrorCode::Forbidden: return HttpResponse::error(403, code, error.message, error.field);
    case ErrorCode::Conflict: {
        HttpResponse response = HttpResponse::error(409, code, error.message);
        if (error.retryAt.isValid()) // busy for a moment only: come back
            response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        return response;
    }
    case ErrorCode::NotFound: return HttpResponse::error(404, code, error.message);
    case ErrorCode::TooManyRequests: {
        // Retry-After and the RateLimit fields come with the decision
        // (addRateLimitFields); resetTime is the seed's field, which the desktop's client reads.
        HttpResponse response = HttpResponse::error(429, code, error.message);
        response.json.insert(QStringLiteral("resetTime"), error.retryAt.toUTC().toString(Qt::ISODate));
        return response;
    }
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
    case ErrorCode::DatabaseUnavailable: {
        HttpResponse response = HttpResponse::error(
            503, code,
            QCoreApplication::translate("huntaze::server::HttpResponse", "The server cannot reach its database. Try again in a moment."));
        addRetryAfter(response, error.retryAt);
        return response;
    }
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

} // namespace huntaze::server
