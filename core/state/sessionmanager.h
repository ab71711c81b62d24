#pragma once

#include "auth/secretstore.h"
#include "backend/backend.h"
#include "state/userstore.h"

#include <QFuture>
#include <QObject>

namespace huntaze {

// Signs the user in and out and remembers the session across restarts in the
// OS keychain. Without a usable keychain everything still works; the session
// is just not remembered, and keychainWarning says so.
class SessionManager : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString keychainWarning READ keychainWarning NOTIFY keychainWarningChanged)
    Q_PROPERTY(bool restoring READ isRestoring NOTIFY restoringChanged)

public:
    SessionManager(Backend &backend, SecretStore &secrets, UserStore &users, QObject *parent = nullptr);

    QFuture<Result<User>> signUp(const SignUpRequest &request);
    QFuture<Result<User>> signIn(const QString &email, const QString &password, const QString &invitation = {});
    // Sets a forgotten password with a reset code, then signs in with it.
    QFuture<Result<User>> resetPasswordAndSignIn(const QString &email, const QString &code, const QString &newPassword);
    // Whether signing up or in may carry an agency's invitation code (on a server).
    bool acceptsInvitations() const { return m_backend.hasTeam(); }
    // Ends the session at once for the UI; the backend and keychain follow.
    QFuture<Result<void>> signOut();
    // Every session of the login ends, this one too; signed out here once the backend agrees.
    QFuture<Result<void>> signOutEverywhere();

    // Looks for a remembered session and signs it in. The future gives true
    // when a user is signed in afterwards.
    QFuture<bool> restore();
    bool isRestoring() const { return m_restoring; }

    // Empty while the keychain works; otherwise why sessions are not remembered.
    QString keychainWarning() const { return m_keychainWarning; }

    // The keychain entry that holds this backend's session token.
    QString secretKey() const { return secretKeyFor(m_backend.identity()); }
    // The same for the backend of `identity` (Backend::identity()).
    static QString secretKeyFor(const QString &identity) { return QStringLiteral("session/") + identity; }

Q_SIGNALS:
    void keychainWarningChanged(const QString &warning);
    void restoringChanged(bool restoring);
    void signedOut();

private:
    QFuture<Result<User>> startSession(QFuture<Result<User>> signingIn);
    void rememberToken(const QString &token);
    void noteKeychainFailure(const Error &error);
    void setRestoring(bool restoring);

    Backend &m_backend;
    SecretStore &m_secrets;
    UserStore &m_users;
    QString m_keychainWarning;
    bool m_restoring = false;
};

} // namespace huntaze
