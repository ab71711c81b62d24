#pragma once

#include "analytics/earningsreport.h"
#include "analytics/engagement.h"
#include "analytics/fananalytics.h"
#include "analytics/forecast.h"
#include "analytics/messages.h"
#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUrlQuery>

#include <optional>

// Everything the Dashboard shows of one creator for one range (issue 12),
// computed where the data is (the desktop's worker thread, or the server)
// and sent as one answer.
namespace huntaze::analytics {

QString granularityId(Granularity granularity); // "day", "week", "month"
std::optional<Granularity> granularityFromId(const QString &id);
QString sourceId(EarningSource source); // "subscriptions", "tips", "posts", ...
std::optional<EarningSource> sourceFromId(const QString &id);

struct DashboardRequest {
    DateRange range;
    Granularity granularity = Granularity::Day;
    Amount amount = Amount::Net;
    // From the creator's first day of earnings (range.from is then ignored)
    // to range.to: "all".
    bool sinceFirstEarning = false;

    // ?from=2026-01-01&to=2026-01-31&granularity=week&amount=gross, or
    // ?all=1&to=...; a range of 2000-2100, from no later than to.
    static Result<DashboardRequest> fromQuery(const QUrlQuery &query);
    // The range's rules, for a request made in code: days of 2000-2100, from no later than to.
    Result<void> check() const;
    QUrlQuery toQuery() const;

    friend bool operator==(const DashboardRequest &, const DashboardRequest &) = default;
};

struct Dashboard {
    DashboardRequest request; // with the range used ("all" resolved)
    PeriodTotals current;
    PeriodTotals previous; // the same number of days just before
    Change spenders;
    Change activeSubscribers; // at the end of each period
    EarningsSeries series;
    WeekHeatmap heatmap{};
    QList<SegmentSummary> segments; // lifetime up to the range's end
    QList<Cohort> cohorts; // the twelve months up to the range's end
    MessageTotals messages; // the team's messages of the period
    MessageTotals previousMessages;
    QList<TopPost> topPosts; // put up in the period, most interactions first (at most topPostCount)
    PostingHeatmap posting; // the period's posts by the weekday and hour they went up
    Forecast forecast; // the 30 days after the range, in the request's amount (empty: too little history)
    QList<Anomaly> anomalies; // the range's days far from what the days before predicted
    // Set when the answer comes from a desktop's replica with no network (issue
    // 13): when the server sent it. Not part of the JSON.
    QDateTime keptAt;

    static constexpr int topPostCount = 10;

    Change earnings() const { return {current.cents, previous.cents}; }
    // Per spender, in cents; nothing without spenders.
    std::optional<qint64> earningsPerSpender() const;
    std::optional<qint64> previousEarningsPerSpender() const;
    // Renewals against renewals plus expiries in the period; nothing when neither happened.
    static std::optional<double> renewalRate(const PeriodTotals &totals);
    bool isEmpty() const { return current.purchases == 0 && previous.purchases == 0 && current.lostSubscribers == 0; }

    QJsonObject toJson() const;
    static Dashboard fromJson(const QJsonObject &json);
};

// Builds a dashboard from what the storage read: the days of the previous
// period's first day to the range's last, the range's hours by hour of the
// week, and the per-fan figures.
struct DashboardInputs {
    QList<EarningsDay> days;
    QList<HourOfWeek> hoursOfWeek;
    Change spenders;
    Change activeSubscribers;
    QList<FanLifetime> lifetimes;
    QList<CohortActivity> cohortActivity;
    QList<MessageDay> messageDays; // as the earnings days: previous period and range
    QList<TopPost> topPosts;
    QList<PostingHour> postingHours;
    // The first day `days` covers (with days of nothing left out): the
    // forecast and the anomalies read the days from it to the range's end.
    QDate historyFrom;
};
// How many days before the range's end the storage reads for the forecast and the anomalies.
inline constexpr int dashboardHistoryDays = 400;
Dashboard buildDashboard(const DashboardRequest &request, const DashboardInputs &inputs);

// The twelve months of cohorts ending with the range's month.
QDate firstCohortMonth(const DateRange &range);

} // namespace huntaze::analytics
