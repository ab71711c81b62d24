#include "accountrepository.h"

#include "storage/sqlworker.h"

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

QString platformsToJson(const QStringList &platforms)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(platforms)).toJson(QJsonDocument::Compact));
}

QStringList platformsFromJson(const QString &json)
{
    QStringList platforms;
    for (const auto &value : QJsonDocument::fromJson(json.toUtf8()).array())
        platforms.append(value.toString());
    return platforms;
}

const QString selectUser
    = QStringLiteral("SELECT u.id, u.email, u.created_at, u.password_hash, p.display_name, p.niche, p.audience, p.tone, p.platforms, "
                     "p.time_zone FROM users u LEFT JOIN profiles p ON p.user_id = u.id ");

User userFromRow(const QSqlQuery &row)
{
    User user;
    user.id = row.value(0).toLongLong();
    user.email = row.value(1).toString();
    user.createdAt = dateTimeFromSql(row.value(2));
    user.profile.displayName = row.value(4).toString();
    user.profile.niche = row.value(5).toString();
    user.profile.audience = row.value(6).toString();
    user.profile.tone = row.value(7).toString();
    user.profile.platforms = platformsFromJson(row.value(8).toString());
    user.profile.timeZone = row.value(9).toString();
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

Result<User> AccountRepository::createUser(const QString &email, const QByteArray &passwordHash, const Profile &profile)
{
    if (!m_db.transaction())
        return storageError(QStringLiteral("begin sign-up"), m_db.lastError());
    auto fail = [this](const QString &what, const QSqlError &error) {
        m_db.rollback();
        return storageError(what, error);
    };

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
    if (query.next()) {
        m_db.rollback();
        return taken;
    }

    const QString createdAt = now();
    // RETURNING rather than lastInsertId(): PostgreSQL tables have no OIDs for Qt to report.
    query.prepare(QStringLiteral("INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) RETURNING id"));
    query.addBindValue(email);
    query.addBindValue(QString::fromLatin1(passwordHash));
    query.addBindValue(createdAt);
    if (!query.exec() || !query.next()) {
        // Two sign-ups with one email at the same moment both pass the check above; the UNIQUE index decides.
        if (isUniqueViolation(query.lastError())) {
            m_db.rollback();
            return taken;
        }
        return fail(QStringLiteral("insert user"), query.lastError());
    }
    const qint64 userId = query.value(0).toLongLong();
    query.finish();

    query.prepare(QStringLiteral("INSERT INTO profiles (user_id, display_name, niche, audience, tone, platforms, time_zone, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(userId);
    query.addBindValue(sqlText(profile.displayName));
    query.addBindValue(sqlText(profile.niche));
    query.addBindValue(sqlText(profile.audience));
    query.addBindValue(sqlText(profile.tone));
    query.addBindValue(platformsToJson(profile.platforms));
    query.addBindValue(sqlText(profile.timeZone));
    query.addBindValue(createdAt);
    if (!query.exec())
        return fail(QStringLiteral("insert profile"), query.lastError());
    if (!m_db.commit())
        return fail(QStringLiteral("commit sign-up"), m_db.lastError());
    return findById(userId);
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

Result<void> AccountRepository::createSession(const QByteArray &tokenDigest, qint64 userId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO sessions (token_digest, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?)"));
    const QString createdAt = now();
    query.addBindValue(tokenDigest);
    query.addBindValue(userId);
    query.addBindValue(createdAt);
    query.addBindValue(createdAt);
    if (!query.exec())
        return storageError(QStringLiteral("create session"), query.lastError());
    return Result<void>::success();
}

Result<qint64> AccountRepository::userIdForSession(const QByteArray &tokenDigest)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT user_id FROM sessions WHERE token_digest = ?"));
    query.addBindValue(tokenDigest);
    if (!query.exec())
        return storageError(QStringLiteral("find session"), query.lastError());
    if (!query.next())
        return notSignedIn();
    return query.value(0).toLongLong();
}

Result<User> AccountRepository::userForSession(const QByteArray &tokenDigest)
{
    const Result<qint64> found = userIdForSession(tokenDigest);
    if (!found.ok())
        return found.error();
    const qint64 userId = found.value();

    // At most one write a minute per session: a server answering /api/me for
    // every window of every creator must not turn each read into a commit.
    QSqlQuery query(m_db);
    const QDateTime stamp = QDateTime::currentDateTimeUtc();
    query.prepare(QStringLiteral("UPDATE sessions SET last_used_at = ? WHERE token_digest = ? AND last_used_at < ?"));
    query.addBindValue(sqlTimestamp(stamp));
    query.addBindValue(tokenDigest);
    query.addBindValue(sqlTimestamp(stamp.addSecs(-60)));
    if (!query.exec())
        return storageError(QStringLiteral("touch session"), query.lastError());
    return findById(userId);
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

Result<User> AccountRepository::updateProfile(qint64 userId, const Profile &profile)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE profiles SET display_name = ?, niche = ?, audience = ?, tone = ?, platforms = ?, "
                                 "time_zone = ?, updated_at = ? WHERE user_id = ?"));
    query.addBindValue(sqlText(profile.displayName));
    query.addBindValue(sqlText(profile.niche));
    query.addBindValue(sqlText(profile.audience));
    query.addBindValue(sqlText(profile.tone));
    query.addBindValue(platformsToJson(profile.platforms));
    query.addBindValue(sqlText(profile.timeZone));
    query.addBindValue(now());
    query.addBindValue(userId);
    if (!query.exec())
        return storageError(QStringLiteral("update profile"), query.lastError());
    if (query.numRowsAffected() != 1)
        return notSignedIn();
    return findById(userId);
}

} // namespace huntaze
