#pragma once

#include "common/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

// A creator's conversations with fans, message by message, as the team's
// message logs list them (issue 12): who wrote, when, to or from which fan,
// and for a paid message its price and whether the fan bought it. From them:
// reply times per team member, paid messages sent against bought.
namespace huntaze::analytics {

struct MessageEvent {
    QDateTime sentAt; // UTC
    bool fromFan = false; // else from the creator's side (the creator or a team member)
    QString fan; // the fan's name or id on the platform
    qint64 memberId = 0; // the team member who sent it; 0 for the creator or unknown
    qint64 priceCents = 0; // a paid message's price, in the account's currency
    bool bought = false; // the fan bought (unlocked) the paid message
    QString reference; // the log's own id of the message, when it has one
    // The team member as a log names them (their email), until the import
    // finds their id among the agency's members (AnalyticsService).
    QString memberEmail;

    bool isPaid() const { return !fromFan && priceCents > 0; }
    // The message's identity, so a log imported twice adds nothing: its
    // reference when it has one, else a digest of everything it says.
    QByteArray identity() const;
    // Accepts the fields of toJson(): `sentAt` with its offset, `from` "fan"
    // or "team", a fan, on the team's messages a `memberId` or a `member`
    // (email), a price (in `accountCurrency`) and `bought` only with a price.
    static Result<MessageEvent> parse(const QJsonObject &json, const QString &accountCurrency);
    QJsonObject toJson() const;

    friend bool operator==(const MessageEvent &, const MessageEvent &) = default;
};

// How long fans waited for an answer, counted in buckets: a fan's message
// (or several in a row) answered by the team's next message. Percentiles over
// any range come from summed buckets, read within a bucket by interpolation.
inline constexpr int replyBucketCount = 24;
// Each bucket's upper bound in seconds (the last one holds everything longer than a day).
inline constexpr std::array<qint64, replyBucketCount> replyBucketBounds{15,    30,    60,    120,   180,   300,   450,   600,
                                                                        900,   1200,  1800,  2700,  3600,  5400,  7200,  10800,
                                                                        14400, 21600, 28800, 43200, 57600, 72000, 86400, 604800};
int replyBucketOf(qint64 seconds);

// The replies of a period: how many, their total wait, and their buckets.
struct ReplyTimes {
    qint64 replies = 0;
    qint64 seconds = 0;
    std::array<qint64, replyBucketCount> buckets{};

    void add(qint64 waitSeconds);
    // Takes back a reply counted before (its wait changed, or it answers nothing any more).
    void remove(qint64 waitSeconds);
    ReplyTimes &operator+=(const ReplyTimes &other);
    std::optional<qint64> averageSeconds() const;
    // The wait below which `share` (0.5 the median, 0.9 the 90th percentile)
    // of the replies came: exact to its bucket, interpolated within it.
    std::optional<qint64> percentileSeconds(double share) const;

    friend bool operator==(const ReplyTimes &, const ReplyTimes &) = default;
};

// What a team sent and fans bought of it, and how fast it answered.
struct MessageTotals {
    qint64 fromFans = 0;
    qint64 sent = 0;
    qint64 paidSent = 0;
    qint64 paidBought = 0;
    qint64 boughtCents = 0; // the prices of the paid messages bought
    ReplyTimes replies;

    MessageTotals &operator+=(const MessageTotals &other);
    // Paid messages bought against paid messages sent; none when none was sent.
    std::optional<double> purchaseRate() const;
    // As the Dashboard's and the agency view's JSON carry it (replyBuckets: the 24 counts).
    QJsonObject toJson() const;
    static MessageTotals fromJson(const QJsonObject &json);

    friend bool operator==(const MessageTotals &, const MessageTotals &) = default;
};

// A local day of one team member's messages (member 0: the creator, or
// unknown, and every fan's message): what the team's figures read instead of
// the messages.
struct MessageDay {
    QDate day;
    qint64 memberId = 0;
    MessageTotals totals;

    friend bool operator==(const MessageDay &, const MessageDay &) = default;
};

// One team member's messages in one local hour of the day (0-23), summed over
// a range of days: when each chatter answers fast or slow.
struct MessageHour {
    int hour = 0;
    qint64 memberId = 0;
    MessageTotals totals;

    friend bool operator==(const MessageHour &, const MessageHour &) = default;
};

// The days `from` to `to` (both included) summed, every member together.
MessageTotals messageTotals(const QList<MessageDay> &days, const QDate &from, const QDate &to);

// The wait each team message answered, given a fan's messages in time order
// (ties: the fan's first) and the moment the fan started waiting before the
// first of them (none if they were not): for each message, the seconds it
// replied after, or none when it answered nothing (the team wrote twice, or
// wrote first).
QList<std::optional<qint64>> replyWaits(const QList<MessageEvent> &conversation, std::optional<QDateTime> waitingSince);

// Where a message stands in its conversation, in the order replyWaits needs:
// time, then the fan's message before the team's at the same instant, then
// identity (so the order never depends on the input's). Stored messages keep
// their identity as their key.
struct MessagePlace {
    QDateTime sentAt;
    bool fromFan = false;
    QByteArray identity;

    friend bool operator<(const MessagePlace &a, const MessagePlace &b)
    {
        if (a.sentAt != b.sentAt)
            return a.sentAt < b.sentAt;
        if (a.fromFan != b.fromFan)
            return a.fromFan;
        return a.identity < b.identity;
    }
};
bool comesBefore(const MessageEvent &a, const MessageEvent &b);

} // namespace huntaze::analytics
