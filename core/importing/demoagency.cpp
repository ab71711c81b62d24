#include "demoagency.h"

#include "agency/shifts.h"
#include "analytics/analyticsservice.h"
#include "importing/demodata.h"
#include "storage/agencyrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze::demodata {

namespace {

Error notNew()
{
    return Error{ErrorCode::Conflict,
                 QCoreApplication::translate("huntaze::demodata",
                                             "The demo agency is for a new agency: this one already has creators, members or data."),
                 QStringLiteral("demo agency refused: the agency is not new")};
}

// Whether the agency holds nothing but its owner and their first creator.
Result<bool> isNew(QSqlDatabase &db, qint64 agencyId)
{
    QSqlQuery query(db);
    // Archived creators count: their rows stay.
    query.prepare(
        QStringLiteral("SELECT (SELECT COUNT(*) FROM creators WHERE agency_id = ?), (SELECT COUNT(*) FROM members WHERE agency_id = ?), "
                       "EXISTS (SELECT 1 FROM fans WHERE agency_id = ?) OR EXISTS (SELECT 1 FROM offers WHERE agency_id = ?) "
                       "OR EXISTS (SELECT 1 FROM posts WHERE agency_id = ?) OR EXISTS (SELECT 1 FROM earning_days WHERE agency_id = ?) "
                       "OR EXISTS (SELECT 1 FROM message_events WHERE agency_id = ?) "
                       "OR EXISTS (SELECT 1 FROM engagement_posts WHERE agency_id = ?)"));
    for (int i = 0; i < 8; ++i)
        query.addBindValue(agencyId);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("check the agency is new"), query.lastError());
    return query.value(0).toLongLong() == 1 && query.value(1).toLongLong() == 1 && !query.value(2).toBool();
}

// A member who cannot sign in (no password hash verifies against an empty one).
Result<qint64> addChatter(QSqlDatabase &db, qint64 agencyId, const Chatter &chatter, const QString &now)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO users (email, password_hash, created_at) VALUES (?, '', ?) RETURNING id"));
    query.addBindValue(chatter.email);
    query.addBindValue(now);
    if (!query.exec() || !query.next()) {
        if (isUniqueViolation(query.lastError()))
            return notNew(); // this file's demo agency, made before and since left
        return storageError(QStringLiteral("add a demo chatter"), query.lastError());
    }
    const qint64 userId = query.value(0).toLongLong();
    query.prepare(QStringLiteral("INSERT INTO members (agency_id, user_id, role, joined_at) VALUES (?, ?, 'chatter', ?)"));
    query.addBindValue(agencyId);
    query.addBindValue(userId);
    query.addBindValue(now);
    if (!query.exec())
        return storageError(QStringLiteral("add a demo chatter"), query.lastError());
    return userId;
}

// Eight hours a day from the chatter's start hour, in `zone`, on each of the ninety days before
// `lastDay` (today: a shift still to come would not be one worked).
Result<void> addShifts(QSqlDatabase &db, const agency::CreatorScope &scope, qint64 memberId, const Chatter &chatter, const QDate &lastDay,
                       const QTimeZone &zone)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO shifts (agency_id, member_id, creator_id, clocked_in_at, clocked_out_at, last_activity_at, "
                                 "ended_by) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (QDate day = lastDay.addDays(-90); day < lastDay; day = day.addDays(1)) {
        const QDateTime in = QDateTime(day, QTime(chatter.shiftStartHour, 0), zone).toUTC();
        const QDateTime out = in.addSecs(8 * 3600);
        for (const QVariant &value : {QVariant(scope.agencyId), QVariant(memberId), QVariant(scope.creatorId), QVariant(sqlTimestamp(in)),
                                      QVariant(sqlTimestamp(out)), QVariant(sqlTimestamp(out)), QVariant(shifts::endedByMember)})
            query.addBindValue(value);
        if (!query.exec())
            return storageError(QStringLiteral("add demo shifts"), query.lastError());
    }
    return Result<void>::success();
}

