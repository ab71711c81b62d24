#include "analyticsservice.h"

#include "storage/agencyrepository.h"
#include "storage/analyticsrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/messagerepository.h"
#include "storage/transaction.h"

#include <QTimeZone>

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

Result<Change> changeOf(const Result<qint64> &current, const Result<qint64> &previous)
{
    if (!current.ok())
        return current.error();
    if (!previous.ok())
        return previous.error();
    return Change{current.value(), previous.value()};
}

} // namespace

Result<Dashboard> AnalyticsService::dashboard(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                              const DashboardRequest &asked)
{
    if (Result<void> allowed = member.require({agency::Permission::ViewEarnings}); !allowed.ok())
        return allowed.error();
    if (Result<void> valid = asked.check(); !valid.ok())
        return valid.error();
    const Result<CreatorAndZone> creator = creatorFor(db, member, creatorId);
    if (!creator.ok())
        return creator.error();
    // One snapshot: an import committing meanwhile shows in all the figures or in none.
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    AnalyticsRepository analytics(db, creator.value().scope, creator.value().zone);
    DashboardRequest request = asked;
    if (request.sinceFirstEarning) {
        const Result<std::optional<QDate>> first = analytics.firstEarningDay();
        if (!first.ok())
            return first.error();
        request.range.from = std::min(first.value().value_or(request.range.to), request.range.to);
    }
    const analytics::DateRange previous = request.range.previous();
    analytics::DashboardInputs inputs;
    Result<QList<analytics::EarningsDay>> days = analytics.earningsDays(previous.from, request.range.to);
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
    Result<QList<analytics::MessageDay>> messageDays
        = MessageRepository(db, creator.value().scope, creator.value().zone).messageDays(previous.from, request.range.to);
    if (!messageDays.ok())
        return messageDays.error();
    inputs.messageDays = std::move(messageDays).value();
    if (Result<void> ended = transaction.commit(); !ended.ok())
        return ended.error();
    return analytics::buildDashboard(request, inputs);
}

Result<int> AnalyticsService::importEarnings(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                             const QList<analytics::EarningEvent> &events)
{
    const Result<CreatorAndZone> creator = importingFor(db, member, creatorId);
    if (!creator.ok())
        return creator.error();
    return AnalyticsRepository(db, creator.value().scope, creator.value().zone).addEarnings(events);
}

Result<int> AnalyticsService::importMessages(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId,
                                             const QList<analytics::MessageEvent> &messages)
{
    const Result<CreatorAndZone> creator = importingFor(db, member, creatorId);
    if (!creator.ok())
        return creator.error();
    return MessageRepository(db, creator.value().scope, creator.value().zone).addMessages(messages);
}

Result<QString> AnalyticsService::accountCurrency(QSqlDatabase &db, const agency::Membership &member, qint64 creatorId)
{
    const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, creatorId);
    if (!scope.ok())
        return scope.error();
    return CreatorDataRepository(db, scope.value()).currency();
}

} // namespace huntaze
