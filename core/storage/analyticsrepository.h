#pragma once

#include "agency/membership.h"
#include "analytics/earnings.h"
#include "analytics/earningsreport.h"
#include "analytics/fananalytics.h"
#include "common/result.h"
#include "storage/creatorset.h"

#include <QSqlDatabase>
#include <QTimeZone>

#include <optional>

namespace huntaze {

// A creator's earnings events and their roll-ups (by day and kind, by hour,
// by fan and day, by fan; issue 12), on SQLite and PostgreSQL alike. The
// roll-ups change in the same transaction as the events, so a chart never
// reads one without the other. Who may see or add
// earnings was decided before (agency::Membership); every statement filters
// on the scope.
class AnalyticsRepository
{
public:
    // `zone`: the creator's time zone, which decides the day and hour an event counts in.
    AnalyticsRepository(QSqlDatabase &db, const agency::CreatorScope &scope, QTimeZone zone);

    // Adds the events not already there (by identity) and counts them in the
    // roll-ups, in one transaction (or the caller's). How many were new.
    Result<int> addEarnings(const QList<analytics::EarningEvent> &events);
    // The local days `from` to `to` (both included) by kind, in day and kind order.
    Result<QList<analytics::EarningsDay>> earningsDays(const QDate &from, const QDate &to);
    // The hours of the local days `from` to `to`, summed by weekday and hour.
    Result<QList<analytics::HourOfWeek>> earningsByHourOfWeek(const QDate &from, const QDate &to);
    // The events from `from` (included) to `to` (excluded), in time order: exports, and checks.
    Result<QList<analytics::EarningEvent>> earnings(const QDateTime &from, const QDateTime &to);

    // The first and the last local day with earnings; none before the first import.
    Result<std::optional<QDate>> firstEarningDay();
    Result<std::optional<QDate>> lastEarningDay();

    // From the per-fan roll-ups (each fan's lifetime row, and their days
    // where a past day needs them):
    // the fans who paid something on the local days `from` to `to`;
    Result<qint64> spenders(const QDate &from, const QDate &to);
    // the fans subscribed at the end of `day`: their last subscription or
    // renewal came after their last expiry (an expiry on the same day ends it),
    // summed from the days on which fans became or stopped being subscribers;
    Result<qint64> activeSubscribers(const QDate &day);
    // what each fan who paid bought up to `day`, in fan order;
    Result<QList<analytics::FanLifetime>> fanLifetimes(const QDate &day);
    // for each month from `firstMonth` in which fans first subscribed (up to
    // `day`), how many of those fans subscribed or renewed in each later month.
    Result<QList<analytics::CohortActivity>> cohortActivity(const QDate &firstMonth, const QDate &day);

    // The first and the last local day with earnings.
    struct Span {
        QDate first;
        QDate last;
    };
    // The same figures for each of `creators`, in a statement or a few (the
    // agency view); a creator with none has no entry. `spans` are theirs.
    static Result<QHash<qint64, QList<analytics::EarningsDay>>> earningsDays(QSqlDatabase &db, const CreatorSet &creators,
                                                                             const QDate &from, const QDate &to);
    // The earnings of `range` and of the period before it, summed in the
    // database by kind and week (Monday to Sunday): each sum's day is its
    // week's first day in its period. totals() and earningsOverTime() by week
    // make of them what they make of the days, from a seventh of the rows.
    static Result<QHash<qint64, QList<analytics::EarningsDay>>> earningsWeeks(QSqlDatabase &db, const CreatorSet &creators,
                                                                              const analytics::DateRange &range);
    static Result<QHash<qint64, Span>> spans(QSqlDatabase &db, const CreatorSet &creators);
    static Result<QHash<qint64, qint64>> spenders(QSqlDatabase &db, const CreatorSet &creators, const QHash<qint64, Span> &spans,
                                                  const QDate &from, const QDate &to);
    static Result<QHash<qint64, qint64>> activeSubscribers(QSqlDatabase &db, const CreatorSet &creators, const QDate &day);

private:
    // This creator's figure from the one of a set.
    Result<qint64> ofThisCreator(const Result<QHash<qint64, qint64>> &byCreator) const;
    // The first and last day with earnings, read once per repository (a
    // dashboard asks for several figures); addEarnings forgets it.
    Result<std::optional<Span>> span();
    bool isPostgres() const { return m_db.driverName() == QLatin1String("QPSQL"); }

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
    QTimeZone m_zone;
    std::optional<std::optional<Span>> m_span;
};

} // namespace huntaze
