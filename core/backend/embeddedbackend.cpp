#include "embeddedbackend.h"

#include <QSqlQuery>

#include "analytics/analyticsservice.h"
#include "common/async.h"
#include "importing/demoagency.h"
#include "storage/accountrepository.h"
#include "storage/agencyrepository.h"
#include "storage/auditrepository.h"
#include "storage/creatordatarepository.h"
#include "storage/draftrepository.h"
#include "storage/migrator.h"
#include "storage/shiftrepository.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutexLocker>

namespace huntaze {

EmbeddedBackend::EmbeddedBackend(const QString &databasePath, PasswordHasher hasher, QObject *parent)
    : Backend(parent), m_accounts(hasher), m_worker(DatabaseConfig::sqlite(databasePath))
{}

EmbeddedBackend::~EmbeddedBackend() = default;

QString EmbeddedBackend::identity() const
{
    return QStringLiteral("embedded:") + m_worker.config().databaseName;
}

QFuture<Result<void>> EmbeddedBackend::open()
{
    return m_worker.run<void>([this](QSqlDatabase &db) -> Result<void> {
        Result<int> migrated = Migrator().migrate(db);
        if (!migrated.ok())
            return migrated.error();
        QSqlQuery anyone(db);
        if (anyone.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM users)")) && anyone.next())
            m_hasAccounts.storeRelease(anyone.value(0).toBool() ? 1 : 0);
        return Result<void>::success();
    });
}

QFuture<Result<User>> EmbeddedBackend::signUp(const SignUpRequest &request)
{
    if (!request.invitation.trimmed().isEmpty())
        return readyFuture<User>(teamNeedsAServer());
    if (Result<AccountService::ValidSignUp> checked = AccountService::checkSignUp(request); !checked.ok())
        return readyFuture<User>(checked.error());
    return m_worker.run<User>([this, request](QSqlDatabase &db) { return keepSession(m_accounts.signUp(db, request)); });
}

QFuture<Result<User>> EmbeddedBackend::signIn(const QString &email, const QString &password, const QString &invitation)
{
    if (!invitation.trimmed().isEmpty())
        return readyFuture<User>(teamNeedsAServer());
    if (Result<QString> checked = AccountService::checkSignIn(email, password); !checked.ok())
        return readyFuture<User>(checked.error());
    return m_worker.run<User>([this, email, password](QSqlDatabase &db) { return keepSession(m_accounts.signIn(db, email, password)); });
}

QFuture<Result<User>> EmbeddedBackend::restoreSession(const QString &token)
{
    if (token.isEmpty())
        return readyFuture<User>(AccountService::notSignedIn());
    return m_worker.run<User>([this, token, creator = selectedCreator()](QSqlDatabase &db) -> Result<User> {
        Result<User> user = AccountService::restore(db, token, creator);
        if (user.ok())
            setSessionToken(token);
        return user;
    });
}

QFuture<Result<void>> EmbeddedBackend::signOut()
{
    const QString token = sessionToken();
    setSessionToken({});
    if (token.isEmpty())
        return readyFuture<void>(Result<void>::success());
    return m_worker.run<void>([token](QSqlDatabase &db) { return AccountService::signOut(db, token); });
}

QFuture<Result<User>> EmbeddedBackend::currentUser()
{
    return runForMember<User>([creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return AccountService::describe(db, member, creator);
    });
}

QFuture<Result<User>> EmbeddedBackend::updateProfile(const Profile &profile)
{
    const QString token = sessionToken();
    if (token.isEmpty())
        return readyFuture<User>(AccountService::notSignedIn());
    Result<Profile> valid = validateProfile(profile);
    if (!valid.ok())
        return readyFuture<User>(valid.error());
    return runForMember<User>([profile = valid.value(), creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return AccountService::saveCreatorProfile(db, member, creator, profile);
    });
}

template <typename T>
QFuture<Result<T>> EmbeddedBackend::runForMember(std::function<Result<T>(QSqlDatabase &, const agency::Membership &)> job)
{
    const QString token = sessionToken();
    if (token.isEmpty())
        return readyFuture<T>(AccountService::notSignedIn());
    return m_worker.run<T>([token, job = std::move(job)](QSqlDatabase &db) -> Result<T> {
        // A read-only lookup: "last used" is stamped when the session is restored, not on every query.
        const Result<agency::Membership> member = AccountService::memberFor(db, token);
        if (!member.ok())
            return member.error();
        return job(db, member.value());
    });
}

template <typename T>
QFuture<Result<T>> EmbeddedBackend::runForCreator(std::function<Result<T>(QSqlDatabase &, const agency::CreatorScope &)> job)
{
    return runForCreator<T>(0, std::move(job));
}

template <typename T>
QFuture<Result<T>> EmbeddedBackend::runForCreator(qint64 creatorId,
                                                  std::function<Result<T>(QSqlDatabase &, const agency::CreatorScope &)> job)
{
    return runForMember<T>([job = std::move(job), creator = creatorId != 0 ? creatorId : selectedCreator()](
                               QSqlDatabase &db, const agency::Membership &member) -> Result<T> {
        const Result<agency::CreatorScope> scope = AgencyRepository(db).scopeFor(member, creator);
        if (!scope.ok())
            return scope.error();
        return job(db, scope.value());
    });
}

QFuture<Result<CreatorExport::Holdings>> EmbeddedBackend::holdingsToMove(qint64 creatorId)
{
    return runForCreator<CreatorExport::Holdings>(
        creatorId, [](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorExport(db, scope).holdings(); });
}

QFuture<Result<LinePage<analytics::EarningEvent>>> EmbeddedBackend::earningsToMove(qint64 creatorId, qint64 after, int limit)
{
    return runForCreator<LinePage<analytics::EarningEvent>>(creatorId, [after, limit](QSqlDatabase &db, const agency::CreatorScope &scope) {
        return CreatorExport(db, scope).earnings(after, limit);
    });
}

QFuture<Result<LinePage<analytics::MessageEvent>>> EmbeddedBackend::messagesToMove(qint64 creatorId, qint64 after, int limit)
{
    return runForCreator<LinePage<analytics::MessageEvent>>(creatorId, [after, limit](QSqlDatabase &db, const agency::CreatorScope &scope) {
        return CreatorExport(db, scope).messages(after, limit);
    });
}

QFuture<Result<LinePage<analytics::PostEngagement>>> EmbeddedBackend::engagementToMove(qint64 creatorId, qint64 after, int limit)
{
    return runForCreator<LinePage<analytics::PostEngagement>>(
        creatorId,
        [after, limit](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorExport(db, scope).engagement(after, limit); });
}

QFuture<Result<QList<Fan>>> EmbeddedBackend::fans()
{
    return runForCreator<QList<Fan>>(
        [](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).fans(); });
}

