#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "domain/user.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>

#include <optional>

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

    // A session acts as the login's membership of one agency. Its tokens as
    // digests; `family` names it across refreshes. Invalid instants and an
    // empty refresh digest: it never expires and cannot be refreshed.
    struct NewSession {
        QByteArray tokenDigest;
        QByteArray family;
        QDateTime expiresAt;
        QByteArray refreshDigest;
        QDateTime refreshExpiresAt;
    };
    Result<void> createSession(const NewSession &session, qint64 userId, qint64 agencyId);

    // Whose refresh token this digest is, before anyone is known.
    struct RefreshToken {
        qint64 userId = 0;
        qint64 agencyId = 0;
        QByteArray family;
        bool spent = false; // an earlier token of its session, exchanged already
        QDateTime expiresAt;
    };
    Result<std::optional<RefreshToken>> findRefreshToken(const QByteArray &refreshDigest);
    // Inside the member's agency: gives the session `next`'s tokens in place
    // of `spent`'s, which is kept as spent. False when `spent` was exchanged
    // a moment ago by someone else (two holders).
    Result<bool> rotateSession(const RefreshToken &spent, const QByteArray &spentDigest, const NewSession &next);
    // Every token of one session, inside its agency.
    Result<void> endSessionFamily(const QByteArray &family, qint64 agencyId);
    // Sessions (and spent refresh tokens) dead before `at`, in every agency.
    Result<int> purgeExpiredSessions(const QDateTime &at);
    // The session's member with its agency, role and creators, stamping the
    // session as used. Unauthorized when the session does not exist (signed
    // out elsewhere, or never) or the member was removed.
    Result<User> userForSession(const QByteArray &tokenDigest, qint64 creatorId = 0, const QDateTime &now = {});
    // The same member, with its login (email, createdAt) and the creators it
    // sees (creators set): all a user's description needs (AgencyRepository::describeWithCreators).
    Result<agency::Membership> memberForSession(const QByteArray &tokenDigest, const QDateTime &now = {});
    Result<void> deleteSession(const QByteArray &tokenDigest);
    // Ends every session of `member`'s login but `keptDigest` (empty: all), in every
    // agency it belongs to (row-level security shows one agency at a time:
    // each is entered in turn, then `member`'s again).
    Result<void> endOtherSessions(const agency::Membership &member, const QByteArray &keptDigest);

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze
