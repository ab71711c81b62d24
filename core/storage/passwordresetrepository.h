#pragma once

#include "agency/membership.h"
#include "common/result.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace huntaze {

// One-time password reset codes in PostgreSQL (a server's): issued by a
// manager for a member, used once by that member. Runs inside the caller's
// transaction.
class PasswordResetRepository
{
public:
    explicit PasswordResetRepository(QSqlDatabase &db) : m_db(db) {}

    struct Issued {
        QString code; // shown once
        QDateTime expiresAt;
    };
    // By a member who may manage `userId` (owners anyone, admins anyone but owners); audited.
    Result<Issued> issue(const agency::Membership &manager, qint64 userId, const QDateTime &now);

    // The login a valid code resets, when `email` is that login's; the code is
    // then spent. The same error for an unknown, used, expired or mismatched
    // code, so a guess learns nothing.
    struct Redeemed {
        qint64 userId = 0;
        qint64 agencyId = 0;
    };
    Result<Redeemed> redeem(const QString &typedCode, const QString &normalizedEmail, const QDateTime &now);

    static Error invalidCode();

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze
