#include "accountrepository.h"

#include "storage/agencyrepository.h"
#include "storage/sqlworker.h"
#include "storage/teamrepository.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {

QString now()
{
    return sqlTimestamp(QDateTime::currentDateTimeUtc());
}

const QString selectUser = QStringLiteral("SELECT u.id, u.email, u.created_at, u.password_hash FROM users u ");

User userFromRow(const QSqlQuery &row)
{
    User user;
    user.id = row.value(0).toLongLong();
    user.email = row.value(1).toString();
    user.createdAt = dateTimeFromSql(row.value(2));
    return user;
}

Error notSignedIn()
{
    return Error{ErrorCode::Unauthorized,
                 QCoreApplication::translate("huntaze::AccountRepository", "Your session has ended. Please sign in again."),
                 {},
                 {}};
}

} // namespace

Result<User> AccountRepository::createUser(const QString &email, const QByteArray &passwordHash, const Profile &profile,
                                           const QString &invitation)
{
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    auto fail = [](const QString &what, const QSqlError &error) { return storageError(what, error); };

    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT 1 FROM users WHERE email = ?"));
    query.addBindValue(email);
    if (!query.exec())
        return fail(QStringLiteral("check email"), query.lastError());
    const Error taken{
        ErrorCode::AlreadyExists,
        QCoreApplication::translate("huntaze::AccountRepository", "An account with this email already exists. Sign in instead."),
        {},
        QStringLiteral("email")};
    if (query.next())
        return taken;

    const QString createdAt = now();
    // RETURNING rather than lastInsertId(): PostgreSQL tables have no OIDs for Qt to report.
    query.prepare(QStringLiteral("INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) RETURNING id"));
    query.addBindValue(email);
    query.addBindValue(QString::fromLatin1(passwordHash));
    query.addBindValue(createdAt);
    if (!query.exec() || !query.next()) {
        // Two sign-ups with one email at the same moment both pass the check above; the UNIQUE index decides.
        if (isUniqueViolation(query.lastError()))
            return taken;
        return fail(QStringLiteral("insert user"), query.lastError());
    }
    const qint64 userId = query.value(0).toLongLong();
    query.finish();

    // Every account starts as the owner of an agency of one, holding its
    // first creator, unless an invitation brings it into an agency.
    const QString agencyName = profile.displayName.isEmpty() ? email : profile.displayName;
    const Result<qint64> agencyId = invitation.isEmpty() ? AgencyRepository(m_db).createAgencyOfOne(userId, agencyName, profile, createdAt)
                                                         : TeamRepository(m_db).redeem(invitation, userId);
    if (!agencyId.ok())
        return agencyId.error();
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    Result<User> user = findById(userId);
    if (user.ok())
        user.value().agencyId = agencyId.value();
    return user;
}

Result<AccountRepository::StoredAccount> AccountRepository::findByEmail(const QString &email)
{
    QSqlQuery query(m_db);
    query.prepare(selectUser + QStringLiteral("WHERE u.email = ?"));
    query.addBindValue(email);
    if (!query.exec())
        return storageError(QStringLiteral("find user by email"), query.lastError());
    if (!query.next())
        return Error{ErrorCode::NotFound, {}, {}, {}};
    return StoredAccount{userFromRow(query), query.value(3).toString().toLatin1()};
}

Result<User> AccountRepository::findById(qint64 userId)
{
    QSqlQuery query(m_db);
    query.prepare(selectUser + QStringLiteral("WHERE u.id = ?"));
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("find user by id"), query.lastError());
    if (!query.next())
        return notSignedIn();
    return userFromRow(query);
}

Result<void> AccountRepository::updatePasswordHash(qint64 userId, const QByteArray &passwordHash)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
    query.addBindValue(QString::fromLatin1(passwordHash));
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("update password hash"), query.lastError());
    return Result<void>::success();
}

Result<void> AccountRepository::requireNoAccountYet()
{
    QSqlQuery query(m_db);
    if (m_db.driverName() == QLatin1String("QPSQL")) {
        // Held to the end of the transaction: the second of two racing first
        // sign-ups sees the first one's account.
        if (!query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext('huntaze.first_account'))")))
            return storageError(QStringLiteral("lock first account"), query.lastError());
    }
    if (!query.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM users)")) || !query.next())
        return storageError(QStringLiteral("look for accounts"), query.lastError());
    if (query.value(0).toBool())
        return Error{ErrorCode::Forbidden,
                     QCoreApplication::translate("huntaze::AccountRepository",
                                                 "This server takes new accounts by invitation only. Ask an owner or admin of your "
                                                 "agency for an invitation code, and enter it here."),
                     {},
                     QStringLiteral("invitation")};
    return Result<void>::success();
}

