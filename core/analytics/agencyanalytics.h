#pragma once

#include "analytics/dashboard.h"
#include "analytics/messages.h"
#include "common/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// An agency's creators and chatters side by side for one range (issue 12):
// what owners and admins open to compare them, with the team's sales
// attributed by the agency's rule; the figures say which rule they use.
namespace huntaze::analytics {

// Who a sale is credited to, the agency's choice (as Infloww offers).
enum class Attribution {
    Sender, // the member who sent the paid message the fan bought (message logs)
    Shift, // the members on shift for the creator when the fan paid, in equal parts
    LastWriter, // the last member who wrote to the fan before they paid
};
// A member who wrote to the fan longer ago than this before a purchase is not its last writer.
inline constexpr int lastWriterWindowDays = 30;
// "sender", "shift", "last_writer": stored and sent over the API.
QString attributionId(Attribution rule);
std::optional<Attribution> attributionFrom(const QString &id);
// {"rule": "shift"}: a text, one of the three ids; refused on "rule" otherwise.
Result<Attribution> parseAttribution(const QJsonObject &json);
// The statement lines the shift and last-writer rules credit: what a chat sells
// (tips, paid and mass messages, customs), never subscriptions or paid posts.
QList<EarningKind> chatSaleKinds();

// What the storage read of the sales the shift or last-writer rule credits, one creator.
struct CreditedSales {
    QHash<qint64, qint64> byMember; // cents
    qint64 uncredited = 0; // nobody on shift, or nobody wrote to the fan before

    friend bool operator==(const CreditedSales &, const CreditedSales &) = default;
};

// What the storage read of one creator the member may see.
struct CreatorFigures {
    qint64 creatorId = 0;
    QString name;
    QString currency; // the creator's account currency: what their amounts are in
    // The previous period's first day to the range's last, by day or summed by
    // week (each sum on its week's first day in its period: the same figures).
    QList<EarningsDay> days;
    qint64 activeSubscribers = 0; // at the range's end
    qint64 spenders = 0; // in the range
    QList<MessageHour> messageHours; // the range's by local hour of the day, per team member
    CreditedSales credited; // by the shift or last-writer rule; empty for "sender"
};

struct CreatorRow {
    qint64 creatorId = 0;
    QString name;
    QString currency;
    qint64 cents = 0;
    qint64 previousCents = 0;
    qint64 activeSubscribers = 0;
    qint64 newSubscribers = 0;
    qint64 spenders = 0;
    // Of the agency's earnings in the range, among the creators paid in the
    // same currency: amounts in two currencies are never added up.
    double share = 0;
    QList<qint64> trend; // earnings by week of the range: the sparkline

    // Spenders against active subscribers: how many of the fans pay.
    std::optional<double> conversion() const;
    // The range's earnings against the previous period's.
    Change earnings() const { return {cents, previousCents}; }
    friend bool operator==(const CreatorRow &, const CreatorRow &) = default;
};

// One team member's messages of the range, over every creator (creatorId 0) or one.
// A member who works for creators paid in two currencies has a row per currency.
struct ChatterRow {
    qint64 memberId = 0;
    QString email;
    qint64 creatorId = 0;
    int hour = -1; // 0-23 in the rows by hour of the day (the creators' local hours)
    QString currency; // of the attributed sales; empty when money is hidden
    MessageTotals totals;
    qint64 attributed = 0; // the sales credited to the member by the rule; 0 when money is hidden

    qint64 attributedCents() const { return attributed; }
    friend bool operator==(const ChatterRow &, const ChatterRow &) = default;
};

struct AgencyAnalytics {
    DashboardRequest request;
    Attribution attribution = Attribution::Sender;
    bool showsMoney = true; // false for a chatter: their own messages, no money
    QHash<QString, qint64> uncredited; // by currency: sales the rule credits to nobody
    QList<CreatorRow> creators; // most earnings first
    QList<ChatterRow> chatters; // every creator together, most attributed first
    QList<ChatterRow> chattersByCreator;
    // Every creator together by local hour of the day, member then hour; no money.
    QList<ChatterRow> chattersByHour;
    // Set when the answer comes from a desktop's replica with no network (issue
    // 13): when the server sent it. Not part of the JSON.
    QDateTime keptAt;

    QJsonObject toJson() const;
    static AgencyAnalytics fromJson(const QJsonObject &json);
    friend bool operator==(const AgencyAnalytics &, const AgencyAnalytics &) = default;
};

// `emails`: the agency's members by id. `onlyMember` (not 0): a chatter's
// view, their own rows only and no money (earnings, shares and prices left out).
// With the shift or last-writer rule a member credited with sales has a row
// even without messages in the range.
AgencyAnalytics buildAgencyAnalytics(const DashboardRequest &request, const QList<CreatorFigures> &creators,
                                     const QHash<qint64, QString> &emails, qint64 onlyMember = 0,
                                     Attribution attribution = Attribution::Sender);

} // namespace huntaze::analytics
