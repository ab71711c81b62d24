#include "messages.h"

#include "domain/money.h"

#include "analytics/earnings.h"
#include "domain/credentials.h"
#include "domain/rules.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace huntaze::analytics {

namespace {

constexpr int maxReferenceLength = 200;

// The most a single message may cost: far above any platform's limit, far below overflow.
constexpr double maxPrice = 100'000;

} // namespace

QByteArray MessageEvent::identity() const
{
    QCryptographicHash digest(QCryptographicHash::Sha256);
    if (!reference.isEmpty()) {
        digest.addData(QByteArrayLiteral("message reference\n"));
        digest.addData(reference.toUtf8());
        return digest.result();
    }
    QByteArray canonical = QByteArrayLiteral("message\n");
    canonical += QByteArray::number(sentAt.toMSecsSinceEpoch());
    canonical += fromFan ? "\nfan\n" : "\nteam\n";
    canonical += fan.toUtf8();
    canonical += '\n';
    canonical += QByteArray::number(memberId);
    canonical += '\n';
    canonical += QByteArray::number(priceCents);
    canonical += bought ? "\nbought" : "\n";
    digest.addData(canonical);
    return digest.result();
}

Result<MessageEvent> MessageEvent::parse(const QJsonObject &json, const QString &accountCurrency)
{
    MessageEvent message;
    const Result<QDateTime> at = requiredInstant(json, QStringLiteral("sentAt"));
    if (!at.ok())
        return at.error();
    message.sentAt = at.value();

    const Result<QString> from = jsonfield::requiredString(json, QStringLiteral("from"), 8);
    if (!from.ok())
        return from.error();
    if (from.value() != QLatin1String("fan") && from.value() != QLatin1String("team"))
        return Error::validation(QStringLiteral("from"),
                                 QCoreApplication::translate("huntaze::analytics", "Say who wrote it: fan or team."));
    message.fromFan = from.value() == QLatin1String("fan");

    const Result<QString> fan = jsonfield::requiredString(json, QStringLiteral("fan"), rules::maxNameLength);
    if (!fan.ok())
        return fan.error();
    message.fan = fan.value().trimmed();
    if (message.fan.isEmpty())
        return Error::validation(QStringLiteral("fan"),
                                 QCoreApplication::translate("huntaze::analytics", "Name the fan of the conversation."));

    const Result<qint64> member
        = jsonfield::optionalWholeNumber(json, QStringLiteral("memberId"), 0, std::numeric_limits<qint32>::max(), 0);
    if (!member.ok())
        return member.error();
    message.memberId = member.value();
    if (message.fromFan && message.memberId != 0)
        return Error::validation(QStringLiteral("memberId"),
                                 QCoreApplication::translate("huntaze::analytics", "A fan's message has no team member."));
    if (json.contains(QStringLiteral("member"))) {
        if (message.fromFan)
            return Error::validation(QStringLiteral("member"),
                                     QCoreApplication::translate("huntaze::analytics", "A fan's message has no team member."));
        if (message.memberId != 0)
            return Error::validation(
                QStringLiteral("member"),
                QCoreApplication::translate("huntaze::analytics", "Name the team member by id or by email, not both."));
        const Result<QString> text = jsonfield::requiredString(json, QStringLiteral("member"), credentials::maxEmailLength);
        if (!text.ok())
            return text.error();
        const Result<QString> email = credentials::validateEmail(text.value());
        if (!email.ok())
            return Error::validation(
                QStringLiteral("member"),
                QCoreApplication::translate("huntaze::analytics", "Name the team member by their email, like lea@example.com."));
        message.memberEmail = email.value();
    }

    if (json.contains(QStringLiteral("price")) && message.fromFan)
        return Error::validation(QStringLiteral("price"),
                                 QCoreApplication::translate("huntaze::analytics", "Only the team's messages have a price."));
    const Result<double> price = jsonfield::optionalMoney(json, QStringLiteral("price"), rules::Zero::Allowed, 0);
    if (!price.ok())
        return price.error();
    if (price.value() > maxPrice)
        return Error::validation(
            QStringLiteral("price"),
            QCoreApplication::translate("huntaze::analytics", "A message costs at most %L1.").arg(maxPrice, 0, 'f', 0));
    message.priceCents = std::llround(price.value() * 100);
    const Result<QString> currency = jsonfield::optionalString(json, QStringLiteral("currency"), 3, accountCurrency);
    if (!currency.ok())
        return currency.error();
    if (Result<void> same = money::checkAccountCurrency(currency.value(), accountCurrency); !same.ok())
        return same.error();

    if (json.contains(QStringLiteral("bought"))) {
        const QJsonValue bought = json.value(QStringLiteral("bought"));
        if (!bought.isBool())
            return Error::validation(QStringLiteral("bought"), QCoreApplication::translate("huntaze::analytics", "Say true or false."));
        if (bought.toBool() && message.priceCents == 0)
            return Error::validation(QStringLiteral("bought"),
                                     QCoreApplication::translate("huntaze::analytics", "Only a paid message can be bought."));
        message.bought = bought.toBool();
    }

    const Result<QString> reference = jsonfield::optionalString(json, QStringLiteral("reference"), maxReferenceLength);
    if (!reference.ok())
        return reference.error();
    message.reference = reference.value().trimmed();
    return message;
}

QJsonObject MessageEvent::toJson() const
{
    QJsonObject json{{QStringLiteral("sentAt"), sentAt.toUTC().toString(Qt::ISODateWithMs)},
                     {QStringLiteral("from"), fromFan ? QStringLiteral("fan") : QStringLiteral("team")},
                     {QStringLiteral("fan"), fan}};
    if (memberId != 0)
        json.insert(QStringLiteral("memberId"), memberId);
    else if (!memberEmail.isEmpty())
        json.insert(QStringLiteral("member"), memberEmail);
    if (priceCents != 0) {
        json.insert(QStringLiteral("price"), static_cast<double>(priceCents) / 100);
        json.insert(QStringLiteral("bought"), bought);
    }
    if (!reference.isEmpty())
        json.insert(QStringLiteral("reference"), reference);
    return json;
}

