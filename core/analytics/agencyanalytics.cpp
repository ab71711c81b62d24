#include "agencyanalytics.h"

#include "analytics/jsonnumbers.h"
#include "domain/rules.h"

#include <QCoreApplication>

#include <QJsonArray>

#include <algorithm>
#include <map>
#include <tuple>

namespace huntaze::analytics {

namespace {

QJsonObject chatterJson(const ChatterRow &row)
{
    QJsonObject json{
        {QStringLiteral("memberId"), row.memberId}, {QStringLiteral("email"), row.email}, {QStringLiteral("totals"), row.totals.toJson()}};
    if (row.creatorId != 0)
        json.insert(QStringLiteral("creatorId"), row.creatorId);
    if (row.hour >= 0)
        json.insert(QStringLiteral("hour"), row.hour);
    if (!row.currency.isEmpty()) {
        json.insert(QStringLiteral("currency"), row.currency);
        json.insert(QStringLiteral("attributedCents"), row.attributed);
    }
    if (const std::optional<qint64> median = row.totals.replies.percentileSeconds(0.5))
        json.insert(QStringLiteral("medianReplySeconds"), *median);
    if (const std::optional<qint64> p90 = row.totals.replies.percentileSeconds(0.9))
        json.insert(QStringLiteral("p90ReplySeconds"), *p90);
    return json;
}

ChatterRow chatterFrom(const QJsonObject &json)
{
    ChatterRow row;
    row.memberId = json.value(QStringLiteral("memberId")).toInteger();
    row.email = json.value(QStringLiteral("email")).toString();
    row.creatorId = json.value(QStringLiteral("creatorId")).toInteger();
    row.hour = json.value(QStringLiteral("hour")).toInt(-1);
    row.currency = json.value(QStringLiteral("currency")).toString();
    row.totals = MessageTotals::fromJson(json.value(QStringLiteral("totals")).toObject());
    row.attributed = json.value(QStringLiteral("attributedCents")).toInteger();
    return row;
}

bool moreAttributed(const ChatterRow &a, const ChatterRow &b)
{
    if (a.attributedCents() != b.attributedCents())
        return a.attributedCents() > b.attributedCents();
    if (a.totals.sent != b.totals.sent)
        return a.totals.sent > b.totals.sent;
    return std::tuple(a.memberId, a.creatorId, a.currency) < std::tuple(b.memberId, b.creatorId, b.currency);
}

} // namespace

QString attributionId(Attribution rule)
{
    switch (rule) {
    case Attribution::Sender: break;
    case Attribution::Shift: return QStringLiteral("shift");
    case Attribution::LastWriter: return QStringLiteral("last_writer");
    }
    return QStringLiteral("sender");
}

std::optional<Attribution> attributionFrom(const QString &id)
{
    for (const Attribution rule : {Attribution::Sender, Attribution::Shift, Attribution::LastWriter}) {
        if (attributionId(rule) == id)
            return rule;
    }
    return std::nullopt;
}

Result<Attribution> parseAttribution(const QJsonObject &json)
{
    const Result<QString> id = jsonfield::requiredString(json, QStringLiteral("rule"), 32);
    if (!id.ok())
        return id.error();
    if (const std::optional<Attribution> rule = attributionFrom(id.value()))
        return *rule;
    return Error::validation(
        QStringLiteral("rule"),
        QCoreApplication::translate("huntaze::analytics", "Credit sales by \"sender\", \"shift\" or \"last_writer\"."));
}

QList<EarningKind> chatSaleKinds()
{
    return {EarningKind::Tip, EarningKind::PaidMessage, EarningKind::MassMessage, EarningKind::Custom};
}

std::optional<double> CreatorRow::conversion() const
{
    if (activeSubscribers <= 0)
        return std::nullopt;
    return static_cast<double>(spenders) / static_cast<double>(activeSubscribers);
}

AgencyAnalytics buildAgencyAnalytics(const DashboardRequest &request, const QList<CreatorFigures> &creators,
                                     const QHash<qint64, QString> &emails, qint64 onlyMember, Attribution attribution)
{
    AgencyAnalytics analytics;
    analytics.request = request;
    analytics.attribution = attribution;
    analytics.showsMoney = onlyMember == 0;
    QHash<QString, qint64> agencyCents; // by currency
    std::map<std::pair<qint64, int>, ChatterRow> byHour; // member and hour
    std::map<std::pair<qint64, QString>, ChatterRow> byMember; // and currency
    for (const CreatorFigures &creator : creators) {
        // The team's messages: member 0 holds the fans' messages and the creator's own, nobody's to compare.
        std::map<qint64, ChatterRow> forCreator;
        // A member's figures for the creator are their hours' (the day roll-up is the hour one without the hour).
        for (const MessageHour &hour : creator.messageHours) {
            if (hour.memberId == 0 || (onlyMember != 0 && hour.memberId != onlyMember))
                continue;
            ChatterRow &total = forCreator[hour.memberId];
            total.memberId = hour.memberId;
            total.creatorId = creator.creatorId;
            total.email = emails.value(hour.memberId);
            total.totals += hour.totals;
            ChatterRow &row = byHour[{hour.memberId, hour.hour}];
            row.memberId = hour.memberId;
            row.hour = hour.hour;
            row.email = emails.value(hour.memberId);
            row.totals += hour.totals;
            row.totals.boughtCents = 0; // the hours compare answers, not money
        }
        if (attribution != Attribution::Sender && analytics.showsMoney) {
            for (auto it = creator.credited.byMember.cbegin(); it != creator.credited.byMember.cend(); ++it) {
                ChatterRow &row = forCreator[it.key()];
                row.memberId = it.key();
                row.creatorId = creator.creatorId;
                row.email = emails.value(it.key());
                row.attributed = it.value();
            }
            if (creator.credited.uncredited != 0)
                analytics.uncredited[creator.currency] += creator.credited.uncredited;
        }
        for (auto &[memberId, row] : forCreator) {
            if (analytics.showsMoney) {
                row.currency = creator.currency;
                if (attribution == Attribution::Sender)
                    row.attributed = row.totals.boughtCents;
            } else {
                row.totals.boughtCents = 0;
            }
            ChatterRow &all = byMember[{memberId, row.currency}];
            all.memberId = memberId;
            all.email = row.email;
            all.currency = row.currency;
            all.totals += row.totals;
            all.attributed += row.attributed;
            analytics.chattersByCreator.append(row);
        }
        if (!analytics.showsMoney)
            continue;
        CreatorRow row;
        row.creatorId = creator.creatorId;
        row.name = creator.name;
        row.currency = creator.currency;
        const PeriodTotals current = totals(creator.days, request.range, request.amount);
        row.cents = current.cents;
        row.previousCents = totals(creator.days, request.range.previous(), request.amount).cents;
        row.newSubscribers = current.newSubscribers;
        row.activeSubscribers = creator.activeSubscribers;
        row.spenders = creator.spenders;
        const EarningsSeries weekly = earningsOverTime(creator.days, request.range, Granularity::Week, request.amount);
        row.trend = QList<qint64>(weekly.buckets.size(), 0);
        for (auto it = weekly.cents.cbegin(); it != weekly.cents.cend(); ++it) {
            for (qsizetype i = 0; i < it.value().size() && i < row.trend.size(); ++i)
                row.trend[i] += it.value().at(i);
        }
        agencyCents[row.currency] += row.cents;
        analytics.creators.append(row);
    }
    for (CreatorRow &row : analytics.creators) {
        const qint64 sameCurrency = agencyCents.value(row.currency);
        row.share = sameCurrency > 0 ? static_cast<double>(row.cents) / static_cast<double>(sameCurrency) : 0;
    }
    std::sort(analytics.creators.begin(), analytics.creators.end(),
              [](const CreatorRow &a, const CreatorRow &b) { return a.cents != b.cents ? a.cents > b.cents : a.creatorId < b.creatorId; });
    for (const auto &[key, row] : byMember)
        analytics.chatters.append(row);
    std::sort(analytics.chatters.begin(), analytics.chatters.end(), moreAttributed);
    std::sort(analytics.chattersByCreator.begin(), analytics.chattersByCreator.end(), moreAttributed);
    for (const auto &[key, row] : byHour)
        analytics.chattersByHour.append(row);
    return analytics;
}

QJsonObject AgencyAnalytics::toJson() const
{
    QJsonArray creatorRows;
    for (const CreatorRow &row : creators)
        creatorRows.append(QJsonObject{{QStringLiteral("creatorId"), row.creatorId},
                                       {QStringLiteral("name"), row.name},
                                       {QStringLiteral("currency"), row.currency},
                                       {QStringLiteral("cents"), row.cents},
                                       {QStringLiteral("previousCents"), row.previousCents},
                                       {QStringLiteral("activeSubscribers"), row.activeSubscribers},
                                       {QStringLiteral("newSubscribers"), row.newSubscribers},
                                       {QStringLiteral("spenders"), row.spenders},
                                       {QStringLiteral("share"), row.share},
                                       {QStringLiteral("trend"), json::numbers(row.trend)}});
    QJsonArray chatterRows;
    for (const ChatterRow &row : chatters)
        chatterRows.append(chatterJson(row));
    QJsonArray byCreatorRows;
    for (const ChatterRow &row : chattersByCreator)
        byCreatorRows.append(chatterJson(row));
    QJsonArray byHourRows;
    for (const ChatterRow &row : chattersByHour)
        byHourRows.append(chatterJson(row));
    QJsonObject uncreditedJson;
    for (auto it = uncredited.cbegin(); it != uncredited.cend(); ++it)
        uncreditedJson.insert(it.key(), it.value());
    return {{QStringLiteral("from"), request.range.from.toString(Qt::ISODate)},
            {QStringLiteral("to"), request.range.to.toString(Qt::ISODate)},
            {QStringLiteral("amount"), request.amount == Amount::Gross ? QStringLiteral("gross") : QStringLiteral("net")},
            {QStringLiteral("attribution"), attributionId(attribution)},
            {QStringLiteral("uncreditedCents"), uncreditedJson},
            {QStringLiteral("showsMoney"), showsMoney},
            {QStringLiteral("creators"), creatorRows},
            {QStringLiteral("chatters"), chatterRows},
            {QStringLiteral("chattersByCreator"), byCreatorRows},
            {QStringLiteral("chattersByHour"), byHourRows}};
}

AgencyAnalytics AgencyAnalytics::fromJson(const QJsonObject &json)
{
    AgencyAnalytics analytics;
    analytics.request.range.from = QDate::fromString(json.value(QStringLiteral("from")).toString(), Qt::ISODate);
    analytics.request.range.to = QDate::fromString(json.value(QStringLiteral("to")).toString(), Qt::ISODate);
    analytics.request.amount = json.value(QStringLiteral("amount")).toString() == QLatin1String("gross") ? Amount::Gross : Amount::Net;
    analytics.attribution = attributionFrom(json.value(QStringLiteral("attribution")).toString()).value_or(Attribution::Sender);
    const QJsonObject uncredited = json.value(QStringLiteral("uncreditedCents")).toObject();
    for (auto it = uncredited.constBegin(); it != uncredited.constEnd(); ++it)
        analytics.uncredited.insert(it.key(), it.value().toInteger());
    analytics.showsMoney = json.value(QStringLiteral("showsMoney")).toBool();
    for (const QJsonValue &value : json.value(QStringLiteral("creators")).toArray()) {
        const QJsonObject row = value.toObject();
        CreatorRow creator;
        creator.creatorId = row.value(QStringLiteral("creatorId")).toInteger();
        creator.name = row.value(QStringLiteral("name")).toString();
        creator.currency = row.value(QStringLiteral("currency")).toString();
        creator.cents = row.value(QStringLiteral("cents")).toInteger();
        creator.previousCents = row.value(QStringLiteral("previousCents")).toInteger();
        creator.activeSubscribers = row.value(QStringLiteral("activeSubscribers")).toInteger();
        creator.newSubscribers = row.value(QStringLiteral("newSubscribers")).toInteger();
        creator.spenders = row.value(QStringLiteral("spenders")).toInteger();
        creator.share = row.value(QStringLiteral("share")).toDouble();
        creator.trend = json::numbersFrom(row.value(QStringLiteral("trend")));
        analytics.creators.append(creator);
    }
    for (const QJsonValue &value : json.value(QStringLiteral("chatters")).toArray())
        analytics.chatters.append(chatterFrom(value.toObject()));
    for (const QJsonValue &value : json.value(QStringLiteral("chattersByCreator")).toArray())
        analytics.chattersByCreator.append(chatterFrom(value.toObject()));
    for (const QJsonValue &value : json.value(QStringLiteral("chattersByHour")).toArray())
        analytics.chattersByHour.append(chatterFrom(value.toObject()));
    return analytics;
}

} // namespace huntaze::analytics
