#include "dashboard.h"

#include "analytics/jsonnumbers.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace huntaze::analytics {

using json::numbers;
using json::numbersFrom;

namespace {

struct GranularityName {
    Granularity granularity;
    const char *id;
};
constexpr GranularityName granularityNames[] = {{Granularity::Day, "day"}, {Granularity::Week, "week"}, {Granularity::Month, "month"}};

struct SourceName {
    EarningSource source;
    const char *id;
};
constexpr SourceName sourceNames[] = {
    {EarningSource::Subscriptions, "subscriptions"},
    {EarningSource::Tips, "tips"},
    {EarningSource::Posts, "posts"},
    {EarningSource::Messages, "messages"},
    {EarningSource::Streams, "streams"},
    {EarningSource::Referrals, "referrals"},
    {EarningSource::Customs, "customs"},
};

const QDate firstAllowedDay(2000, 1, 1);
const QDate lastAllowedDay(2100, 12, 31);

Error badRange(const QString &field, const QString &message)
{
    return Error{ErrorCode::Validation, message, {}, field};
}

QString dayRule()
{
    return QCoreApplication::translate("huntaze::analytics::Dashboard",
                                       "Give a day between 2000-01-01 and 2100-12-31, written 2026-01-31.");
}

// Seven weekdays of 24 hours.
QJsonArray gridJson(const WeekHeatmap &grid)
{
    QJsonArray rows;
    for (const auto &day : grid)
        rows.append(numbers(QList<qint64>(day.cbegin(), day.cend())));
    return rows;
}

WeekHeatmap gridFrom(const QJsonValue &value)
{
    WeekHeatmap grid{};
    const QJsonArray rows = value.toArray();
    for (int day = 0; day < 7; ++day) {
        const QJsonArray hours = rows.at(day).toArray();
        for (int hour = 0; hour < 24; ++hour)
            grid[day][hour] = hours.at(hour).toInteger();
    }
    return grid;
}

QJsonArray pair(const Change &change)
{
    return {change.current, change.previous};
}

Change changeFrom(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    return {array.at(0).toInteger(), array.at(1).toInteger()};
}

QJsonObject totalsJson(const PeriodTotals &totals)
{
    QJsonObject bySource;
    for (auto it = totals.centsBySource.cbegin(); it != totals.centsBySource.cend(); ++it)
        bySource.insert(sourceId(it.key()), it.value());
    return {{QStringLiteral("cents"), totals.cents},       {QStringLiteral("purchases"), totals.purchases},
            {QStringLiteral("bySource"), bySource},        {QStringLiteral("newSubscribers"), totals.newSubscribers},
            {QStringLiteral("renewals"), totals.renewals}, {QStringLiteral("lostSubscribers"), totals.lostSubscribers}};
}

PeriodTotals totalsFrom(const QJsonObject &json)
{
    PeriodTotals totals;
    totals.cents = json.value(QStringLiteral("cents")).toInteger();
    totals.purchases = json.value(QStringLiteral("purchases")).toInteger();
    const QJsonObject bySource = json.value(QStringLiteral("bySource")).toObject();
    for (EarningSource source : allSources())
        totals.centsBySource.insert(source, bySource.value(sourceId(source)).toInteger());
    totals.newSubscribers = json.value(QStringLiteral("newSubscribers")).toInteger();
    totals.renewals = json.value(QStringLiteral("renewals")).toInteger();
    totals.lostSubscribers = json.value(QStringLiteral("lostSubscribers")).toInteger();
    return totals;
}

std::optional<qint64> perSpender(qint64 cents, qint64 spenders)
{
    if (spenders <= 0)
        return std::nullopt;
    return (cents + spenders / 2) / spenders;
}

} // namespace

QString granularityId(Granularity granularity)
{
    for (const GranularityName &name : granularityNames) {
        if (name.granularity == granularity)
            return QString::fromLatin1(name.id);
    }
    return {};
}

std::optional<Granularity> granularityFromId(const QString &id)
{
    for (const GranularityName &name : granularityNames) {
        if (id == QLatin1String(name.id))
            return name.granularity;
    }
    return std::nullopt;
}

QString sourceId(EarningSource source)
{
    for (const SourceName &name : sourceNames) {
        if (name.source == source)
            return QString::fromLatin1(name.id);
    }
    return {};
}

std::optional<EarningSource> sourceFromId(const QString &id)
{
    for (const SourceName &name : sourceNames) {
        if (id == QLatin1String(name.id))
            return name.source;
    }
    return std::nullopt;
}