int replyBucketOf(qint64 seconds)
{
    const auto bound = std::lower_bound(replyBucketBounds.cbegin(), replyBucketBounds.cend(), seconds);
    return bound == replyBucketBounds.cend() ? replyBucketCount - 1 : static_cast<int>(bound - replyBucketBounds.cbegin());
}

void ReplyTimes::add(qint64 waitSeconds)
{
    ++replies;
    seconds += waitSeconds;
    ++buckets[static_cast<std::size_t>(replyBucketOf(waitSeconds))];
}

void ReplyTimes::remove(qint64 waitSeconds)
{
    --replies;
    seconds -= waitSeconds;
    --buckets[static_cast<std::size_t>(replyBucketOf(waitSeconds))];
}

ReplyTimes &ReplyTimes::operator+=(const ReplyTimes &other)
{
    replies += other.replies;
    seconds += other.seconds;
    for (std::size_t i = 0; i < buckets.size(); ++i)
        buckets[i] += other.buckets[i];
    return *this;
}

std::optional<qint64> ReplyTimes::averageSeconds() const
{
    if (replies <= 0)
        return std::nullopt;
    return (seconds + replies / 2) / replies;
}

std::optional<qint64> ReplyTimes::percentileSeconds(double share) const
{
    if (replies <= 0)
        return std::nullopt;
    // The rank of the reply asked for, then the bucket that holds it.
    const double rank = std::clamp(share, 0.0, 1.0) * static_cast<double>(replies);
    qint64 below = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        if (buckets[i] == 0 || static_cast<double>(below + buckets[i]) < rank) {
            below += buckets[i];
            continue;
        }
        const double lower = i == 0 ? 0.0 : static_cast<double>(replyBucketBounds[i - 1]);
        const double upper = static_cast<double>(replyBucketBounds[i]);
        const double within = (rank - static_cast<double>(below)) / static_cast<double>(buckets[i]);
        return std::llround(lower + (upper - lower) * std::clamp(within, 0.0, 1.0));
    }
    return replyBucketBounds.back();
}

MessageTotals &MessageTotals::operator+=(const MessageTotals &other)
{
    fromFans += other.fromFans;
    sent += other.sent;
    paidSent += other.paidSent;
    paidBought += other.paidBought;
    boughtCents += other.boughtCents;
    replies += other.replies;
    return *this;
}

std::optional<double> MessageTotals::purchaseRate() const
{
    if (paidSent <= 0)
        return std::nullopt;
    return static_cast<double>(paidBought) / static_cast<double>(paidSent);
}

MessageTotals messageTotals(const QList<MessageDay> &days, const QDate &from, const QDate &to)
{
    MessageTotals sum;
    for (const MessageDay &day : days) {
        if (day.day >= from && day.day <= to)
            sum += day.totals;
    }
    return sum;
}

bool comesBefore(const MessageEvent &a, const MessageEvent &b)
{
    // The identity is a digest: computed only when time and author tie.
    if (a.sentAt != b.sentAt || a.fromFan != b.fromFan)
        return MessagePlace{a.sentAt, a.fromFan, {}} < MessagePlace{b.sentAt, b.fromFan, {}};
    return a.identity() < b.identity();
}

QList<std::optional<qint64>> replyWaits(const QList<MessageEvent> &conversation, std::optional<QDateTime> waitingSince)
{
    QList<std::optional<qint64>> waits;
    waits.reserve(conversation.size());
    for (const MessageEvent &message : conversation) {
        if (message.fromFan) {
            if (!waitingSince)
                waitingSince = message.sentAt;
            waits.append(std::nullopt);
            continue;
        }
        waits.append(waitingSince ? std::optional<qint64>(waitingSince->secsTo(message.sentAt)) : std::nullopt);
        waitingSince.reset();
    }
    return waits;
}

QJsonObject MessageTotals::toJson() const
{
    QJsonArray buckets;
    for (qint64 count : replies.buckets)
        buckets.append(count);
    return {{QStringLiteral("fromFans"), fromFans},
            {QStringLiteral("sent"), sent},
            {QStringLiteral("paidSent"), paidSent},
            {QStringLiteral("paidBought"), paidBought},
            {QStringLiteral("boughtCents"), boughtCents},
            {QStringLiteral("replies"), replies.replies},
            {QStringLiteral("replySeconds"), replies.seconds},
            {QStringLiteral("replyBuckets"), buckets}};
}

MessageTotals MessageTotals::fromJson(const QJsonObject &json)
{
    MessageTotals totals;
    totals.fromFans = json.value(QStringLiteral("fromFans")).toInteger();
    totals.sent = json.value(QStringLiteral("sent")).toInteger();
    totals.paidSent = json.value(QStringLiteral("paidSent")).toInteger();
    totals.paidBought = json.value(QStringLiteral("paidBought")).toInteger();
    totals.boughtCents = json.value(QStringLiteral("boughtCents")).toInteger();
    totals.replies.replies = json.value(QStringLiteral("replies")).toInteger();
    totals.replies.seconds = json.value(QStringLiteral("replySeconds")).toInteger();
    const QJsonArray buckets = json.value(QStringLiteral("replyBuckets")).toArray();
    for (int i = 0; i < replyBucketCount; ++i)
        totals.replies.buckets[static_cast<std::size_t>(i)] = buckets.at(i).toInteger();
    return totals;
}

} // namespace huntaze::analytics
