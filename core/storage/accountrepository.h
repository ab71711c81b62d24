#pragma once

#include "common/result.h"
#include "domain/user.h"

#include <QByteArray>
#include <QSqlDatabase>

namespace huntaze {

// Users, their profiles and their sessions in SQL. Runs on the connection's
// own thread (see SqlWorker); every value is a bound parameter.
class AccountRepository
{
public:
    explicit AccountRepository(QSqlDatabase &db) : m_db(db) {}

    struct StoredAccount {
        User user;
        QByteArray passwordHash;
    };

    // ErrorCode::AlreadyExists when the (normalised) email is taken.
    Result<User> createUser(const QString &email, const QByteArray &passwordHash, const Profile &profile);
    // ErrorCode::NotFound when no account has this email.
    Result<StoredAccount> findByEmail(const QString &email);
    Result<User> findById(qint64 userId);
    Result<void> updatePasswordHash(qint64 userId, const QByteArray &passwordHash);

    Result<void> createSession(const QByteArray &tokenDigest, qint64 userId);
    // ErrorCode::Unauthorized when the session does not exist (signed out elsewhere, or never).
    Result<User> userForSession(const QByteArray &tokenDigest);
    // The session's account without stamping it as used (for every data query).
    Result<qint64> userIdForSession(const QByteArray &tokenDigest);
    Result<void> deleteSession(const QByteArray &tokenDigest);

    Result<User> updateProfile(qint64 userId, const Profile &profile);

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze
