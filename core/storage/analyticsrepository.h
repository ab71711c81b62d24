#pragma once

#include "agency/membership.h"
#include "analytics/earnings.h"
#include "analytics/fananalytics.h"
#include "common/result.h"

#include <QSqlDatabase>
#include <QTimeZone>

#include <optional>

namespace huntaze {

// A creator's earnings events and their hourly roll-ups (issue 12), on SQLite
// and PostgreSQL alike. The roll-ups change in the same transaction as the
// events, so a chart never reads one without the other. Who may see or add
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
    // The roll-ups of the local days `from` to `to` (both included), in day, hour and kind order.
    Result<QList<analytics::EarningsRollup>> earningsRollups(const QDate &from, const QDate &to);
    // The events from `from` (included) to `to` (excluded), in time order: exports, and checks.
    Result<QList<analytics::EarningEvent>> earnings(const QDateTime &from, const QDateTime &to);

    // The first local day with earnings; none before the first import.
    Result<std::optional<QDate>> firstEarningDay() { return boundaryDay(false); }

    // The last local day with earnings; none before the first import.
    Result<std::optional<QDate>> lastEarningDay();

    // From the per-fan roll-ups (a day on or after the last with earnings
    // reads each fan's lifetime row; an earlier one, their days):
    // the fans who paid something on the local days `from` to `to`;
    Result<qint64> spenders(const QDate &from, const QDate &to);
    // the fans subscribed at the end of `day`: their last subscription or
    // renewal came after their last expiry (an expiry on the same day ends it);
    Result<qint64> activeSubscribers(const QDate &day);
    // what each fan who paid bought up to `day`, in fan order;
    Result<QList<analytics::FanLifetime>> fanLifetimes(const QDate &day);
    // for each month a fan first subscribed in (up to `day`), how many of
    // those fans subscribed or renewed in each later month.
    Result<QList<analytics::CohortActivity>> cohortActivity(const QDate &day);

private:
    // The first column of the first row of `sql`, which starts its bound values with the scope's agency and creator.
    Result<qint64> count(const QString &what, const QString &sql, const QList<QVariant> &values);
    Result<std::optional<QDate>> boundaryDay(bool last);
    // Whether `day` is on or after the last day with earnings: then the fans' lifetimes answer for it.
    Result<bool> coversEverything(const QDate &day);
    bool isPostgres() const { return m_db.driverName() == QLatin1String("QPSQL"); }

    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
    QTimeZone m_zone;
    // lastEarningDay(), read once per repository (a dashboard asks it for several figures); addEarnings forgets it.
    std::optional<std::optional<QDate>> m_lastDay;
};

} // namespace huntaze
