#include "serversession.h"

#include "auth/accountservice.h"
#include "backend/serverapi.h"
#include "common/async.h"
#include "logging/logging.h"
#include "net/apiclient.h"

#include <QJsonDocument>
#include <QMutexLocker>
#include <QPromise>

namespace huntaze {

ServerSession::ServerSession(ApiClient &client, QUrl serverUrl, QObject *parent)
    : QObject(parent), m_client(client), m_serverUrl(std::move(serverUrl))
{}

QString ServerSession::accessToken() const
{
    QMutexLocker lock(&m_mutex);
    return m_access;
}

QString ServerSession::refreshToken() const
{
    QMutexLocker lock(&m_mutex);
    return m_refresh;
}

QString ServerSession::rememberedToken() const
{
    QMutexLocker lock(&m_mutex);
    return m_refresh.isEmpty() ? m_access : m_refresh;
}

bool ServerSession::canRenew() const
{
    QMutexLocker lock(&m_mutex);
    return !m_refresh.isEmpty();
}

void ServerSession::adopt(const QJsonObject &answer)
{
    QString remembered;
    {
        QMutexLocker lock(&m_mutex);
        m_access = answer.value(QStringLiteral("token")).toString();
        m_refresh = answer.value(QStringLiteral("refreshToken")).toString();
        // Counted from now on this computer's clock: a clock that is off still renews in time.
        const qint64 lifetime = answer.value(QStringLiteral("expiresIn")).toInteger(-1);
        m_expiresAt = lifetime >= 0 ? m_clock->now().addSecs(lifetime) : QDateTime();
        remembered = m_refresh.isEmpty() ? m_access : m_refresh;
    }
    Q_EMIT rememberedTokenChanged(remembered);
}

void ServerSession::resume(const QString &refreshToken)
{
    QMutexLocker lock(&m_mutex);
    m_access.clear();
    m_refresh = refreshToken;
    m_expiresAt = QDateTime();
}

void ServerSession::clear()
{
    {
        QMutexLocker lock(&m_mutex);
        m_access.clear();
        m_refresh.clear();
        m_expiresAt = QDateTime();
    }
    Q_EMIT rememberedTokenChanged({});
}

QFuture<Result<void>> ServerSession::ready()
{
    {
        QMutexLocker lock(&m_mutex);
        const bool expiring = m_access.isEmpty() || (m_expiresAt.isValid() && m_clock->now().secsTo(m_expiresAt) <= margin.count());
        if (m_refresh.isEmpty() || !expiring)
            return readyFuture<void>(Result<void>::success());
    }
    return renew();
}

QFuture<Result<void>> ServerSession::renewAfter(const QString &rejected)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_refresh.isEmpty())
            return readyFuture<void>(AccountService::sessionEnded());
        if (!m_access.isEmpty() && m_access != rejected)
            return readyFuture<void>(Result<void>::success()); // renewed by another call meanwhile
    }
    return renew();
}

QFuture<Result<void>> ServerSession::renew()
{
    QMutexLocker lock(&m_mutex);
    if (m_renewing && !m_renewing->isFinished())
        return *m_renewing;
    auto promise = std::make_shared<QPromise<Result<void>>>();
    promise->start();
    m_renewing = promise->future();
    const QString spent = m_refresh;

    ApiRequest request;
    request.method = "POST";
    QUrl url = m_serverUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + QStringLiteral("/api/auth/refresh"));
    request.url = url;
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("refreshToken"), spent}}).toJson(QJsonDocument::Compact);
    request.service = QString::fromLatin1(ServerApi::serviceName);
    request.returnClientErrors = true;
    request.timeout = std::chrono::seconds(20);
    // Never repeated on its own: a refresh whose answer was lost spends the
    // token, and sending it again would look like theft and end the session.
    request.retry = RetryPolicy::none();
    lock.unlock();

    onFinished(m_client.send(request), this, [this, promise, spent](const Result<ApiResponse> &answer) {
        Result<QJsonObject> outcome = answer.ok()
            ? (answer.value().status >= 400 ? Result<QJsonObject>(ServerApi::errorFrom(answer.value()))
                                            : Result<QJsonObject>(answer.value().json.object()))
            : Result<QJsonObject>(answer.error());
        finishRenewal(spent, outcome);
        promise->addResult(outcome.ok() ? Result<void>::success() : Result<void>(outcome.error()));
        promise->finish();
    });
    return promise->future();
}

void ServerSession::finishRenewal(const QString &spent, const Result<QJsonObject> &answer)
{
    if (refreshToken() != spent)
        return; // signed out or in again meanwhile: this answer is about a session that is gone
    if (answer.ok() && !answer.value().value(QStringLiteral("token")).toString().isEmpty()) {
        adopt(answer.value());
        return;
    }
    if (!answer.ok() && answer.error().code == ErrorCode::Unauthorized) {
        // Ended on the server (signed out everywhere, expired, removed): forget it here too.
        qCInfo(lcAuth) << "the server ended the session:" << answer.error().detail;
        clear();
    }
    // Anything else (offline, server down) keeps the tokens: the next call tries again.
}

} // namespace huntaze