Result<DashboardRequest> DashboardRequest::fromQuery(const QUrlQuery &query)
{
    DashboardRequest request;
    const auto day = [&query](const QString &key) -> Result<QDate> {
        const QString text = query.queryItemValue(key, QUrl::FullyDecoded);
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (text.size() != 10 || !date.isValid() || date < firstAllowedDay || date > lastAllowedDay)
            return badRange(key,
                            QCoreApplication::translate("huntaze::analytics::Dashboard",
                                                        "Give a day between 2000-01-01 and 2100-12-31, written 2026-01-31."));
        return date;
    };
    const QString all = query.queryItemValue(QStringLiteral("all"));
    if (!all.isEmpty() && all != QLatin1String("1") && all != QLatin1String("0"))
        return badRange(QStringLiteral("all"), QCoreApplication::translate("huntaze::analytics::Dashboard", "Use all=1 or leave it out."));
    request.sinceFirstEarning = all == QLatin1String("1");
    const Result<QDate> to = day(QStringLiteral("to"));
    if (!to.ok())
        return to.error();
    request.range.to = to.value();
    if (request.sinceFirstEarning) {
        request.range.from = request.range.to;
    } else {
        const Result<QDate> from = day(QStringLiteral("from"));
        if (!from.ok())
            return from.error();
        request.range.from = from.value();
    }
    if (Result<void> valid = request.check(); !valid.ok())
        return valid.error();
    if (query.hasQueryItem(QStringLiteral("granularity"))) {
        const std::optional<Granularity> granularity = granularityFromId(query.queryItemValue(QStringLiteral("granularity")));
        if (!granularity)
            return badRange(QStringLiteral("granularity"),
                            QCoreApplication::translate("huntaze::analytics::Dashboard", "Use day, week or month."));
        request.granularity = *granularity;
    }
    if (query.hasQueryItem(QStringLiteral("amount"))) {
        const QString amount = query.queryItemValue(QStringLiteral("amount"));
        if (amount != QLatin1String("gross") && amount != QLatin1String("net"))
            return badRange(QStringLiteral("amount"), QCoreApplication::translate("huntaze::analytics::Dashboard", "Use gross or net."));
        request.amount = amount == QLatin1String("gross") ? Amount::Gross : Amount::Net;
    }
    return request;
}

Result<void> DashboardRequest::check() const
{
    const auto allowed = [](const QDate &day) { return day.isValid() && day >= firstAllowedDay && day <= lastAllowedDay; };
    if (!allowed(range.to))
        return badRange(QStringLiteral("to"), dayRule());
    if (sinceFirstEarning)
        return Result<void>::success();
    if (!allowed(range.from))
        return badRange(QStringLiteral("from"), dayRule());
    if (range.from > range.to)
        return badRange(QStringLiteral("from"),
                        QCoreApplication::translate("huntaze::analytics::Dashboard", "The first day comes after the last one."));
    return Result<void>::success();
}

QUrlQuery DashboardRequest::toQuery() const
{
    QUrlQuery query;
    if (sinceFirstEarning)
        query.addQueryItem(QStringLiteral("all"), QStringLiteral("1"));
    else
        query.addQueryItem(QStringLiteral("from"), range.from.toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("to"), range.to.toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("granularity"), granularityId(granularity));
    query.addQueryItem(QStringLiteral("amount"), amount == Amount::Gross ? QStringLiteral("gross") : QStringLiteral("net"));
    return query;
}

std::optional<qint64> Dashboard::earningsPerSpender() const
{
    return perSpender(current.cents, spenders.current);
}

std::optional<qint64> Dashboard::previousEarningsPerSpender() const
{
    return perSpender(previous.cents, spenders.previous);
}

std::optional<double> Dashboard::renewalRate(const PeriodTotals &totals)
{
    const qint64 due = totals.renewals + totals.lostSubscribers;
    if (due == 0)
        return std::nullopt;
    return static_cast<double>(totals.renewals) / static_cast<double>(due);
}