QFuture<Result<int>> EmbeddedBackend::importFans(const QList<Fan> &fans)
{
    return runForCreator<int>(
        [fans](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).insertFans(fans); });
}

QFuture<Result<analytics::Dashboard>> EmbeddedBackend::dashboard(const analytics::DashboardRequest &request)
{
    return runForMember<analytics::Dashboard>([request, creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return AnalyticsService::dashboard(db, member, creator, request);
    });
}

QFuture<Result<analytics::AgencyAnalytics>> EmbeddedBackend::agencyAnalytics(const analytics::DashboardRequest &request)
{
    return runForMember<analytics::AgencyAnalytics>(
        [request](QSqlDatabase &db, const agency::Membership &member) { return AnalyticsService::agency(db, member, request); });
}

QFuture<Result<void>> EmbeddedBackend::setSalesAttribution(analytics::Attribution rule)
{
    return runForMember<void>(
        [rule](QSqlDatabase &db, const agency::Membership &member) { return AnalyticsService::setAttribution(db, member, rule); });
}

QFuture<Result<int>> EmbeddedBackend::importEarnings(const QList<analytics::EarningEvent> &events)
{
    return runForMember<int>([events, creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return AnalyticsService::importEarnings(db, member, creator, events);
    });
}

QFuture<Result<int>> EmbeddedBackend::importMessages(const QList<analytics::MessageEvent> &messages)
{
    return runForMember<int>([messages, creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return AnalyticsService::importMessages(db, member, creator, messages);
    });
}

QFuture<Result<int>> EmbeddedBackend::importEngagement(const QList<analytics::PostEngagement> &lines)
{
    return runForMember<int>([lines, creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return AnalyticsService::importEngagement(db, member, creator, lines);
    });
}