Result<void> AccountRepository::endOtherSessions(const agency::Membership &member, const QByteArray &keptDigest)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT agency_id FROM members WHERE user_id = ?"));
    query.addBindValue(member.userId);
    if (!query.exec())
        return storageError(QStringLiteral("list memberships"), query.lastError());
    QList<qint64> agencies;
    while (query.next())
        agencies.append(query.value(0).toLongLong());
    query.finish();
    AgencyRepository agencyRepository(m_db);
    for (const qint64 agencyId : std::as_const(agencies)) {
        if (Result<void> entered = agencyRepository.enterAs(member.userId, agencyId); !entered.ok())
            return entered;
        // No digest kept: every session (an empty bytea may bind as NULL, which matches nothing).
        query.prepare(keptDigest.isEmpty()
                          ? QStringLiteral("DELETE FROM sessions WHERE agency_id = ? AND user_id = ?")
                          : QStringLiteral("DELETE FROM sessions WHERE agency_id = ? AND user_id = ? AND token_digest <> ?"));
        query.addBindValue(agencyId);
        query.addBindValue(member.userId);
        if (!keptDigest.isEmpty())
            query.addBindValue(keptDigest);
        if (!query.exec())
            return storageError(QStringLiteral("end other sessions"), query.lastError());
    }
    return agencyRepository.enter(member);
}

namespace {

QVariant bytesOrNull(const QByteArray &bytes)
{
    return bytes.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(bytes);
}

} // namespace