QJsonObject Dashboard::toJson() const
{
    QJsonObject sources;
    for (auto it = series.cents.cbegin(); it != series.cents.cend(); ++it)
        sources.insert(sourceId(it.key()), numbers(it.value()));
    QJsonArray buckets;
    for (const QDate &bucket : series.buckets)
        buckets.append(bucket.toString(Qt::ISODate));
    QJsonArray topPostRows;
    for (const TopPost &post : topPosts)
        topPostRows.append(post.toJson());
    QJsonArray anomalyRows;
    for (const Anomaly &anomaly : anomalies)
        anomalyRows.append(anomaly.toJson());
    QJsonArray segmentRows;
    for (const SegmentSummary &segment : segments)
        segmentRows.append(QJsonObject{{QStringLiteral("segment"), segmentId(segment.segment)},
                                       {QStringLiteral("fans"), segment.fans},
                                       {QStringLiteral("cents"), segment.cents}});
    QJsonArray cohortRows;
    for (const Cohort &cohort : cohorts)
        cohortRows.append(QJsonObject{{QStringLiteral("month"), cohort.month.toString(Qt::ISODate)},
                                      {QStringLiteral("subscribers"), cohort.subscribers},
                                      {QStringLiteral("retained"), numbers(cohort.retained)}});
    return {
        {QStringLiteral("from"), request.range.from.toString(Qt::ISODate)},
        {QStringLiteral("to"), request.range.to.toString(Qt::ISODate)},
        {QStringLiteral("granularity"), granularityId(request.granularity)},
        {QStringLiteral("amount"), request.amount == Amount::Gross ? QStringLiteral("gross") : QStringLiteral("net")},
        {QStringLiteral("current"), totalsJson(current)},
        {QStringLiteral("previous"), totalsJson(previous)},
        {QStringLiteral("spenders"), pair(spenders)},
        {QStringLiteral("activeSubscribers"), pair(activeSubscribers)},
        {QStringLiteral("series"),
         QJsonObject{{QStringLiteral("buckets"), buckets},
                     {QStringLiteral("sources"), sources},
                     {QStringLiteral("gained"), numbers(series.gained)},
                     {QStringLiteral("lost"), numbers(series.lost)}}},
        {QStringLiteral("heatmap"), gridJson(heatmap)},
        {QStringLiteral("segments"), segmentRows},
        {QStringLiteral("cohorts"), cohortRows},
        {QStringLiteral("messages"), messages.toJson()},
        {QStringLiteral("previousMessages"), previousMessages.toJson()},
        {QStringLiteral("topPosts"), topPostRows},
        {QStringLiteral("forecast"), forecast.toJson()},
        {QStringLiteral("anomalies"), anomalyRows},
        {QStringLiteral("posting"),
         QJsonObject{{QStringLiteral("posts"), gridJson(posting.posts)}, {QStringLiteral("interactions"), gridJson(posting.interactions)}}},
    };
}

Dashboard Dashboard::fromJson(const QJsonObject &json)
{
    Dashboard dashboard;
    dashboard.request.range.from = QDate::fromString(json.value(QStringLiteral("from")).toString(), Qt::ISODate);
    dashboard.request.range.to = QDate::fromString(json.value(QStringLiteral("to")).toString(), Qt::ISODate);
    dashboard.request.granularity = granularityFromId(json.value(QStringLiteral("granularity")).toString()).value_or(Granularity::Day);
    dashboard.request.amount = json.value(QStringLiteral("amount")).toString() == QLatin1String("gross") ? Amount::Gross : Amount::Net;
    dashboard.current = totalsFrom(json.value(QStringLiteral("current")).toObject());
    dashboard.previous = totalsFrom(json.value(QStringLiteral("previous")).toObject());
    dashboard.spenders = changeFrom(json.value(QStringLiteral("spenders")));
    dashboard.activeSubscribers = changeFrom(json.value(QStringLiteral("activeSubscribers")));
    const QJsonObject series = json.value(QStringLiteral("series")).toObject();
    for (const QJsonValue &bucket : series.value(QStringLiteral("buckets")).toArray())
        dashboard.series.buckets.append(QDate::fromString(bucket.toString(), Qt::ISODate));
    const QJsonObject sources = series.value(QStringLiteral("sources")).toObject();
    for (EarningSource source : allSources()) {
        QList<qint64> values = numbersFrom(sources.value(sourceId(source)));
        values.resize(dashboard.series.buckets.size(), 0);
        dashboard.series.cents.insert(source, values);
    }
    dashboard.series.gained = numbersFrom(series.value(QStringLiteral("gained")));
    dashboard.series.gained.resize(dashboard.series.buckets.size(), 0);
    dashboard.series.lost = numbersFrom(series.value(QStringLiteral("lost")));
    dashboard.series.lost.resize(dashboard.series.buckets.size(), 0);
    dashboard.heatmap = gridFrom(json.value(QStringLiteral("heatmap")));
    for (const QJsonValue &row : json.value(QStringLiteral("topPosts")).toArray())
        dashboard.topPosts.append(TopPost::fromJson(row.toObject()));
    dashboard.forecast = Forecast::fromJson(json.value(QStringLiteral("forecast")).toObject());
    for (const QJsonValue &row : json.value(QStringLiteral("anomalies")).toArray()) {
        if (const std::optional<Anomaly> anomaly = Anomaly::fromJson(row.toObject()))
            dashboard.anomalies.append(*anomaly);
    }
    const QJsonObject posting = json.value(QStringLiteral("posting")).toObject();
    dashboard.posting.posts = gridFrom(posting.value(QStringLiteral("posts")));
    dashboard.posting.interactions = gridFrom(posting.value(QStringLiteral("interactions")));
    for (const QJsonValue &row : json.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject segment = row.toObject();
        for (SpendSegment known : allSegments()) {
            if (segmentId(known) == segment.value(QStringLiteral("segment")).toString())
                dashboard.segments.append(
                    {known, segment.value(QStringLiteral("fans")).toInteger(), segment.value(QStringLiteral("cents")).toInteger()});
        }
    }
    for (const QJsonValue &row : json.value(QStringLiteral("cohorts")).toArray()) {
        const QJsonObject cohort = row.toObject();
        dashboard.cohorts.append({QDate::fromString(cohort.value(QStringLiteral("month")).toString(), Qt::ISODate),
                                  cohort.value(QStringLiteral("subscribers")).toInteger(),
                                  numbersFrom(cohort.value(QStringLiteral("retained")))});
    }
    dashboard.messages = MessageTotals::fromJson(json.value(QStringLiteral("messages")).toObject());
    dashboard.previousMessages = MessageTotals::fromJson(json.value(QStringLiteral("previousMessages")).toObject());
    return dashboard;
}

