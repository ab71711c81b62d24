#pragma once

#include "agency/membership.h"
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

    // The login, its agency of one (which it owns) and that agency's first
    // creator (`profile`), in one transaction. The returned user carries only
    // the login and agencyId. ErrorCode::AlreadyExists when the (normalised)
    // email is taken.
    // With an invitation code, the login joins that agency instead.
    Result<User> createUser(const QString &email, const QByteArray &passwordHash, const Profile &profile, const QString &invitation = {});
    // Inside the caller's transaction: Forbidden unless this database holds
    // no account yet (two first sign-ups at once: one wins, the other waits
    // for it and is refused).
    Result<void> requireNoAccountYet();
    // ErrorCode::NotFound when no account has this email.
    Result<StoredAccount> findByEmail(const QString &email);
    Result<User> findById(qint64 userId); // the login only
    Result<void> updatePasswordHash(qint64 userId, const QByteArray &passwordHash);

    // A session acts as the login's membership of one agency.
    Result<void> createSession(const QByteArray &tokenDigest, qint64 userId, qint64 agencyId);
    // The session's member with its agency, role and creators, stamping the
    // session as used. Unauthorized when the session does not exist (signed
    // out elsewhere, or never) or the member was removed.
    Result<User> userForSession(const QByteArray &tokenDigest, qint64 creatorId = 0);
    Result<void> deleteSession(const QByteArray &tokenDigest);
    // Ends every session of `member`'s login but `keptDigest` (empty: all), in every
    // agency it belongs to (row-level security shows one agency at a time:
    // each is entered in turn, then `member`'s again).
    Result<void> endOtherSessions(const agency::Membership &member, const QByteArray &keptDigest);

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze
