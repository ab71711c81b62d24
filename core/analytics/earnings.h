#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

// What a creator earns, event by event, as the platforms' statements list it
// (issue 12): one rule set for the CSV reader, both backends and the server.
namespace huntaze::analytics {

enum class EarningKind {
    NewSubscription,
    Renewal,
    ExpiredSubscription, // no money: a subscriber lost
    Tip,
    PaidPost,
    PaidMessage,
    MassMessage, // a paid message sent to many fans, bought by this one
    Stream,
    Referral,
    Custom,
};
inline constexpr int earningKindCount = 10;

// "subscription_new", "subscription_renewal", "subscription_expired", "tip",
// "paid_post", "paid_message", "mass_message", "stream", "referral", "custom".
QString kindId(EarningKind kind);
std::optional<EarningKind> kindFromId(const QString &id);
QList<EarningKind> allKinds();

// What a chart stacks by: subscriptions together, paid messages (single and mass) together.
enum class EarningSource { Subscriptions, Tips, Posts, Messages, Streams, Referrals, Customs };
EarningSource sourceOf(EarningKind kind);

// One line of a statement: an amount a fan paid (gross, and net of the
// platform's cut), in whole cents of the account's currency.
struct EarningEvent {
    QDateTime occurredAt; // UTC
    EarningKind kind = EarningKind::Tip;
    qint64 grossCents = 0;
    qint64 netCents = 0; // 0..grossCents
    QString currency; // ISO 4217, the account's
    QString fan; // the fan's name or id on the platform; may be empty (a referral)
    QString reference; // the statement's own id of the line, when it has one
    qint64 memberId = 0; // the team member who sent the paid message, when known

    // The line's identity, so a statement imported twice adds nothing: its
    // reference when it has one, else a digest of everything it says.
    QByteArray identity() const;
    // The amounts' rules (parse() applies them; so does every import of lines made in code):
    // none negative, net at most gross, nothing for an expiry, at least a cent but for subscriptions.
    Result<void> checkAmounts() const;
    // Accepts the fields of toJson(): amounts as numbers in whole cents
    // (12.5), net at most gross (gross when absent), above 0 except for
    // subscriptions (free pages and trials) and nothing for an expiry; a currency other than
    // `accountCurrency` is refused on "currency".
    static Result<EarningEvent> parse(const QJsonObject &json, const QString &accountCurrency);
    QJsonObject toJson() const;

    friend bool operator==(const EarningEvent &, const EarningEvent &) = default;
};

// A local day of a creator's earnings of one kind, in the creator's time
// zone: what charts and totals read instead of the events (kept up to date
// with them).
struct EarningsDay {
    QDate day;
    EarningKind kind = EarningKind::Tip;
    qint64 events = 0;
    qint64 grossCents = 0;
    qint64 netCents = 0;

    friend bool operator==(const EarningsDay &, const EarningsDay &) = default;
};

// Earnings of every kind in one local hour of one weekday, summed over a
// range of days: what the weekday × hour heat map reads.
struct HourOfWeek {
    int weekday = 1; // 1 Monday .. 7 Sunday
    int hour = 0; // 0-23
    qint64 events = 0;
    qint64 grossCents = 0;
    qint64 netCents = 0;

    friend bool operator==(const HourOfWeek &, const HourOfWeek &) = default;
};

// An instant of a statement, log or export line (`key`): written with its
// offset or Z (a time without one would mean whatever the reader's zone is),
// in the years 2000-2100 (a year like 20226 is a typo, not history). In UTC.
Result<QDateTime> requiredInstant(const QJsonObject &json, const QString &key);

// The hour an event falls in, in `zone` (the creator's; UTC when invalid).
QPair<QDate, int> localHour(const QDateTime &occurredAt, const QTimeZone &zone);

} // namespace huntaze::analytics