QFuture<Result<QList<Offer>>> EmbeddedBackend::offers()
{
    return runForCreator<QList<Offer>>(
        [](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).offers(); });
}

QFuture<Result<int>> EmbeddedBackend::importOffers(const QList<Offer> &offers)
{
    return runForCreator<int>(
        [offers](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).insertOffers(offers); });
}

QFuture<Result<QList<Post>>> EmbeddedBackend::posts()
{
    return runForCreator<QList<Post>>(
        [](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).posts(); });
}

QFuture<Result<int>> EmbeddedBackend::importPosts(const QList<Post> &posts)
{
    return runForCreator<int>(
        [posts](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).insertPosts(posts); });
}

QFuture<Result<Draft>> EmbeddedBackend::saveDraft(const Draft &draft)
{
    if (Result<Draft> valid = validateDraft(draft); !valid.ok())
        return readyFuture<Draft>(valid.error());
    return runForCreator<Draft>(draft.creatorId, [draft, now = m_clock->now()](QSqlDatabase &db, const agency::CreatorScope &scope) {
        return DraftRepository(db, scope, now).save(draft);
    });
}

QFuture<Result<void>> EmbeddedBackend::deleteDraft(qint64 creatorId, const QString &id)
{
    return runForCreator<void>(creatorId, [id, now = m_clock->now()](QSqlDatabase &db, const agency::CreatorScope &scope) {
        return DraftRepository(db, scope, now).remove(id);
    });
}

QFuture<Result<QList<Draft>>> EmbeddedBackend::visibleDrafts()
{
    return runForMember<QList<Draft>>(
        [](QSqlDatabase &db, const agency::Membership &member) { return DraftRepository::visibleTo(db, member); });
}

QFuture<Result<QJsonValue>> EmbeddedBackend::creatorPreference(const QString &key)
{
    return runForCreator<QJsonValue>(
        [key](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).preference(key); });
}

QFuture<Result<void>> EmbeddedBackend::setCreatorPreference(const QString &key, const QJsonValue &value)
{
    return runForCreator<void>([key, value](QSqlDatabase &db, const agency::CreatorScope &scope) {
        return CreatorDataRepository(db, scope).setPreference(key, value);
    });
}

QFuture<Result<void>> EmbeddedBackend::signOutEverywhere()
{
    return runForMember<void>([this](QSqlDatabase &db, const agency::Membership &member) -> Result<void> {
        if (Result<void> ended = AccountService::signOutEverywhere(db, member); !ended.ok())
            return ended;
        setSessionToken({});
        return Result<void>::success();
    });
}

