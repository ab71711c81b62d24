#pragma once

#include "analytics/dashboard.h"
#include "analytics/messages.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// An agency's creators and chatters side by side for one range (issue 12):
// what owners and admins open to compare them. Sales are attributed to the
// team member who sent the paid message the fan bought ("sender"), the rule
// the message logs support today; the figures say which rule they use.
namespace huntaze::analytics {

// What the storage read of one creator the member may see.
struct CreatorFigures {
    qint64 creatorId = 0;
    QString name;
    QString currency; // the creator's account currency: what their amounts are in
    QList<EarningsDay> days; // the previous period's first day to the range's last
    qint64 activeSubscribers = 0; // at the range's end
    qint64 spenders = 0; // in the range
    QList<MessageDay> messageDays; // the range's, per team member
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
    friend bool operator==(const CreatorRow &, const CreatorRow &) = default;
};

// One team member's messages of the range, over every creator (creatorId 0) or one.
// A member who works for creators paid in two currencies has a row per currency.
struct ChatterRow {
    qint64 memberId = 0;
    QString email;
    qint64 creatorId = 0;
    QString currency; // of the attributed sales; empty when money is hidden
    MessageTotals totals;

    // The paid messages the member sent that fans bought ("sender" rule); 0 when money is hidden.
    qint64 attributedCents() const { return totals.boughtCents; }
    friend bool operator==(const ChatterRow &, const ChatterRow &) = default;
};

struct AgencyAnalytics {
    DashboardRequest request;
    QString attribution = QStringLiteral("sender");
    bool showsMoney = true; // false for a chatter: their own messages, no money
    QList<CreatorRow> creators; // most earnings first
    QList<ChatterRow> chatters; // every creator together, most attributed first
    QList<ChatterRow> chattersByCreator;

    QJsonObject toJson() const;
    static AgencyAnalytics fromJson(const QJsonObject &json);
    friend bool operator==(const AgencyAnalytics &, const AgencyAnalytics &) = default;
};

// `emails`: the agency's members by id. `onlyMember` (not 0): a chatter's
// view, their own rows only and no money (earnings, shares and prices left out).
AgencyAnalytics buildAgencyAnalytics(const DashboardRequest &request, const QList<CreatorFigures> &creators,
                                     const QHash<qint64, QString> &emails, qint64 onlyMember = 0);

} // namespace huntaze::analytics