// One creator's sample data; answers the lines written.
Result<int> fillCreator(QSqlDatabase &db, const agency::Membership &owner, const agency::CreatorScope &scope, quint32 seed, double audience,
                        const QList<qint64> &chatterIds, const QDate &lastDay, const QTimeZone &zone, const QString &currency)
{
    CreatorDataRepository data(db, scope);
    if (Result<int> fans = data.insertFans(demodata::fans(40, seed)); !fans.ok())
        return fans;
    if (Result<int> offers = data.insertOffers(demodata::offers(seed)); !offers.ok())
        return offers;
    if (Result<int> posts = data.insertPosts(demodata::posts(seed)); !posts.ok())
        return posts;
    const QList<analytics::EarningEvent> year = demodata::earnings(lastDay, zone, currency, seed, audience);
    const Result<int> earnings = AnalyticsService::importEarnings(db, owner, scope.creatorId, year);
    if (!earnings.ok())
        return earnings;
    const QList<analytics::PostEngagement> engagement = demodata::engagement(lastDay, zone, seed);
    if (Result<int> written = AnalyticsService::importEngagement(db, owner, scope.creatorId, engagement); !written.ok())
        return written;
    const QList<analytics::MessageEvent> log = demodata::messages(year, chatterIds, lastDay, zone, seed);
    if (Result<int> written = AnalyticsService::importMessages(db, owner, scope.creatorId, log); !written.ok())
        return written;
    return static_cast<int>(year.size() + engagement.size() + log.size());
}

} // namespace

Result<DemoAgency> addDemoAgency(QSqlDatabase &db, const agency::Membership &owner)
{
    if (Result<void> allowed = owner.require({agency::Permission::ManageCreators}); !allowed.ok())
        return allowed.error();
    if (Result<void> allowed = owner.require({agency::Permission::ManageMembers}); !allowed.ok())
        return allowed.error();
    Transaction transaction(db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started.error();
    const Result<bool> fresh = isNew(db, owner.agencyId);
    if (!fresh.ok())
        return fresh.error();
    if (!fresh.value())
        return notNew();
    AgencyRepository agencies(db);
    const Result<agency::CreatorScope> first = agencies.scopeFor(owner, 0);
    if (!first.ok())
        return first.error();
    const Result<Profile> profile = agencies.profileOf(first.value());
    if (!profile.ok())
        return profile.error();
    const Result<QString> currency = CreatorDataRepository(db, first.value()).currency();
    if (!currency.ok())
        return currency.error();
    const QTimeZone zone = profile.value().zone();
    const QDate lastDay = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
    const QString now = sqlTimestamp(QDateTime::currentDateTimeUtc());

    QList<qint64> chatterIds;
    for (const Chatter &chatter : chatters()) {
        const Result<qint64> id = addChatter(db, owner.agencyId, chatter, now);
        if (!id.ok())
            return id.error();
        chatterIds.append(id.value());
    }
    struct Filled {
        agency::CreatorScope scope;
        quint32 seed;
        double audience;
    };
    QList<Filled> creators{{first.value(), 2026, 1.0}};
    for (const DemoCreator &more : moreCreators()) {
        Profile demo;
        demo.displayName = more.displayName;
        demo.niche = more.niche;
        demo.timeZone = profile.value().timeZone;
        const Result<Creator> added = agencies.addCreator(owner, demo);
        if (!added.ok())
            return added.error();
        const agency::CreatorScope scope{owner.agencyId, added.value().id, owner.userId};
        if (Result<void> set = CreatorDataRepository(db, scope).setPreference(QStringLiteral("currency"), currency.value()); !set.ok())
            return set.error();
        creators.append({scope, more.seed, more.audience});
    }
    DemoAgency made{static_cast<int>(creators.size()), static_cast<int>(chatterIds.size()), 0};
    for (const Filled &creator : std::as_const(creators)) {
        const Result<int> lines
            = fillCreator(db, owner, creator.scope, creator.seed, creator.audience, chatterIds, lastDay, zone, currency.value());
        if (!lines.ok())
            return lines.error();
        made.lines += lines.value();
        for (qsizetype i = 0; i < chatterIds.size(); ++i) {
            if (Result<void> added = addShifts(db, creator.scope, chatterIds.at(i), chatters().at(i), lastDay, zone); !added.ok())
                return added.error();
        }
    }
    if (Result<void> committed = transaction.commit(); !committed.ok())
        return committed.error();
    return made;
}

} // namespace huntaze::demodata
