#pragma once

#include "agency/membership.h"
#include "analytics/agencyanalytics.h"
#include "analytics/earningsreport.h"
#include "common/result.h"
#include "storage/creatorset.h"

#include <QDateTime>
#include <QSet>
#include <QSqlDatabase>

namespace huntaze {

// The agency's sales attribution rule and the sales each rule credits to the
// team (issue 12), on SQLite and PostgreSQL alike. The sender rule reads the
// message roll-ups; the two others credit a creator's statement lines of chat
// sales (analytics::chatSaleKinds) by the shifts or the conversations, kept
// per local day in sale_credits. Whoever changes what a day's sales are
// credited to marks the day stale in the same transaction; the next read
// works the day out again (so a figure is never older than the data).
class AttributionRepository
{
public:
    explicit AttributionRepository(QSqlDatabase &db) : m_db(db) {}

    Result<analytics::Attribution> rule(qint64 agencyId);
    // For owners and admins (ManageMembers); recorded in the audit log.
    Result<void> setRule(const agency::Membership &manager, analytics::Attribution rule);

    // Each of `creators`' chat sales on the local days of `range` (every one
    // has an entry), credited by `rule` (shift or last writer; nothing for
    // the sender rule): under the shift rule each sale is split equally among
    // the members on shift for the creator at that instant (a shift still
    // open counts to its last activity); under the last-writer rule it goes
    // to the last member who wrote to the fan before it (within
    // analytics::lastWriterWindowDays).
    Result<QHash<qint64, analytics::CreditedSales>> credited(const CreatorSet &creators, analytics::Attribution rule,
                                                             const analytics::DateRange &range, analytics::Amount amount);

    // What the writers call in their transaction. New chat sales on `days`:
    // both rules change there.
    Result<void> salesAdded(const agency::CreatorScope &scope, const QSet<QDate> &days);
    // New team messages on `days`: the last writer of the sales in the window after each changes.
    Result<void> teamWrote(const agency::CreatorScope &scope, const QSet<QDate> &days);
    // A shift's end moved from `from` to `to` (instants): who was on shift in between changes.
    Result<void> shiftMoved(const agency::CreatorScope &scope, const QDateTime &from, const QDateTime &to);

private:
    struct DayCredit {
        QDate day;
        qint64 memberId = 0; // 0: credited to nobody
        qint64 grossCents = 0;
        qint64 netCents = 0;
    };
    struct StaleDay {
        QDate day;
        qint64 generation = 0;
    };

    Result<void> markStale(const agency::CreatorScope &scope, analytics::Attribution rule, const QSet<QDate> &days);
    // By creator, in day order.
    Result<QHash<qint64, QList<StaleDay>>> staleDays(const CreatorSet &creators, analytics::Attribution rule,
                                                     const analytics::DateRange &range);
    Result<QList<DayCredit>> workOut(const agency::CreatorScope &scope, analytics::Attribution rule, const analytics::DateRange &days);
    Result<QList<DayCredit>> workOutOnShift(const agency::CreatorScope &scope, const analytics::DateRange &days);
    Result<QList<DayCredit>> workOutLastWriter(const agency::CreatorScope &scope, const analytics::DateRange &days);
    Result<void> store(const agency::CreatorScope &scope, analytics::Attribution rule, const QList<StaleDay> &stale,
                       const QList<DayCredit> &credits);

    QSqlDatabase &m_db;
};

} // namespace huntaze
