#include "passwordresetrepository.h"

#include "agency/audit.h"
#include "agency/invitationcode.h"
#include "storage/agencyrepository.h"
#include "storage/auditrepository.h"
#include "storage/sqlworker.h"
#include "storage/teamrepository.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

Error PasswordResetRepository::invalidCode()
{
    return Error::validation(QStringLiteral("code"),
                             QCoreApplication::translate("huntaze::PasswordResetRepository",
                                                         "This reset code does not work for this email: it may be mistyped, used, or more "
                                                         "than a day old. Ask an owner or admin of your agency for a new one."));
}

Result<PasswordResetRepository::Issued> PasswordResetRepository::issue(const agency::Membership &manager, qint64 userId,
                                                                       const QDateTime &now)
{
    TeamRepository team(m_db);
    if (const Result<agency::Membership> member = team.manageableMember(manager, userId); !member.ok())
        return member.error();
    Issued issued{agency::invitationcode::generate(), now.addDays(1)};
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO password_resets (agency_id, code_digest, user_id, created_by, created_at, expires_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(manager.agencyId);
    query.addBindValue(agency::invitationcode::digest(issued.code));
    query.addBindValue(userId);
    query.addBindValue(manager.userId);
    query.addBindValue(sqlTimestamp(now));
    query.addBindValue(sqlTimestamp(issued.expiresAt));
    if (!query.exec())
        return storageError(QStringLiteral("issue password reset"), query.lastError());
    if (Result<void> logged = AuditRepository(m_db).record(manager.agencyId, manager.userId, 0, audit::passwordResetIssued,
                                                           {{QStringLiteral("member"), team.emailOf(userId)}});
        !logged.ok())
        return logged.error();
    return issued;
}

Result<PasswordResetRepository::Redeemed> PasswordResetRepository::redeem(const QString &typedCode, const QString &normalizedEmail,
                                                                          const QDateTime &now)
{
    const QString code = agency::invitationcode::normalise(typedCode);
    if (code.isEmpty())
        return invalidCode();
    const QByteArray digest = agency::invitationcode::digest(code);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT r.agency_id, r.user_id, r.expires_at, r.used_at, u.email FROM huntaze_find_password_reset(?) r "
                                 "JOIN users u ON u.id = r.user_id"));
    query.addBindValue(digest);
    if (!query.exec())
        return storageError(QStringLiteral("find password reset"), query.lastError());
    if (!query.next() || !query.value(3).isNull() || dateTimeFromSql(query.value(2)) <= now || query.value(4).toString() != normalizedEmail)
        return invalidCode();
    const Redeemed redeemed{query.value(1).toLongLong(), query.value(0).toLongLong()};
    query.finish();
    if (Result<void> entered = AgencyRepository(m_db).enterAs(redeemed.userId, redeemed.agencyId); !entered.ok())
        return entered.error();
    // used_at IS NULL in the WHERE: of two uses at once, the second changes nothing and is refused.
    query.prepare(QStringLiteral("UPDATE password_resets SET used_at = ? WHERE agency_id = ? AND code_digest = ? AND used_at IS NULL"));
    query.addBindValue(sqlTimestamp(now));
    query.addBindValue(redeemed.agencyId);
    query.addBindValue(digest);
    if (!query.exec())
        return storageError(QStringLiteral("spend password reset"), query.lastError());
    if (query.numRowsAffected() != 1)
        return invalidCode();
    return redeemed;
}

} // namespace huntaze
