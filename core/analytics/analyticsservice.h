#pragma once

#include "agency/membership.h"
#include "analytics/agencyanalytics.h"
#include "analytics/dashboard.h"
#include "analytics/earnings.h"
#include "common/result.h"

#include <QSqlDatabase>

namespace huntaze {

// Who may read and add a creator's earnings, message logs and engagement, and in which
// time zone and currency: the one place the embedded backend and the server go through.
// Runs on a database worker thread.
class AnalyticsService
{
public:
    // The dashboard of creator `creatorId` (0: the member's first) for the
    // request's range, in the creator's time zone; members whose role does
    // not see earnings (chatters), or who may not see that creator, are refused.
    static Result<analytics::Dashboard> dashboard(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                                  const analytics::DashboardRequest &request);
    // The same for a creator the caller checked the member may see: a
    // replica (issue 13) works it out from the roll-ups it keeps, with this code.
    static Result<analytics::Dashboard> dashboardOf(QSqlDatabase &db, const agency::CreatorScope &scope,
                                                    const analytics::DashboardRequest &request);
    // The creators the member may see side by side, and the team's members
    // (by creator and together), for the request's range ("all" is not
    // resolved: give a range). Owners and admins see everything; a chatter
    // sees their own messages only, without money; others are refused.
    static Result<analytics::AgencyAnalytics> agency(QSqlDatabase &db, const agency::Membership &member,
                                                     const analytics::DashboardRequest &request);
    // The agency's rule for crediting sales to its team; owners and admins only.
    static Result<void> setAttribution(QSqlDatabase &db, const agency::Membership &member, analytics::Attribution rule);
    // Statement lines, all or none; how many were new (a line imported
    // before counts once). Lines in another currency than the account's are
    // refused by the line's rules before they get here.
    static Result<int> importEarnings(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                      const QList<analytics::EarningEvent> &events);
    // Message log lines, all or none; how many were new (a message imported
    // before counts once). Members named by email become their id; an email
    // or id that is no member of the agency refuses the log.
    static Result<int> importMessages(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                      const QList<analytics::MessageEvent> &messages);
    // Engagement export lines, all or none; how many post days were new or
    // changed. Needs ImportData only (no money in them).
    static Result<int> importEngagement(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                        const QList<analytics::PostEngagement> &lines);
    // The account's currency of creator `creatorId` (0: the member's first), which statement lines must be in.
    static Result<QString> accountCurrency(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId);
};

} // namespace huntaze
