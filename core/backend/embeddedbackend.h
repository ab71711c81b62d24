#pragma once

#include "auth/passwordhasher.h"
#include "backend/backend.h"
#include "storage/sqlworker.h"

#include <QMutex>

namespace huntaze {

// The default backend: accounts and data in a SQLite file on this computer,
// usable offline with no setup. Database work and password hashing run on the
// SqlWorker's thread.
class EmbeddedBackend final : public Backend
{
    Q_OBJECT
public:
    explicit EmbeddedBackend(const QString &databasePath, PasswordHasher hasher = PasswordHasher(), QObject *parent = nullptr);
    ~EmbeddedBackend() override;

    QString identity() const override;
    QString databasePath() const { return m_worker.databasePath(); }

    QFuture<Result<void>> open() override;
    QFuture<Result<User>> signUp(const SignUpRequest &request) override;
    QFuture<Result<User>> signIn(const QString &email, const QString &password) override;
    QFuture<Result<User>> restoreSession(const QString &token) override;
    QFuture<Result<void>> signOut() override;
    QFuture<Result<User>> currentUser() override;
    QFuture<Result<User>> updateProfile(const Profile &profile) override;
    QString sessionToken() const override;

    void shutdown() override;

private:
    Result<User> startSession(QSqlDatabase &db, const User &user);
    void setSessionToken(const QString &token);

    PasswordHasher m_hasher;
    mutable QMutex m_tokenMutex;
    QString m_token;
    SqlWorker m_worker; // last: destroyed first, so no job outlives the members above
};

} // namespace huntaze
