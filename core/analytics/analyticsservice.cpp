#include "analyticsservice.h"

#include "domain/money.h"

#include "domain/rules.h"
#include "storage/agencyrepository.h"
#include "storage/analyticsrepository.h"
#include "storage/attributionrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/engagementrepository.h"
#include "storage/messagerepository.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <algorithm>

namespace huntaze {

using analytics::Change;
using analytics::Dashboard;
using analytics::DashboardRequest;

namespace {

// The creator's time zone: what their days and hours are. UTC until they choose one.
Result<QTimeZone> zoneOf(QSqlDatabase &db, const agency::CreatorScope &scope)
{
    const Result<Profile> profile = AgencyRepository(db).profileOf(scope);
    if (!profile.ok())
        return profile.error();
    return profile.value().zone();
}

struct CreatorAndZone {
    agency::CreatorScope scope;
    QTimeZone zone;
};

// The creator the member asked for (0: their first), and the zone their days are in.
Result<CreatorAndZone> creatorFor(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId)
{
    const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, creatorId);
    if (!scope.ok())
        return scope.error();
    const Result<QTimeZone> zone = zoneOf(db, scope.value());
    if (!zone.ok())
        return zone.error();
    return CreatorAndZone{scope.value(), zone.value()};
}

// The creator a member imports statements or logs for: they must import data and see earnings.
Result<CreatorAndZone> importingFor(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId)
{
    if (Result<void> allowed = member.require({agency::Permission::ImportData}); !allowed.ok())
        return allowed.error();
    if (Result<void> allowed = member.require({agency::Permission::ViewEarnings}); !allowed.ok())
        return allowed.error();
    return creatorFor(db, member, creatorId);
}

// A log's team members as the agency knows them: emails become ids, and
// every member named must be one of the agency's (the rule lives here, so
// both backends and the server apply it).
Result<QList<analytics::MessageEvent>> withTeamMembers(QSqlDatabase &db, qint64 agencyId, QList<analytics::MessageEvent> messages)
{
    const bool namesMembers = std::any_of(messages.cbegin(), messages.cend(), [](const analytics::MessageEvent &message) {
        return message.memberId != 0 || !message.memberEmail.isEmpty();
    });
    if (!namesMembers)
        return messages;
    const Result<QHash<QString, qint64>> members = AgencyRepository(db).memberIdsByEmail(agencyId);
    if (!members.ok())
        return members.error();
    const QList<qint64> ids = members.value().values();
    QStringList unknownEmails;
    QStringList unknownIds;
    for (analytics::MessageEvent &message : messages) {
        if (!message.memberEmail.isEmpty()) {
            const auto found = members.value().constFind(message.memberEmail);
            if (found == members.value().cend()) {
                if (!unknownEmails.contains(message.memberEmail))
                    unknownEmails.append(message.memberEmail);
                continue;
            }
            message.memberId = found.value();
            message.memberEmail.clear();
        } else if (message.memberId != 0 && !ids.contains(message.memberId)) {
            if (const QString id = QString::number(message.memberId); !unknownIds.contains(id))
                unknownIds.append(id);
        }
    }
    constexpr int shown = 5;
    if (const int count = static_cast<int>(unknownEmails.size()); count > 0)
        return Error::validation(QStringLiteral("member"),
                                 QCoreApplication::translate("huntaze::AnalyticsService",
                                                             "No member of this agency has the email %1. Invite them in Team, or "
                                                             "correct the log.",
                                                             nullptr, count)
                                     .arg(unknownEmails.mid(0, shown).join(QStringLiteral(", "))));
    if (const int count = static_cast<int>(unknownIds.size()); count > 0)
        return Error::validation(
            QStringLiteral("memberId"),
            QCoreApplication::translate("huntaze::AnalyticsService", "No member of this agency has the id %1.", nullptr, count)
                .arg(unknownIds.mid(0, shown).join(QStringLiteral(", "))));
    return messages;
}

Result<Change> changeOf(const Result<qint64> &current, const Result<qint64> &previous)
{
    if (!current.ok())
        return current.error();
    if (!previous.ok())
        return previous.error();
    return Change{current.value(), previous.value()};
}

// The agency view's money figures, by creator: each read for all of them at once.
struct Money {
    QHash<qint64, QString> currencies;
    QHash<qint64, QList<analytics::EarningsDay>> earningsDays; // the range's and the previous period's, by week
    QHash<qint64, qint64> activeSubscribers; // at the range's end
    QHash<qint64, qint64> spenders;
    QHash<qint64, analytics::CreditedSales> credited;
};

Result<Money> moneyOf(QSqlDatabase &db, const CreatorSet &creators, const DashboardRequest &request, analytics::Attribution rule)
{
    Money money;
    Result<QHash<qint64, QString>> currencies = CreatorDataRepository::currencies(db, creators);
    if (!currencies.ok())
        return currencies.error();
    money.currencies = std::move(currencies).value();
    Result<QHash<qint64, QList<analytics::EarningsDay>>> days = AnalyticsRepository::earningsWeeks(db, creators, request.range);
    if (!days.ok())
        return days.error();
    money.earningsDays = std::move(days).value();
    const Result<QHash<qint64, AnalyticsRepository::Span>> spans = AnalyticsRepository::spans(db, creators);
    if (!spans.ok())
        return spans.error();
    Result<QHash<qint64, qint64>> active = AnalyticsRepository::activeSubscribers(db, creators, request.range.to);
    if (!active.ok())
        return active.error();
    money.activeSubscribers = std::move(active).value();
    Result<QHash<qint64, qint64>> spenders
        = AnalyticsRepository::spenders(db, creators, spans.value(), request.range.from, request.range.to);
    if (!spenders.ok())
        return spenders.error();
    money.spenders = std::move(spenders).value();
    Result<QHash<qint64, analytics::CreditedSales>> credited
        = AttributionRepository(db).credited(creators, rule, request.range, request.amount);
    if (!credited.ok())
        return credited.error();
    money.credited = std::move(credited).value();
    return money;
}

} // namespace

