#include "sessionmanager.h"

#include "common/async.h"
#include "logging/logging.h"

#include <QPromise>

#include <memory>

namespace huntaze {

SessionManager::SessionManager(Backend &backend, SecretStore &secrets, UserStore &users, QObject *parent)
    : QObject(parent), m_backend(backend), m_secrets(secrets), m_users(users)
{
    // A server rotates its refresh token at each renewal: the keychain must
    // always hold the live one, or the next start presents a spent token
    // (which the server takes for a stolen copy, ending the session).
    connect(&m_backend, &Backend::sessionTokenChanged, this, [this](const QString &token) {
        if (!token.isEmpty())
            rememberToken(token);
    });
}

QFuture<Result<User>> SessionManager::signUp(const SignUpRequest &request)
{
    return startSession(m_backend.signUp(request));
}

QFuture<Result<User>> SessionManager::signIn(const QString &email, const QString &password, const QString &invitation)
{
    return startSession(m_backend.signIn(email, password, invitation));
}

QFuture<Result<User>> SessionManager::resetPasswordAndSignIn(const QString &email, const QString &code, const QString &newPassword)
{
    QFuture<Result<User>> signingIn = chainOn<Result<User>>(m_backend.resetPassword(email, code, newPassword), this,
                                                            [this, email, newPassword](const Result<void> &reset) -> QFuture<Result<User>> {
                                                                if (!reset.ok())
                                                                    return readyFuture<User>(reset.error());
                                                                return m_backend.signIn(email, newPassword, {});
                                                            });
    return startSession(signingIn);
}

QFuture<Result<User>> SessionManager::startSession(QFuture<Result<User>> signingIn)
{
    m_users.track(signingIn);
    onFinished(signingIn, this, [this](const Result<User> &user) {
        if (!user.ok())
            return;
        m_users.setUser(user.value());
        rememberToken(m_backend.sessionToken()); // a backend whose token never changes says so once, here
    });
    return signingIn;
}

QFuture<Result<void>> SessionManager::signOutEverywhere()
{
    QFuture<Result<void>> ending = m_backend.signOutEverywhere();
    onFinished(ending, this, [this](const Result<void> &ended) {
        if (ended.ok())
            (void)signOut(); // the token is gone already: only what this computer keeps is left to forget
    });
    return ending;
}

QFuture<Result<void>> SessionManager::signOut()
{
    QFuture<Result<void>> ending = m_backend.signOut();
    m_users.clearUser();
    m_users.clearError();
    onFinished(m_secrets.remove(secretKey()), this, [this](const Result<void> &removed) {
        if (!removed.ok())
            noteKeychainFailure(removed.error());
    });
    onFinished(ending, this, [](const Result<void> &ended) {
        if (!ended.ok())
            qCWarning(lcAuth) << "backend sign-out failed:" << ended.error().detail;
    });
    Q_EMIT signedOut();
    return ending;
}

QFuture<bool> SessionManager::restore()
{
    auto promise = std::make_shared<QPromise<bool>>();
    promise->start();
    setRestoring(true);
    auto finish = [this, promise](bool signedIn) {
        setRestoring(false);
        promise->addResult(signedIn);
        promise->finish();
    };

    onFinished(m_secrets.read(secretKey()), this, [this, finish](const Result<QString> &token) {
        if (!token.ok()) {
            if (token.error().code != ErrorCode::NotFound)
                noteKeychainFailure(token.error());
            finish(false);
            return;
        }
        onFinished(m_users.track(m_backend.restoreSession(token.value())), this, [this, finish](const Result<User> &user) {
            if (user.ok()) {
                m_users.setUser(user.value());
            } else {
                // A session that no longer exists is not an error the user must read.
                m_users.clearError();
                if (user.error().code == ErrorCode::Unauthorized)
                    (void)m_secrets.remove(secretKey());
            }
            finish(user.ok());
        });
    });
    return promise->future();
}

void SessionManager::rememberToken(const QString &token)
{
    if (token.isEmpty())
        return;
    onFinished(m_secrets.write(secretKey(), token), this, [this](const Result<void> &written) {
        if (!written.ok())
            noteKeychainFailure(written.error());
        else if (!m_keychainWarning.isEmpty()) {
            m_keychainWarning.clear();
            Q_EMIT keychainWarningChanged(m_keychainWarning);
        }
    });
}

void SessionManager::noteKeychainFailure(const Error &error)
{
    qCWarning(lcKeychain) << "keychain unavailable:" << error.detail;
    const QString warning = tr("Huntaze cannot use your system keychain, so it will not remember you after you quit. (%1)")
                                .arg(error.detail.isEmpty() ? error.message : error.detail);
    if (warning == m_keychainWarning)
        return;
    m_keychainWarning = warning;
    Q_EMIT keychainWarningChanged(m_keychainWarning);
}

void SessionManager::setRestoring(bool restoring)
{
    if (m_restoring == restoring)
        return;
    m_restoring = restoring;
    Q_EMIT restoringChanged(restoring);
}

} // namespace huntaze