Result<void> AccountRepository::createSession(const NewSession &session, qint64 userId, qint64 agencyId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO sessions (token_digest, user_id, agency_id, created_at, last_used_at, family, expires_at, "
                                 "refresh_digest, refresh_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString createdAt = now();
    query.addBindValue(session.tokenDigest);
    query.addBindValue(userId);
    query.addBindValue(agencyId);
    query.addBindValue(createdAt);
    query.addBindValue(createdAt);
    query.addBindValue(session.family);
    query.addBindValue(sqlTimestampOrNull(session.expiresAt));
    query.addBindValue(bytesOrNull(session.refreshDigest));
    query.addBindValue(sqlTimestampOrNull(session.refreshExpiresAt));
    if (!query.exec())
        return storageError(QStringLiteral("create session"), query.lastError());
    return Result<void>::success();
}

Result<std::optional<AccountRepository::RefreshToken>> AccountRepository::findRefreshToken(const QByteArray &refreshDigest)
{
    QSqlQuery query(m_db);
    // On PostgreSQL nobody is known yet: a look-up as the tables' owner (0013).
    query.prepare(m_db.driverName() == QLatin1String("QPSQL")
                      ? QStringLiteral("SELECT user_id, agency_id, family, spent, expires_at FROM huntaze_find_refresh_token(?)")
                      : QStringLiteral("SELECT user_id, agency_id, family, 0, refresh_expires_at FROM sessions WHERE refresh_digest = ? "
                                       "UNION ALL SELECT user_id, agency_id, family, 1, expires_at FROM spent_refresh_tokens "
                                       "WHERE digest = ?"));
    query.addBindValue(refreshDigest);
    if (m_db.driverName() != QLatin1String("QPSQL"))
        query.addBindValue(refreshDigest);
    if (!query.exec())
        return storageError(QStringLiteral("find refresh token"), query.lastError());
    if (!query.next())
        return std::optional<RefreshToken>();
    RefreshToken found{query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toByteArray(), query.value(3).toBool(),
                       dateTimeFromSql(query.value(4))};
    query.finish();
    return std::optional<RefreshToken>(found);
}

Result<bool> AccountRepository::rotateSession(const RefreshToken &spent, const QByteArray &spentDigest, const NewSession &next)
{
    QSqlQuery query(m_db);
    // The refresh digest in the WHERE: of two exchanges of one token at once,
    // the second finds it gone (PostgreSQL re-reads the row once the first commits).
    query.prepare(QStringLiteral("UPDATE sessions SET token_digest = ?, expires_at = ?, refresh_digest = ?, refresh_expires_at = ?, "
                                 "last_used_at = ? WHERE agency_id = ? AND family = ? AND refresh_digest = ?"));
    query.addBindValue(next.tokenDigest);
    query.addBindValue(sqlTimestampOrNull(next.expiresAt));
    query.addBindValue(next.refreshDigest);
    query.addBindValue(sqlTimestampOrNull(next.refreshExpiresAt));
    query.addBindValue(now());
    query.addBindValue(spent.agencyId);
    query.addBindValue(spent.family);
    query.addBindValue(spentDigest);
    if (!query.exec())
        return storageError(QStringLiteral("rotate session"), query.lastError());
    if (query.numRowsAffected() != 1)
        return false;
    query.prepare(
        QStringLiteral("INSERT INTO spent_refresh_tokens (digest, agency_id, user_id, family, expires_at) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(spentDigest);
    query.addBindValue(spent.agencyId);
    query.addBindValue(spent.userId);
    query.addBindValue(spent.family);
    query.addBindValue(sqlTimestamp(spent.expiresAt));
    if (!query.exec())
        return storageError(QStringLiteral("keep spent refresh token"), query.lastError());
    return true;
}

Result<void> AccountRepository::endSessionFamily(const QByteArray &family, qint64 agencyId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM sessions WHERE agency_id = ? AND family = ?"));
    query.addBindValue(agencyId);
    query.addBindValue(family);
    if (!query.exec())
        return storageError(QStringLiteral("end session"), query.lastError());
    return Result<void>::success();
}

Result<int> AccountRepository::purgeExpiredSessions(const QDateTime &at)
{
    QSqlQuery query(m_db);
    if (m_db.driverName() == QLatin1String("QPSQL")) {
        // Row-level security shows one agency at a time; the owner's function sees the dead rows of all (0013).
        query.prepare(QStringLiteral("SELECT huntaze_purge_expired_sessions(?)"));
        query.addBindValue(sqlTimestamp(at));
        if (!query.exec() || !query.next())
            return storageError(QStringLiteral("purge sessions"), query.lastError());
        return query.value(0).toInt();
    }
    query.prepare(QStringLiteral("DELETE FROM spent_refresh_tokens WHERE expires_at < ?"));
    query.addBindValue(sqlTimestamp(at));
    if (!query.exec())
        return storageError(QStringLiteral("purge spent refresh tokens"), query.lastError());
    query.prepare(QStringLiteral("DELETE FROM sessions WHERE COALESCE(refresh_expires_at, expires_at) < ?"));
    query.addBindValue(sqlTimestamp(at));
    if (!query.exec())
        return storageError(QStringLiteral("purge sessions"), query.lastError());
    return query.numRowsAffected();
}

Result<User> AccountRepository::userForSession(const QByteArray &tokenDigest, qint64 creatorId, const QDateTime &now)
{
    const Result<agency::Membership> member = memberForSession(tokenDigest, now);
    if (!member.ok())
        return member.error();
    return AgencyRepository::userOf(member.value(), creatorId);
}

Result<agency::Membership> AccountRepository::memberForSession(const QByteArray &tokenDigest, const QDateTime &now)
{
    AgencyRepository agencies(m_db);
    Result<agency::Membership> member = agencies.membershipForSession(tokenDigest, true, now);
    if (!member.ok())
        return member;
    if (member.value().email.isEmpty()) { // SQLite: the look-up did not bring the login along
        const Result<User> user = findById(member.value().userId);
        if (!user.ok())
            return user.error();
        member.value().email = user.value().email;
        member.value().createdAt = user.value().createdAt;
    }
    if (!member.value().creators) {
        const Result<QList<Creator>> creators = agencies.visibleCreators(member.value());
        if (!creators.ok())
            return creators.error();
        member.value().creators = creators.value();
    }
    return member;
}

Result<void> AccountRepository::deleteSession(const QByteArray &tokenDigest)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM sessions WHERE token_digest = ?"));
    query.addBindValue(tokenDigest);
    if (!query.exec())
        return storageError(QStringLiteral("delete session"), query.lastError());
    return Result<void>::success();
}

} // namespace huntaze