Result<Dashboard> AnalyticsService::dashboard(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                              const DashboardRequest &asked)
{
    if (Result<void> allowed = member.require({agency::Permission::ViewEarnings}); !allowed.ok())
        return allowed.error();
    if (Result<void> valid = asked.check(); !valid.ok())
        return valid.error();
    const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, creatorId);
    if (!scope.ok())
        return scope.error();
    return dashboardOf(db, scope.value(), asked);
}

Result<Dashboard> AnalyticsService::dashboardOf(QSqlDatabase &db, const agency::CreatorScope &scope, const DashboardRequest &asked)
{
    if (Result<void> valid = asked.check(); !valid.ok())
        return valid.error();
    // One snapshot: an import committing meanwhile shows in all the figures or in none.
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    // The roll-ups are by the creator's local day and hour already: reading them needs no zone.
    const QTimeZone zone = QTimeZone::utc();
    AnalyticsRepository analytics(db, scope, zone);
    DashboardRequest request = asked;
    if (request.sinceFirstEarning) {
        const Result<std::optional<QDate>> first = analytics.firstEarningDay();
        if (!first.ok())
            return first.error();
        request.range.from = std::min(first.value().value_or(request.range.to), request.range.to);
    }
    const analytics::DateRange previous = request.range.previous();
    analytics::DashboardInputs inputs;
    // The previous period, and enough days before the end for the forecast and the anomalies.
    inputs.historyFrom = std::min(previous.from, request.range.to.addDays(1 - analytics::dashboardHistoryDays));
    Result<QList<analytics::EarningsDay>> days = analytics.earningsDays(inputs.historyFrom, request.range.to);
    if (!days.ok())
        return days.error();
    inputs.days = std::move(days).value();
    Result<QList<analytics::HourOfWeek>> hours = analytics.earningsByHourOfWeek(request.range.from, request.range.to);
    if (!hours.ok())
        return hours.error();
    inputs.hoursOfWeek = std::move(hours).value();
    const Result<Change> spenders
        = changeOf(analytics.spenders(request.range.from, request.range.to), analytics.spenders(previous.from, previous.to));
    if (!spenders.ok())
        return spenders.error();
    inputs.spenders = spenders.value();
    const Result<Change> subscribers = changeOf(analytics.activeSubscribers(request.range.to), analytics.activeSubscribers(previous.to));
    if (!subscribers.ok())
        return subscribers.error();
    inputs.activeSubscribers = subscribers.value();
    Result<QList<analytics::FanLifetime>> lifetimes = analytics.fanLifetimes(request.range.to);
    if (!lifetimes.ok())
        return lifetimes.error();
    inputs.lifetimes = std::move(lifetimes).value();
    Result<QList<analytics::CohortActivity>> cohorts
        = analytics.cohortActivity(analytics::firstCohortMonth(request.range), request.range.to);
    if (!cohorts.ok())
        return cohorts.error();
    inputs.cohortActivity = std::move(cohorts).value();
    Result<QList<analytics::MessageDay>> messageDays = MessageRepository(db, scope, zone).messageDays(previous.from, request.range.to);
    if (!messageDays.ok())
        return messageDays.error();
    inputs.messageDays = std::move(messageDays).value();
    EngagementRepository engagement(db, scope, zone);
    Result<QList<analytics::TopPost>> topPosts = engagement.topPosts(request.range.from, request.range.to, Dashboard::topPostCount);
    if (!topPosts.ok())
        return topPosts.error();
    inputs.topPosts = std::move(topPosts).value();
    Result<QList<analytics::PostingHour>> postingHours = engagement.postingHours(request.range.from, request.range.to);
    if (!postingHours.ok())
        return postingHours.error();
    inputs.postingHours = std::move(postingHours).value();
    if (Result<void> ended = transaction.commit(); !ended.ok())
        return ended.error();
    return analytics::buildDashboard(request, inputs);
}