QFuture<Result<void>> EmbeddedBackend::changePassword(const QString &current, const QString &next)
{
    if (Result<void> checked = AccountService::checkPasswordChange(current, next); !checked.ok())
        return readyFuture<void>(checked.error());
    const QString token = sessionToken();
    if (token.isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_worker.run<void>(
        [this, token, current, next](QSqlDatabase &db) { return m_accounts.changePassword(db, token, current, next); });
}

QFuture<Result<Creator>> EmbeddedBackend::addCreator(const Profile &profile)
{
    Result<Profile> valid = validateProfile(profile);
    if (!valid.ok())
        return readyFuture<Creator>(valid.error());
    return runForMember<Creator>([profile = valid.value()](QSqlDatabase &db, const agency::Membership &member) {
        return AgencyRepository(db).addCreator(member, profile);
    });
}

QFuture<Result<int>> EmbeddedBackend::addDemoAgency()
{
    return runForMember<int>([](QSqlDatabase &db, const agency::Membership &member) -> Result<int> {
        const Result<demodata::DemoAgency> made = demodata::addDemoAgency(db, member);
        if (!made.ok())
            return made.error();
        return made.value().lines;
    });
}

QFuture<Result<void>> EmbeddedBackend::archiveCreator(qint64 creatorId)
{
    return runForMember<void>(
        [creatorId](QSqlDatabase &db, const agency::Membership &member) { return AgencyRepository(db).archiveCreator(member, creatorId); });
}

QFuture<Result<QList<AuditEntry>>> EmbeddedBackend::auditLog(const AuditFilter &filter)
{
    return runForMember<QList<AuditEntry>>(
        [filter](QSqlDatabase &db, const agency::Membership &member) { return AuditRepository(db).entries(member, filter); });
}

QFuture<Result<void>> EmbeddedBackend::recordClientEvent(const ClientEvent &event)
{
    // The rules a client's event obeys, whichever backend keeps it.
    const Result<ClientEvent> valid = ClientEvent::parse(event.toJson());
    if (!valid.ok())
        return readyFuture<void>(valid.error());
    return runForMember<void>([event = valid.value(), creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return AuditRepository(db).recordClientEvent(member, creator, event);
    });
}

QFuture<Result<std::optional<Shift>>> EmbeddedBackend::currentShift()
{
    return runForMember<std::optional<Shift>>(
        [now = m_clock->now()](QSqlDatabase &db, const agency::Membership &member) { return ShiftRepository(db, now).current(member); });
}

QFuture<Result<Shift>> EmbeddedBackend::clockIn()
{
    return runForMember<Shift>([now = m_clock->now(), creator = selectedCreator()](QSqlDatabase &db, const agency::Membership &member) {
        return ShiftRepository(db, now).clockIn(member, creator);
    });
}

QFuture<Result<Shift>> EmbeddedBackend::clockOut()
{
    return runForMember<Shift>(
        [now = m_clock->now()](QSqlDatabase &db, const agency::Membership &member) { return ShiftRepository(db, now).clockOut(member); });
}

QFuture<Result<Shift>> EmbeddedBackend::recordShiftActivity()
{
    return runForMember<Shift>([now = m_clock->now()](QSqlDatabase &db, const agency::Membership &member) {
        return ShiftRepository(db, now).recordActivity(member);
    });
}

QFuture<Result<QList<ShiftSlot>>> EmbeddedBackend::shiftSchedule()
{
    return runForMember<QList<ShiftSlot>>(
        [now = m_clock->now()](QSqlDatabase &db, const agency::Membership &member) { return ShiftRepository(db, now).schedule(member); });
}

QFuture<Result<ShiftSlot>> EmbeddedBackend::addShiftSlot(const ShiftSlot &slot)
{
    // The rules a client's slot obeys, whichever backend keeps it.
    const Result<ShiftSlot> valid = ShiftSlot::parse(slot.toJson());
    if (!valid.ok())
        return readyFuture<ShiftSlot>(valid.error());
    return runForMember<ShiftSlot>([now = m_clock->now(), slot = valid.value()](QSqlDatabase &db, const agency::Membership &member) {
        return ShiftRepository(db, now).addSlot(member, slot);
    });
}

QFuture<Result<void>> EmbeddedBackend::removeShiftSlot(qint64 slotId)
{
    return runForMember<void>([now = m_clock->now(), slotId](QSqlDatabase &db, const agency::Membership &member) {
        return ShiftRepository(db, now).removeSlot(member, slotId);
    });
}

QFuture<Result<QList<HoursRow>>> EmbeddedBackend::shiftHours(const QDateTime &from, const QDateTime &to)
{
    return runForMember<QList<HoursRow>>([now = m_clock->now(), from, to](QSqlDatabase &db, const agency::Membership &member) {
        return ShiftRepository(db, now).hours(member, from, to);
    });
}

QFuture<Result<int>> EmbeddedBackend::shiftIdleMinutes()
{
    return runForMember<int>([now = m_clock->now()](QSqlDatabase &db, const agency::Membership &member) {
        return ShiftRepository(db, now).idleMinutes(member);
    });
}

QFuture<Result<void>> EmbeddedBackend::setShiftIdleMinutes(int minutes)
{
    return runForMember<void>([now = m_clock->now(), minutes](QSqlDatabase &db, const agency::Membership &member) {
        return ShiftRepository(db, now).setIdleMinutes(member, minutes);
    });
}

QString EmbeddedBackend::sessionToken() const
{
    QMutexLocker lock(&m_tokenMutex);
    return m_token;
}

void EmbeddedBackend::shutdown()
{
    m_worker.waitForIdle();
}

Result<User> EmbeddedBackend::keepSession(const Result<AccountService::Session> &session)
{
    if (!session.ok())
        return session.error();
    m_hasAccounts.storeRelease(1);
    setSessionToken(session.value().token);
    return session.value().user;
}

void EmbeddedBackend::setSessionToken(const QString &token)
{
    QMutexLocker lock(&m_tokenMutex);
    m_token = token;
}

} // namespace huntaze
