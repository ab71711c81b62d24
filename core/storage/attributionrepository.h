#pragma once

#include "agency/membership.h"
#include "analytics/agencyanalytics.h"
#include "common/result.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace huntaze {

// The agency's sales attribution rule and the sales each rule credits to the
// team (issue 12), on SQLite and PostgreSQL alike. The sender rule reads the
// message roll-ups; the two others read a creator's statement lines of chat
// sales (analytics::chatSaleKinds) against the shifts or the conversations.
class AttributionRepository
{
public:
    explicit AttributionRepository(QSqlDatabase &db) : m_db(db) {}

    Result<analytics::Attribution> rule(qint64 agencyId);
    // For owners and admins (ManageMembers); recorded in the audit log.
    Result<void> setRule(const agency::Membership &manager, analytics::Attribution rule);

    // The creator's chat sales from `from` to before `to`: each split equally
    // among the members on shift for the creator at that instant (a shift
    // still open counts to its last activity).
    Result<analytics::CreditedSales> onShift(const agency::CreatorScope &scope, const QDateTime &from, const QDateTime &to,
                                             analytics::Amount amount);
    // The same sales, each credited to the last member who wrote to the fan
    // before it (within analytics::lastWriterWindowDays).
    Result<analytics::CreditedSales> lastWriter(const agency::CreatorScope &scope, const QDateTime &from, const QDateTime &to,
                                                analytics::Amount amount);

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze
