#include "serverapi.h"

#include "backend/serversession.h"
#include "common/async.h"
#include "net/apiclient.h"
#include "net/apierrors.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

namespace huntaze {

namespace {

ErrorCode codeFrom(const QString &name, int status)
{
    static const QHash<QString, ErrorCode> codes{
        {QStringLiteral("validation_failed"), ErrorCode::Validation},
        {QStringLiteral("invalid_credentials"), ErrorCode::InvalidCredentials},
        {QStringLiteral("already_exists"), ErrorCode::AlreadyExists},
        {QStringLiteral("not_found"), ErrorCode::NotFound},
        {QStringLiteral("unauthorized"), ErrorCode::Unauthorized},
        {QStringLiteral("forbidden"), ErrorCode::Forbidden},
        {QStringLiteral("conflict"), ErrorCode::Conflict},
        {QStringLiteral("rate_limited"), ErrorCode::RateLimited},
    };
    if (codes.contains(name))
        return codes.value(name);
    return status == 401 ? ErrorCode::Unauthorized
        : status == 403  ? ErrorCode::Forbidden
        : status == 404  ? ErrorCode::NotFound
                         : ErrorCode::HttpStatus;
}

} // namespace

ServerApi::ServerApi(ApiClient &client, QUrl serverUrl, ServerSession *session, CreatorSource creator)
    : m_client(client),
      m_serverUrl(std::move(serverUrl)),
      m_session(session),
      m_creator(std::move(creator)),
      m_context(std::make_unique<QObject>())
{}

ServerApi::~ServerApi() = default;

QUrl ServerApi::endpoint(const QString &path) const
{
    QUrl url = m_serverUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    const qsizetype question = path.indexOf(u'?');
    url.setPath(base + path.left(question));
    QUrlQuery query(question < 0 ? QString() : path.mid(question + 1));
    // The selected creator, for the routes about a creator's data (the
    // agency's own routes take a creator only as a filter the caller chose).
    const bool aboutACreator = path.startsWith(QLatin1String("/api/")) && !path.startsWith(QLatin1String("/api/agency/"))
        && !path.startsWith(QLatin1String("/api/auth/"));
    // A call about another creator names it itself.
    if (const qint64 creator = m_creator ? m_creator() : 0; creator != 0 && aboutACreator && !query.hasQueryItem(QStringLiteral("creator")))
        query.addQueryItem(QStringLiteral("creator"), QString::number(creator));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QFuture<Result<void>> ServerApi::checkHealth()
{
    Options once;
    once.timeout = std::chrono::seconds(5);
    once.retry = RetryPolicy::none();
    return call("GET", QStringLiteral("/health"), {}, once)
        .then([host = m_serverUrl.host()](const Result<QJsonObject> &health) -> Result<void> {
            // Unreachable, too slow, paused: that error says it best. Any HTTP answer but ours: not Huntaze.
            if (!health.ok() && health.error().httpStatus == 0)
                return health.error();
            // "degraded": serving, with something optional missing (shared rate limits, the AI provider).
            const QString status = health.ok() ? health.value().value(QStringLiteral("status")).toString() : QString();
            if (status != QLatin1String("ok") && status != QLatin1String("degraded"))
                return Error(ErrorCode::MalformedResponse,
                             QCoreApplication::translate("huntaze::ServerApi", "%1 answered, but it is not a Huntaze server.").arg(host));
            return Result<void>::success();
        });
}

QFuture<Result<ApiResponse>> ServerApi::listen(const QString &path, std::function<void(const QByteArray &)> onData,
                                               std::chrono::milliseconds silence)
{
    ApiRequest request = ApiRequest::get(endpoint(path));
    request.service = QString::fromLatin1(eventsServiceName);
    request.bearerToken = m_session ? m_session->accessToken() : QString();
    request.returnClientErrors = true;
    request.timeout = silence;
    request.retry = RetryPolicy::none();
    request.onData = std::move(onData);
    QFuture<Result<ApiResponse>> listening = m_client.send(request);
    m_running.removeIf([](const QFuture<Result<ApiResponse>> &call) { return call.isFinished(); });
    m_running.append(listening);
    return listening;
}

void ServerApi::abandonAll()
{
    // Only calls still running: on Qt 6.4, cancelling a finished future walks
    // its continuation chain, whose data may already be freed (a crash).
    for (QFuture<Result<ApiResponse>> &call : m_running) {
        if (!call.isFinished())
            call.cancel();
    }
    m_running.clear();
    // Calls still waiting for a renewal: their continuations go with the context.
    m_context = std::make_unique<QObject>();
}

Error ServerApi::errorFrom(const ApiResponse &response)
{
    const QJsonObject error = response.json.object().value(QStringLiteral("error")).toObject();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        return apierrors::httpStatus(response.status, {});
    Error mapped(
        codeFrom(error.value(QStringLiteral("code")).toString(), response.status), message,
        QStringLiteral("HTTP %1 %2 request %3")
            .arg(response.status)
            .arg(error.value(QStringLiteral("code")).toString(), response.json.object().value(QStringLiteral("requestId")).toString()),
        error.value(QStringLiteral("field")).toString());
    mapped.position = error.value(QStringLiteral("position")).toInt(-1);
    mapped.httpStatus = response.status;
    return mapped;
}

QFuture<Result<QJsonObject>> ServerApi::call(const QByteArray &method, const QString &path, const QJsonObject &body, const Options &options)
{
    ApiRequest request;
    request.method = method;
    request.url = endpoint(path);
    if (method != "GET" && method != "DELETE")
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.service = QString::fromLatin1(serviceName);
    request.coalesceKey = options.coalesceKey;
    request.returnClientErrors = true;
    request.timeout = options.timeout;
    request.retry = options.retry;
    // Signing in or out and renewing carry their own credentials (and a
    // refused sign-in is a 401 no refresh can help).
    static const QStringList ownCredentials{QStringLiteral("/api/auth/sign-in"), QStringLiteral("/api/auth/sign-up"),
                                            QStringLiteral("/api/auth/refresh"), QStringLiteral("/api/auth/sign-out")};
    // Every other change carries a key of its own, the same on each retry:
    // the server does it once even when an answer was lost and the client
    // tried again (the AI tools change nothing and are never repeated).
    if (method != "GET" && !ownCredentials.contains(path) && path != QLatin1String("/api/auth/password")
        && !path.startsWith(QLatin1String("/api/ai-assistant/")))
        request.idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    if (!m_session || ownCredentials.contains(path))
        return send(request, m_session ? m_session->accessToken() : QString());
    return chainOn<Result<QJsonObject>>(m_session->ready(), m_context.get(),
                                        [this, request](const Result<void> &ready) -> QFuture<Result<QJsonObject>> {
                                            // Could not renew (offline, or the session ended): that says why.
                                            if (!ready.ok())
                                                return readyFuture<QJsonObject>(ready.error());
                                            return sendRenewingOnce(request);
                                        });
}

QFuture<Result<QJsonObject>> ServerApi::sendRenewingOnce(const ApiRequest &request)
{
    const QString token = m_session ? m_session->accessToken() : QString();
    return chainOn<Result<QJsonObject>>(
        send(request, token), m_context.get(), [this, request, token](const Result<QJsonObject> &answer) -> QFuture<Result<QJsonObject>> {
            if (answer.ok() || answer.error().code != ErrorCode::Unauthorized || !m_session || !m_session->canRenew())
                return readyFuture<QJsonObject>(answer);
            // Expired early (a sleeping laptop) or revoked: one renewal, then one more try.
            return chainOn<Result<QJsonObject>>(m_session->renewAfter(token), m_context.get(),
                                                [this, request, answer](const Result<void> &renewed) -> QFuture<Result<QJsonObject>> {
                                                    if (!renewed.ok())
                                                        return readyFuture<QJsonObject>(
                                                            renewed.error().code == ErrorCode::Unauthorized ? answer : renewed.error());
                                                    return send(request, m_session ? m_session->accessToken() : QString());
                                                });
        });
}

QFuture<Result<QJsonObject>> ServerApi::send(const ApiRequest &prepared, const QString &token)
{
    ApiRequest request = prepared;
    request.bearerToken = token;
    QFuture<Result<ApiResponse>> sent = m_client.send(request);
    m_running.removeIf([](const QFuture<Result<ApiResponse>> &call) { return call.isFinished(); });
    m_running.append(sent);
    return sent.then([](const Result<ApiResponse> &answer) -> Result<QJsonObject> {
        if (!answer.ok())
            return answer.error();
        if (answer.value().status >= 400)
            return errorFrom(answer.value());
        return answer.value().json.object();
    });
}

} // namespace huntaze