QDate firstCohortMonth(const DateRange &range)
{
    const QDate last(range.to.year(), range.to.month(), 1);
    return last.addMonths(-11);
}

Dashboard buildDashboard(const DashboardRequest &request, const DashboardInputs &inputs)
{
    Dashboard dashboard;
    dashboard.request = request;
    dashboard.current = totals(inputs.days, request.range, request.amount);
    dashboard.previous = totals(inputs.days, request.range.previous(), request.amount);
    dashboard.spenders = inputs.spenders;
    dashboard.activeSubscribers = inputs.activeSubscribers;
    dashboard.series = earningsOverTime(inputs.days, request.range, request.granularity, request.amount);
    dashboard.heatmap = weekdayHourHeatmap(inputs.hoursOfWeek, request.amount);
    dashboard.segments = spendSegments(inputs.lifetimes, request.amount);
    dashboard.cohorts = retentionTriangle(inputs.cohortActivity, firstCohortMonth(request.range), request.range.to);
    dashboard.messages = messageTotals(inputs.messageDays, request.range.from, request.range.to);
    const DateRange previous = request.range.previous();
    dashboard.previousMessages = messageTotals(inputs.messageDays, previous.from, previous.to);
    dashboard.topPosts = inputs.topPosts.mid(0, Dashboard::topPostCount);
    dashboard.posting = postingHeatmap(inputs.postingHours);
    if (inputs.historyFrom.isValid() && inputs.historyFrom <= request.range.to) {
        DailySeries earnings{request.range.to, QList<qint64>(inputs.historyFrom.daysTo(request.range.to) + 1, 0)};
        DailySeries renewals = earnings;
        for (const EarningsDay &day : inputs.days) {
            const qint64 index = inputs.historyFrom.daysTo(day.day);
            if (index < 0 || index >= earnings.values.size())
                continue;
            earnings.values[index] += request.amount == Amount::Gross ? day.grossCents : day.netCents;
            if (day.kind == EarningKind::Renewal)
                renewals.values[index] += day.events;
        }
        dashboard.forecast = forecastDays(earnings);
        dashboard.anomalies = findAnomalies(earnings, request.range, Anomaly::Series::Earnings);
        dashboard.anomalies += findAnomalies(renewals, request.range, Anomaly::Series::Renewals);
        std::sort(dashboard.anomalies.begin(), dashboard.anomalies.end(), [](const Anomaly &a, const Anomaly &b) { return a.day < b.day; });
    }
    return dashboard;
}

} // namespace huntaze::analytics
