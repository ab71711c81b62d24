#pragma once

#include "common/result.h"
#include "net/clock.h"

#include <QDateTime>
#include <QFuture>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QUrl>

#include <optional>

namespace huntaze {

class ApiClient;

// The desktop's session on a huntaze-server: the short-lived access token
// every call carries, and the refresh token that gets the next pair (the one
// SessionManager keeps in the OS keychain). Renews shortly before the access
// token expires and once after a 401, with one refresh call however many
// requests wait for it: the user never sees a 401 a refresh could avoid.
// A server that hands out tokens that never expire (no refresh token) is
// served as before.
class ServerSession : public QObject
{
    Q_OBJECT
public:
    ServerSession(ApiClient &client, QUrl serverUrl, QObject *parent = nullptr);

    void useClock(Clock &clock) { m_clock = &clock; }

    QString accessToken() const;
    QString refreshToken() const;
    // What to remember across restarts: the refresh token, or the only token there is.
    QString rememberedToken() const;
    bool isOpen() const { return !rememberedToken().isEmpty(); }

    // The tokens of a sign-in, sign-up or refresh answer ({token, expiresIn, refreshToken}).
    void adopt(const QJsonObject &answer);
    // After a restart: only the remembered refresh token; the next call refreshes first.
    void resume(const QString &refreshToken);
    void clear();

    // Finishes when a call may go: at once while the access token has more
    // than `margin` left, else once the (shared) refresh is done.
    QFuture<Result<void>> ready();
    // After a call made with `rejected` was refused (401): renews, unless a
    // renewal since already replaced that token.
    QFuture<Result<void>> renewAfter(const QString &rejected);
    // Whether a refused call can be helped by renewing.
    bool canRenew() const;

    static constexpr std::chrono::seconds margin{60};

Q_SIGNALS:
    // The token to remember changed (each refresh rotates it); empty: the session ended.
    void rememberedTokenChanged(const QString &token);

private:
    QFuture<Result<void>> renew();
    void finishRenewal(const QString &spent, const Result<QJsonObject> &answer);

    ApiClient &m_client;
    QUrl m_serverUrl;
    Clock *m_clock = &Clock::system();
    mutable QMutex m_mutex;
    QString m_access;
    QString m_refresh;
    QDateTime m_expiresAt; // invalid: never, or unknown (resumed)
    std::optional<QFuture<Result<void>>> m_renewing;
};

} // namespace huntaze