Result<analytics::AgencyAnalytics> AnalyticsService::agency(QSqlDatabase &db, const agency::Membership &member,
                                                            const DashboardRequest &request)
{
    // Owners and admins see the money; a chatter (who writes to fans) sees their own messages only.
    const Result<void> seesEarnings = member.require({agency::Permission::ViewEarnings});
    const bool seesMoney = seesEarnings.ok();
    if (!seesMoney && !member.require({agency::Permission::WriteFanMessages}).ok())
        return seesEarnings.error();
    if (Result<void> valid = request.check(); !valid.ok())
        return valid.error();
    if (request.sinceFirstEarning)
        return Error::validation(QStringLiteral("all"),
                                 QCoreApplication::translate("huntaze::AnalyticsService", "Give the agency view a range: from and to."));
    const Result<QList<Creator>> visible = AgencyRepository(db).visibleCreators(member);
    if (!visible.ok())
        return visible.error();
    const Result<QHash<QString, qint64>> members = AgencyRepository(db).memberIdsByEmail(member.agencyId);
    if (!members.ok())
        return members.error();
    QHash<qint64, QString> emails;
    for (auto it = members.value().cbegin(); it != members.value().cend(); ++it)
        emails.insert(it.value(), it.key());
    AttributionRepository attribution(db);
    const Result<analytics::Attribution> rule = attribution.rule(member.agencyId);
    if (!rule.ok())
        return rule.error();
    // One snapshot of every creator, each figure read for all of them in one statement.
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    CreatorSet creators{member.agencyId, {}};
    for (const Creator &creator : visible.value())
        creators.creatorIds.append(creator.id);
    Result<QHash<qint64, QList<analytics::MessageHour>>> messageHours
        = MessageRepository::messageHours(db, creators, request.range.from, request.range.to);
    if (!messageHours.ok())
        return messageHours.error();
    Money money;
    if (seesMoney) {
        Result<Money> read = moneyOf(db, creators, request, rule.value());
        if (!read.ok())
            return read.error();
        money = std::move(read).value();
    }
    QList<analytics::CreatorFigures> figures;
    for (const Creator &creator : visible.value()) {
        analytics::CreatorFigures one;
        one.creatorId = creator.id;
        one.name = creator.profile.displayName;
        one.messageHours = messageHours.value().value(creator.id);
        one.currency = money.currencies.value(creator.id);
        one.days = money.earningsDays.value(creator.id);
        one.activeSubscribers = money.activeSubscribers.value(creator.id);
        one.spenders = money.spenders.value(creator.id);
        one.credited = money.credited.value(creator.id);
        figures.append(std::move(one));
    }
    if (Result<void> ended = transaction.commit(); !ended.ok())
        return ended.error();
    return analytics::buildAgencyAnalytics(request, figures, emails, seesMoney ? 0 : member.userId, rule.value());
}

Result<void> AnalyticsService::setAttribution(QSqlDatabase &db, const agency::Membership &member, analytics::Attribution rule)
{
    return AttributionRepository(db).setRule(member, rule);
}

Result<int> AnalyticsService::importEarnings(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                             const QList<analytics::EarningEvent> &events)
{
    const Result<CreatorAndZone> creator = importingFor(db, member, creatorId);
    if (!creator.ok())
        return creator.error();
    // Lines made in code (another backend's, a tool's) meet the rules a file's lines meet.
    const Result<QString> currency = CreatorDataRepository(db, creator.value().scope).currency();
    if (!currency.ok())
        return currency.error();
    for (qsizetype i = 0; i < events.size(); ++i) {
        Result<void> valid = events.at(i).checkAmounts();
        if (valid.ok())
            valid = money::checkAccountCurrency(events.at(i).currency, currency.value());
        if (!valid.ok()) {
            Error error = jsonfield::within(QStringLiteral("earnings[%1]").arg(i), valid.error());
            error.message = QCoreApplication::translate("huntaze::AnalyticsService", "Line %1: %2 Nothing was imported.")
                                .arg(i + 1)
                                .arg(error.message);
            return error;
        }
    }
    return AnalyticsRepository(db, creator.value().scope, creator.value().zone).addEarnings(events);
}

Result<int> AnalyticsService::importMessages(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                             const QList<analytics::MessageEvent> &messages)
{
    const Result<CreatorAndZone> creator = importingFor(db, member, creatorId);
    if (!creator.ok())
        return creator.error();
    const Result<QList<analytics::MessageEvent>> resolved = withTeamMembers(db, creator.value().scope.agencyId, messages);
    if (!resolved.ok())
        return resolved.error();
    return MessageRepository(db, creator.value().scope, creator.value().zone).addMessages(resolved.value());
}

Result<int> AnalyticsService::importEngagement(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                               const QList<analytics::PostEngagement> &lines)
{
    // Likes and views carry no money: importing them needs no sight of earnings.
    if (Result<void> allowed = member.require({agency::Permission::ImportData}); !allowed.ok())
        return allowed.error();
    const Result<CreatorAndZone> creator = creatorFor(db, member, creatorId);
    if (!creator.ok())
        return creator.error();
    return EngagementRepository(db, creator.value().scope, creator.value().zone).addEngagement(lines);
}

Result<QString> AnalyticsService::accountCurrency(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId)
{
    const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, creatorId);
    if (!scope.ok())
        return scope.error();
    return CreatorDataRepository(db, scope.value()).currency();
}

} // namespace huntaze
