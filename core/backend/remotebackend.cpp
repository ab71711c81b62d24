#include "remotebackend.h"

#include "ai/serverprovider.h"
#include "analytics/analyticsservice.h"
#include "auth/accountservice.h"
#include "common/async.h"
#include "logging/logging.h"
#include "net/apierrors.h"
#include "storage/creatordatarepository.h"
#include "storage/migrator.h"
#include "storage/syncedrollups.h"
#include "sync/replica.h"

#include <QCoreApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPromise>
#include <QUrlQuery>

namespace huntaze {

namespace {

Result<User> userFrom(const QJsonObject &json)
{
    const QJsonObject user = json.value(QStringLiteral("user")).toObject();
    if (user.isEmpty())
        return Error(ErrorCode::MalformedResponse,
                     QCoreApplication::translate("huntaze::RemoteBackend", "The server sent an answer Huntaze cannot read."),
                     QStringLiteral("no user in answer"));
    return User::fromJson(user);
}

} // namespace

RemoteBackend::RemoteBackend(ApiClient &client, const QUrl &serverUrl, QString replicaDirectory, Clock &clock, QObject *parent)
    : Backend(parent),
      m_client(client),
      m_session(client, serverUrl),
      m_api(client, serverUrl, &m_session, [this] { return selectedCreator(); }),
      m_replicaDirectory(std::move(replicaDirectory)),
      m_clock(clock),
      m_offlineMembers(m_replicaDirectory.isEmpty() ? QString() : replicaPath(QStringLiteral("members.json")))
{
    connect(&m_session, &ServerSession::rememberedTokenChanged, this, &Backend::sessionTokenChanged);
    // The member is found again by their rotated token; an ended session is not started offline.
    connect(&m_session, &ServerSession::rememberedTokenChanged, this, [this](const QString &token) {
        if (m_member)
            m_offlineMembers.remember(token, *m_member);
    });
}

RemoteBackend::~RemoteBackend()
{
    closeReplica();
}

template <typename T> QFuture<Result<T>> RemoteBackend::changeReplica(std::function<Result<T>(sync::Replica &)> change)
{
    QFuture<Result<T>> changing = sync::onReplica<T>(*m_replica, m_replicaOwner, std::move(change));
    onFinished(changing, m_sync.get(), [engine = m_sync.get()](const Result<T> &changed) {
        if (changed.ok())
            engine->localChange();
    });
    return changing;
}

template <typename T>
QFuture<Result<T>> RemoteBackend::changeReplicaOr(const QString &table, std::function<Result<T>(sync::Replica &, qint64 creatorId)> change,
                                                  std::function<QFuture<Result<T>>()> onServer)
{
    if (!m_replica || sessionToken().isEmpty())
        return onServer();
    const qint64 creatorId = selectedCreator() != 0 ? selectedCreator() : m_defaultCreator;
    QFuture<Result<std::optional<T>>> local = changeReplica<std::optional<T>>(
        [table, creatorId, change = std::move(change)](sync::Replica &replica) -> Result<std::optional<T>> {
            const Result<bool> held = replica.holds(table);
            if (!held.ok())
                return held.error();
            if (!held.value())
                return std::optional<T>();
            Result<T> changed = change(replica, creatorId);
            if (!changed.ok())
                return changed.error();
            return std::optional<T>(std::move(changed).value());
        });
    return chainOn<Result<T>>(local, this, [onServer = std::move(onServer)](const Result<std::optional<T>> &kept) {
        if (!kept.ok())
            return readyFuture<T>(kept.error());
        if (kept.value())
            return readyFuture<T>(*kept.value());
        return onServer();
    });
}

template <typename T>
QFuture<Result<T>> RemoteBackend::fromReplicaOr(const QString &table,
                                                std::function<Result<T>(QSqlDatabase &, const agency::CreatorScope &)> read,
                                                std::function<QFuture<Result<T>>()> fromServer)
{
    if (!m_replica || sessionToken().isEmpty())
        return fromServer();
    const agency::CreatorScope scope{m_replicaOwner.agencyId, selectedCreator() != 0 ? selectedCreator() : m_defaultCreator,
                                     m_replicaOwner.userId};
    QFuture<Result<std::optional<T>>> local
        = m_replica->run<std::optional<T>>([table, scope, read = std::move(read)](QSqlDatabase &db) -> Result<std::optional<T>> {
              const Result<QStringList> held = sync::Replica::heldTables(db);
              if (!held.ok())
                  return held.error();
              if (!held.value().contains(table))
                  return std::optional<T>();
              Result<T> rows = read(db, scope);
              if (!rows.ok())
                  return rows.error();
              return std::optional<T>(std::move(rows).value());
          });
    return chainOn<Result<T>>(local, this, [fromServer = std::move(fromServer)](const Result<std::optional<T>> &found) {
        if (!found.ok())
            return readyFuture<T>(found.error());
        if (found.value())
            return readyFuture<T>(*found.value());
        return fromServer();
    });
}

template <typename T> QFuture<Result<T>> RemoteBackend::thenSynced(QFuture<Result<T>> writing)
{
    if (!m_sync)
        return writing;
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    forwardProgress(writing, this, promise); // an import's batches
    onFinished(writing, this, [this, promise](const Result<T> &written) {
        if (!written.ok() || !m_sync) {
            promise->addResult(written);
            promise->finish();
            return;
        }
        onFinished(m_sync->syncNow(), this, [promise, written](bool) {
            promise->addResult(written);
            promise->finish();
        });
    });
    QFuture<Result<T>> told = promise->future();
    cancelUpstreamWith(told, writing, this);
    return told;
}

template <typename T> QFuture<Result<T>> RemoteBackend::afterPushed(std::function<QFuture<Result<T>>()> write)
{
    if (!m_sync)
        return write();
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<sync::ReplicaStatus>> status
        = sync::onReplica<sync::ReplicaStatus>(*m_replica, m_replicaOwner, [](sync::Replica &replica) { return replica.status(); });
    onFinished(status, this, [this, promise, write = std::move(write)](const Result<sync::ReplicaStatus> &now) {
        const auto writeNow = [this, promise, write] {
            QFuture<Result<T>> writing = write();
            forwardProgress(writing, this, promise);
            cancelUpstreamWith(promise->future(), writing, this); // Stop on the page stops the import
            onFinished(writing, this, [promise](const Result<T> &written) {
                promise->addResult(written);
                promise->finish();
            });
        };
        if (!now.ok() || now.value().pending == 0 || !m_sync)
            return writeNow();
        // Out of reach, the write fails as it would have; otherwise the server has the changes first.
        onFinished(m_sync->syncNow(), this, [writeNow](bool) { writeNow(); });
    });
    return promise->future();
}

sync::SyncEngine *RemoteBackend::syncEngine()
{
    return m_sync.get();
}

void RemoteBackend::useReplicaFor(const User &user)
{
    if (m_replicaDirectory.isEmpty())
        return;
    m_offlineMembers.remember(m_session.rememberedToken(), user);
    if (m_replica && m_replicaUser == user.id) {
        m_member = user;
        return;
    }
    closeReplica();
    m_member = user;
    // One file per server and member: a signed-out member's outbox waits for them, never for another.
    QDir().mkpath(m_replicaDirectory);
    m_replica = std::make_unique<SqlWorker>(DatabaseConfig::sqlite(replicaPath(QStringLiteral("%1.sqlite").arg(user.id))));
    const QString migrations = m_replica->config().migrationsDirectory();
    // Queued before anything else on the replica's thread: every later job finds it migrated.
    onFinished(m_replica->run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); }), this,
               [](const Result<int> &migrated) {
                   if (!migrated.ok())
                       qCWarning(lcState).noquote() << "replica not migrated:" << migrated.error().message << migrated.error().detail;
               });
    m_replicaUser = user.id;
    m_replicaOwner = {user.agencyId, user.id, user.email};
    m_defaultCreator = user.creatorId;
    m_sync = std::make_unique<sync::SyncEngine>(*m_replica, m_replicaOwner, m_api, m_clock);
    connect(m_sync.get(), &sync::SyncEngine::replicaChanged, this, &Backend::draftsChanged);
    connect(m_sync.get(), &sync::SyncEngine::creatorDataChanged, this, &Backend::creatorDataChanged);
    connect(m_sync.get(), &sync::SyncEngine::analyticsChanged, this, &Backend::analyticsChanged);
    setLiveUpdates(m_liveUpdates);
    Q_EMIT syncEngineChanged();
    m_sync->requestSync();
}

void RemoteBackend::setLiveUpdates(bool on)
{
    m_liveUpdates = on;
    if (!on || !m_sync) {
        m_events.reset();
        return;
    }
    if (m_events)
        return;
    m_events = std::make_unique<sync::SyncEvents>(m_api, *m_sync, m_clock);
    // With a session the server accepted (a restored one renews its token on the first sync).
    connect(m_sync.get(), &sync::SyncEngine::finished, m_events.get(), [engine = m_sync.get(), events = m_events.get()] {
        if (engine->state() == sync::SyncEngine::State::Idle)
            events->start();
    });
}

QString RemoteBackend::replicaPath(const QString &name) const
{
    const QUrl url = m_api.serverUrl();
    return QDir(m_replicaDirectory)
        .filePath(QStringLiteral("%1-%2-%3").arg(url.host()).arg(url.port(url.scheme() == QLatin1String("https") ? 443 : 80)).arg(name));
}

void RemoteBackend::closeReplica()
{
    m_member.reset();
    if (!m_replica)
        return;
    m_events.reset();
    m_sync.reset();
    m_replica.reset(); // waits for its queued jobs: a local change already accepted is written
    m_replicaUser = 0;
    Q_EMIT syncEngineChanged();
}

QString RemoteBackend::identity() const
{
    return QStringLiteral("remote:") + m_api.serverUrl().toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

QFuture<Result<void>> RemoteBackend::open()
{
    // One quick attempt: the start-up page offers "Try again" and the way back to this computer.
    return chainOn<Result<void>>(m_api.checkHealth(), this, [this](const Result<void> &health) {
        if (!health.ok() && apierrors::meansUnreachable(health.error()) && !m_offlineMembers.isEmpty()) {
            qCInfo(lcState).noquote() << "server out of reach; starting on this computer's replicas:" << health.error().detail;
            return readyFuture<void>(Result<void>::success());
        }
        return readyFuture<void>(health);
    });
}

QFuture<Result<User>> RemoteBackend::startSession(const QString &path, const QJsonObject &body)
{
    return m_api.call("POST", path, body).then([this](const Result<QJsonObject> &answer) -> Result<User> {
        if (!answer.ok())
            return answer.error();
        Result<User> user = userFrom(answer.value());
        if (user.ok() && !answer.value().value(QStringLiteral("token")).toString().isEmpty()) {
            m_session.adopt(answer.value());
            useReplicaFor(user.value());
        }
        return user;
    });
}

QFuture<Result<User>> RemoteBackend::signUp(const SignUpRequest &request)
{
    // The same checks as the server's, at once and without a round trip.
    if (Result<AccountService::ValidSignUp> checked = AccountService::checkSignUp(request); !checked.ok())
        return readyFuture<User>(checked.error());
    QJsonObject form{{QStringLiteral("email"), request.email},
                     {QStringLiteral("password"), request.password},
                     {QStringLiteral("displayName"), request.displayName}};
    if (!request.invitation.trimmed().isEmpty())
        form.insert(QStringLiteral("invitation"), request.invitation.trimmed());
    return startSession(QStringLiteral("/api/auth/sign-up"), form);
}

QFuture<Result<User>> RemoteBackend::signIn(const QString &email, const QString &password, const QString &invitation)
{
    if (Result<QString> checked = AccountService::checkSignIn(email, password); !checked.ok())
        return readyFuture<User>(checked.error());
    QJsonObject form{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    if (!invitation.trimmed().isEmpty())
        form.insert(QStringLiteral("invitation"), invitation.trimmed());
    return startSession(QStringLiteral("/api/auth/sign-in"), form);
}

QFuture<Result<User>> RemoteBackend::restoreSession(const QString &token)
{
    if (token.isEmpty())
        return readyFuture<User>(AccountService::notSignedIn());
    // The keychain holds the refresh token: the first call exchanges it for a pair.
    m_session.resume(token);
    return chainOn<Result<User>>(m_api.call("GET", QStringLiteral("/api/me")), this, [this, token](const Result<QJsonObject> &answer) {
        return readyFuture<User>(restoredFrom(token, answer));
    });
}

Result<User> RemoteBackend::restoredFrom(const QString &token, const Result<QJsonObject> &answer)
{
    if (!answer.ok()) {
        if (answer.error().code == ErrorCode::Unauthorized) {
            m_offlineMembers.forget(token);
            m_session.clear();
        } else if (std::optional<User> known = apierrors::meansUnreachable(answer.error()) ? m_offlineMembers.find(token) : std::nullopt) {
            // Out of reach: the member works on their replica; the session renews once the server answers.
            useReplicaFor(*known);
            return *known;
        }
        return answer.error();
    }
    Result<User> user = userFrom(answer.value());
    if (user.ok())
        useReplicaFor(user.value());
    return user;
}

QFuture<Result<void>> RemoteBackend::signOut()
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(Result<void>::success());
    QFuture<Result<QJsonObject>> ending = m_api.call("POST", QStringLiteral("/api/auth/sign-out"));
    // Signed out here at once, whatever the server says: the tokens are forgotten.
    // The replica stays on disk, its outbox waiting for the same member.
    m_session.clear();
    closeReplica();
    return ending.then([](const Result<QJsonObject> &answer) -> Result<void> {
        if (!answer.ok() && answer.error().code != ErrorCode::Unauthorized)
            return answer.error();
        return Result<void>::success();
    });
}

QFuture<Result<User>> RemoteBackend::currentUser()
{
    if (sessionToken().isEmpty())
        return readyFuture<User>(AccountService::notSignedIn());
    return m_api.call("GET", QStringLiteral("/api/me")).then([](const Result<QJsonObject> &answer) -> Result<User> {
        if (!answer.ok())
            return answer.error();
        return userFrom(answer.value());
    });
}

QFuture<Result<User>> RemoteBackend::updateProfile(const Profile &profile)
{
    if (sessionToken().isEmpty())
        return readyFuture<User>(AccountService::notSignedIn());
    Result<Profile> valid = validateProfile(profile);
    if (!valid.ok())
        return readyFuture<User>(valid.error());
    return m_api.call("PUT", QStringLiteral("/api/me/profile"), valid.value().toJson())
        .then([](const Result<QJsonObject> &answer) -> Result<User> {
            if (!answer.ok())
                return answer.error();
            return userFrom(answer.value());
        });
}

QFuture<Result<Creator>> RemoteBackend::addCreator(const Profile &profile)
{
    if (sessionToken().isEmpty())
        return readyFuture<Creator>(AccountService::notSignedIn());
    Result<Profile> valid = validateProfile(profile);
    if (!valid.ok())
        return readyFuture<Creator>(valid.error());
    return m_api.call("POST", QStringLiteral("/api/agency/creators"), valid.value().toJson())
        .then([](const Result<QJsonObject> &answer) -> Result<Creator> {
            if (!answer.ok())
                return answer.error();
            return Creator::fromJson(answer.value().value(QStringLiteral("creator")).toObject());
        });
}

namespace {

// A draft's address (a new draft: the list's), for its creator when named.
QString draftPath(qint64 creatorId, const QString &id)
{
    QString path = QStringLiteral("/api/drafts");
    if (!id.isEmpty())
        path += u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id));
    if (creatorId != 0)
        path += QStringLiteral("?creator=%1").arg(creatorId);
    return path;
}

Result<void> nothing(const Result<QJsonObject> &answer)
{
    if (!answer.ok())
        return answer.error();
    return Result<void>::success();
}

} // namespace

QFuture<Result<void>> RemoteBackend::archiveCreator(qint64 creatorId)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("DELETE", QStringLiteral("/api/agency/creators/%1").arg(creatorId)).then(nothing);
}

QFuture<Result<QList<TeamMember>>> RemoteBackend::teamMembers()
{
    if (sessionToken().isEmpty())
        return readyFuture<QList<TeamMember>>(AccountService::notSignedIn());
    return m_api.call("GET", QStringLiteral("/api/agency/members"))
        .then([](const Result<QJsonObject> &answer) -> Result<QList<TeamMember>> {
            if (!answer.ok())
                return answer.error();
            QList<TeamMember> members;
            for (const QJsonValue &member : answer.value().value(QStringLiteral("members")).toArray())
                members.append(TeamMember::fromJson(member.toObject()));
            return members;
        });
}

QFuture<Result<QList<CustomRole>>> RemoteBackend::customRoles()
{
    if (sessionToken().isEmpty())
        return readyFuture<QList<CustomRole>>(AccountService::notSignedIn());
    return m_api.call("GET", QStringLiteral("/api/agency/roles")).then([](const Result<QJsonObject> &answer) -> Result<QList<CustomRole>> {
        if (!answer.ok())
            return answer.error();
        QList<CustomRole> roles;
        for (const QJsonValue &role : answer.value().value(QStringLiteral("roles")).toArray())
            roles.append(CustomRole{role.toObject().value(QStringLiteral("id")).toInteger(),
                                    role.toObject().value(QStringLiteral("name")).toString()});
        return roles;
    });
}

QFuture<Result<void>> RemoteBackend::signOutEverywhere()
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("POST", QStringLiteral("/api/auth/sign-out-everywhere"))
        .then([this](const Result<QJsonObject> &answer) -> Result<void> {
            if (!answer.ok())
                return answer.error();
            m_session.clear();
            return Result<void>::success();
        });
}

QFuture<Result<void>> RemoteBackend::changePassword(const QString &current, const QString &next)
{
    if (Result<void> checked = AccountService::checkPasswordChange(current, next); !checked.ok())
        return readyFuture<void>(checked.error());
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api
        .call("POST", QStringLiteral("/api/auth/password"),
              {{QStringLiteral("currentPassword"), current}, {QStringLiteral("newPassword"), next}})
        .then(nothing);
}

QFuture<Result<void>> RemoteBackend::resetPassword(const QString &email, const QString &code, const QString &newPassword)
{
    const Result<QString> checked = AccountService::checkPasswordReset(email, code, newPassword);
    if (!checked.ok())
        return readyFuture<void>(checked.error());
    return m_api
        .call("POST", QStringLiteral("/api/auth/reset-password"),
              {{QStringLiteral("email"), checked.value()},
               {QStringLiteral("code"), code.trimmed()},
               {QStringLiteral("newPassword"), newPassword}})
        .then(nothing);
}

QFuture<Result<qint64>> RemoteBackend::createCustomRole(const agency::Role &role)
{
    if (sessionToken().isEmpty())
        return readyFuture<qint64>(AccountService::notSignedIn());
    const QJsonObject body{{QStringLiteral("name"), role.name()},
                           {QStringLiteral("scope"), agency::scopeId(role.scope())},
                           {QStringLiteral("permissions"), QJsonArray::fromStringList(role.permissionIds())}};
    return m_api.call("POST", QStringLiteral("/api/agency/roles"), body).then([](const Result<QJsonObject> &answer) -> Result<qint64> {
        if (!answer.ok())
            return answer.error();
        return answer.value().value(QStringLiteral("id")).toInteger();
    });
}

QFuture<Result<NewInvitation>> RemoteBackend::invite(const agency::MemberGrant &grant)
{
    if (sessionToken().isEmpty())
        return readyFuture<NewInvitation>(AccountService::notSignedIn());
    return m_api.call("POST", QStringLiteral("/api/agency/invitations"), grant.toJson())
        .then([](const Result<QJsonObject> &answer) -> Result<NewInvitation> {
            if (!answer.ok())
                return answer.error();
            return NewInvitation{answer.value().value(QStringLiteral("code")).toString(),
                                 QDateTime::fromString(answer.value().value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs)};
        });
}

QFuture<Result<void>> RemoteBackend::changeMember(qint64 userId, const agency::MemberGrant &grant)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("PUT", QStringLiteral("/api/agency/members/%1").arg(userId), grant.toJson()).then(nothing);
}

QFuture<Result<void>> RemoteBackend::removeMember(qint64 userId)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("DELETE", QStringLiteral("/api/agency/members/%1").arg(userId)).then(nothing);
}

QFuture<Result<void>> RemoteBackend::endMemberSessions(qint64 userId)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("DELETE", QStringLiteral("/api/agency/members/%1/sessions").arg(userId)).then(nothing);
}

QFuture<Result<NewInvitation>> RemoteBackend::issuePasswordReset(qint64 userId)
{
    if (sessionToken().isEmpty())
        return readyFuture<NewInvitation>(AccountService::notSignedIn());
    return m_api.call("POST", QStringLiteral("/api/agency/members/%1/password-reset").arg(userId))
        .then([](const Result<QJsonObject> &answer) -> Result<NewInvitation> {
            if (!answer.ok())
                return answer.error();
            return NewInvitation{answer.value().value(QStringLiteral("code")).toString(),
                                 QDateTime::fromString(answer.value().value(QStringLiteral("expiresAt")).toString(), Qt::ISODate)};
        });
}

QFuture<Result<QList<agency::ApiKey>>> RemoteBackend::apiKeys()
{
    if (sessionToken().isEmpty())
        return readyFuture<QList<agency::ApiKey>>(AccountService::notSignedIn());
    return m_api.call("GET", QStringLiteral("/api/agency/api-keys"))
        .then([](const Result<QJsonObject> &answer) -> Result<QList<agency::ApiKey>> {
            if (!answer.ok())
                return answer.error();
            QList<agency::ApiKey> keys;
            for (const QJsonValue &key : answer.value().value(QStringLiteral("keys")).toArray())
                keys.append(agency::ApiKey::fromJson(key.toObject()));
            return keys;
        });
}

QFuture<Result<Backend::MadeApiKey>> RemoteBackend::createApiKey(const agency::NewApiKey &key)
{
    if (sessionToken().isEmpty())
        return readyFuture<MadeApiKey>(AccountService::notSignedIn());
    return m_api.call("POST", QStringLiteral("/api/agency/api-keys"), key.toJson())
        .then([](const Result<QJsonObject> &answer) -> Result<MadeApiKey> {
            if (!answer.ok())
                return answer.error();
            return MadeApiKey{agency::ApiKey::fromJson(answer.value().value(QStringLiteral("key")).toObject()),
                              answer.value().value(QStringLiteral("secret")).toString()};
        });
}

QFuture<Result<void>> RemoteBackend::revokeApiKey(qint64 keyId)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("DELETE", QStringLiteral("/api/agency/api-keys/%1").arg(keyId)).then(nothing);
}

QFuture<Result<void>> RemoteBackend::deleteAgency(const QString &typedName)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("confirm"), typedName);
    return m_api.call("DELETE", QStringLiteral("/api/agency?") + query.toString(QUrl::FullyEncoded)).then(nothing);
}

QFuture<Result<QList<AuditEntry>>> RemoteBackend::auditLog(const AuditFilter &filter)
{
    if (sessionToken().isEmpty())
        return readyFuture<QList<AuditEntry>>(AccountService::notSignedIn());
    QUrlQuery query;
    if (!filter.action.isEmpty())
        query.addQueryItem(QStringLiteral("action"), filter.action);
    if (filter.actorId != 0)
        query.addQueryItem(QStringLiteral("member"), QString::number(filter.actorId));
    if (filter.creatorId != 0)
        query.addQueryItem(QStringLiteral("creator"), QString::number(filter.creatorId));
    if (filter.from.isValid())
        query.addQueryItem(QStringLiteral("from"), filter.from.toUTC().toString(Qt::ISODateWithMs));
    if (filter.to.isValid())
        query.addQueryItem(QStringLiteral("to"), filter.to.toUTC().toString(Qt::ISODateWithMs));
    const QString path
        = query.isEmpty() ? QStringLiteral("/api/agency/audit") : QStringLiteral("/api/agency/audit?") + query.toString(QUrl::FullyEncoded);
    return m_api.call("GET", path).then([](const Result<QJsonObject> &answer) -> Result<QList<AuditEntry>> {
        if (!answer.ok())
            return answer.error();
        QList<AuditEntry> entries;
        for (const QJsonValue &entry : answer.value().value(QStringLiteral("entries")).toArray())
            entries.append(AuditEntry::fromJson(entry.toObject()));
        return entries;
    });
}

template <typename T> QFuture<Result<QList<T>>> RemoteBackend::list(const QString &name, const QString &path)
{
    if (sessionToken().isEmpty())
        return readyFuture<QList<T>>(AccountService::notSignedIn());
    return m_api.call("GET", path.isEmpty() ? QStringLiteral("/api/") + name : path)
        .then([name](const Result<QJsonObject> &answer) -> Result<QList<T>> {
            if (!answer.ok())
                return answer.error();
            QList<T> rows;
            for (const QJsonValue &row : answer.value().value(name).toArray())
                rows.append(T::fromJson(row.toObject()));
            return rows;
        });
}

template <typename T> QFuture<Result<int>> RemoteBackend::import(const QString &name, const QList<T> &rows)
{
    if (sessionToken().isEmpty())
        return readyFuture<int>(AccountService::notSignedIn());
    QList<QJsonArray> batches{QJsonArray()};
    qsizetype batchBytes = 0;
    for (const T &row : rows) {
        const QJsonObject json = row.toJson();
        const qsizetype bytes = QJsonDocument(json).toJson(QJsonDocument::Compact).size();
        if (batches.last().size() >= rowsPerBatch || (batchBytes + bytes > bytesPerBatch && !batches.last().isEmpty())) {
            batches.append(QJsonArray());
            batchBytes = 0;
        }
        batches.last().append(json);
        batchBytes += bytes;
    }
    if (batches.size() > 1)
        return importInBatches(name, batches);
    return m_api.call("POST", QStringLiteral("/api/%1/import").arg(name), {{name, batches.first()}})
        .then([](const Result<QJsonObject> &answer) -> Result<int> {
            if (!answer.ok())
                return answer.error();
            return answer.value().value(QStringLiteral("imported")).toInt();
        });
}

namespace {

// One batched import as it runs: open, each batch in turn, commit; on any
// failure the server is told to drop what it received, and the error is the
// result (the import is all or nothing).
class BatchedImport : public QObject
{
public:
    BatchedImport(ServerApi &api, QString kind, QList<QJsonArray> batches, QObject *parent)
        : QObject(parent), m_api(api), m_kind(std::move(kind)), m_batches(std::move(batches))
    {
        m_promise.start();
        m_promise.setProgressRange(0, static_cast<int>(m_batches.size()) + 1);
    }

    QFuture<Result<int>> run()
    {
        onFinished(m_api.call("POST", QStringLiteral("/api/imports"), {{QStringLiteral("kind"), m_kind}}), this,
                   [this](const Result<QJsonObject> &opened) {
                       if (!opened.ok())
                           return finish(opened.error());
                       m_id = opened.value().value(QStringLiteral("importId")).toString();
                       sendBatch(0);
                   });
        return m_promise.future();
    }

private:
    void sendBatch(qsizetype index)
    {
        if (index == m_batches.size()) {
            // The commit writes the whole file in one transaction: on a busy server that can take
            // longer than a request is given. Should a try still time out, the next one waits for
            // its answer (the server says 409 "being answered" with Retry-After) instead of
            // failing an import that is being made.
            ServerApi::Options commit;
            commit.timeout = std::chrono::minutes(2);
            RetryPolicy patient;
            patient.totalDeadline = std::chrono::minutes(5);
            commit.retry = patient;
            onFinished(m_api.call("POST", QStringLiteral("/api/imports/%1/commit").arg(m_id), {}, commit), this,
                       [this](const Result<QJsonObject> &committed) {
                           if (!committed.ok())
                               return abandon(committed.error());
                           m_promise.setProgressValue(static_cast<int>(m_batches.size()) + 1);
                           finish(committed.value().value(QStringLiteral("imported")).toInt());
                       });
            return;
        }
        onFinished(m_api.call("POST", QStringLiteral("/api/imports/%1/rows").arg(m_id), {{QStringLiteral("rows"), m_batches.at(index)}}),
                   this, [this, index](const Result<QJsonObject> &sent) {
                       if (!sent.ok())
                           return abandon(sent.error());
                       m_promise.setProgressValue(static_cast<int>(index) + 1);
                       sendBatch(index + 1);
                   });
    }

    void abandon(const Error &error)
    {
        (void)m_api.call("DELETE", QStringLiteral("/api/imports/%1").arg(m_id)); // best effort: it expires anyway
        finish(error);
    }

    void finish(const Result<int> &result)
    {
        m_promise.addResult(result);
        m_promise.finish();
        deleteLater();
    }

    ServerApi &m_api;
    QString m_kind;
    QList<QJsonArray> m_batches;
    QString m_id;
    QPromise<Result<int>> m_promise;
};

} // namespace

QFuture<Result<int>> RemoteBackend::importInBatches(const QString &name, const QList<QJsonArray> &batches)
{
    return (new BatchedImport(m_api, name, batches, this))->run();
}

template <typename T>
QFuture<Result<int>> RemoteBackend::importHereOr(const QString &table, const QList<T> &rows,
                                                 Result<int> (sync::Replica::*importHere)(qint64, const QList<T> &))
{
    // A role that may not import hears it from the server, as online.
    if (m_member && !m_member->may(agency::Permission::ImportData))
        return import(table, rows);
    return changeReplicaOr<int>(
        table, [rows, importHere](sync::Replica &replica, qint64 creatorId) { return (replica.*importHere)(creatorId, rows); },
        [this, table, rows] { return thenSynced(import(table, rows)); });
}

QFuture<Result<QList<Fan>>> RemoteBackend::fans()
{
    return fromReplicaOr<QList<Fan>>(
        QStringLiteral("fans"), [](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).fans(); },
        [this] { return list<Fan>(QStringLiteral("fans")); });
}

QFuture<Result<int>> RemoteBackend::importFans(const QList<Fan> &fans)
{
    return importHereOr<Fan>(QStringLiteral("fans"), fans, &sync::Replica::importFans);
}

template <typename T>
QFuture<Result<T>> RemoteBackend::analyticsKeptOffline(sync::AnalyticsView view, const analytics::DashboardRequest &request,
                                                       const QString &path, const QString &member)
{
    if (sessionToken().isEmpty())
        return readyFuture<T>(AccountService::notSignedIn());
    if (Result<void> valid = request.check(); !valid.ok())
        return readyFuture<T>(valid.error());
    const qint64 creatorId = view == sync::AnalyticsView::Agency ? 0 : (selectedCreator() != 0 ? selectedCreator() : m_defaultCreator);
    QFuture<Result<QJsonObject>> asking = m_api.call("GET", path + u'?' + request.toQuery().toString(QUrl::FullyEncoded));
    return chainOn<Result<T>>(asking, this, [this, view, creatorId, request, member](const Result<QJsonObject> &answer) {
        if (answer.ok()) {
            const QJsonObject figures = answer.value().value(member).toObject();
            if (m_replica) {
                m_replica->run<void>([view, creatorId, request, figures, at = m_clock.now()](QSqlDatabase &db) {
                    return sync::KeptAnalytics(db).keep(view, creatorId, request, figures, at);
                });
            }
            return readyFuture<T>(T::fromJson(figures));
        }
        if (!m_replica || !apierrors::meansUnreachable(answer.error()))
            return readyFuture<T>(answer.error());
        QFuture<Result<std::optional<sync::KeptAnswer>>> kept = m_replica->run<std::optional<sync::KeptAnswer>>(
            [view, creatorId, request](QSqlDatabase &db) { return sync::KeptAnalytics(db).find(view, creatorId, request); });
        return chainOn<Result<T>>(kept, this, [unreachable = answer.error()](const Result<std::optional<sync::KeptAnswer>> &found) {
            if (!found.ok() || !found.value())
                return readyFuture<T>(unreachable); // what the member needs to know: the server is out of reach
            T figures = T::fromJson(found.value()->answer);
            figures.keptAt = found.value()->answeredAt;
            return readyFuture<T>(std::move(figures));
        });
    });
}

QFuture<Result<analytics::Dashboard>> RemoteBackend::dashboard(const analytics::DashboardRequest &request)
{
    if (Result<void> valid = request.check(); !valid.ok())
        return readyFuture<analytics::Dashboard>(valid.error());
    // Once the replica holds the roll-ups, any range's figures are worked out here, with the server's code.
    return fromReplicaOr<analytics::Dashboard>(
        QString::fromLatin1(SyncedRollUps::pullName),
        [request](QSqlDatabase &db, const agency::CreatorScope &scope) -> Result<analytics::Dashboard> {
            const Result<bool> held = sync::Replica::holdsCreator(db, scope);
            if (!held.ok())
                return held.error();
            if (!held.value())
                return agency::creatorNotVisible();
            return AnalyticsService::dashboardOf(db, scope, request);
        },
        [this, request] {
            return analyticsKeptOffline<analytics::Dashboard>(sync::AnalyticsView::Dashboard, request,
                                                              QStringLiteral("/api/analytics/dashboard"), QStringLiteral("dashboard"));
        });
}

QFuture<Result<analytics::AgencyAnalytics>> RemoteBackend::agencyAnalytics(const analytics::DashboardRequest &request)
{
    return analyticsKeptOffline<analytics::AgencyAnalytics>(sync::AnalyticsView::Agency, request, QStringLiteral("/api/analytics/agency"),
                                                            QStringLiteral("agency"));
}

QFuture<Result<void>> RemoteBackend::setSalesAttribution(analytics::Attribution rule)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("PUT", QStringLiteral("/api/analytics/attribution"), {{QStringLiteral("rule"), analytics::attributionId(rule)}})
        .then(nothing);
}

QFuture<Result<int>> RemoteBackend::importEarnings(const QList<analytics::EarningEvent> &events)
{
    return afterPushed<int>([this, events] { return thenSynced(import(QStringLiteral("earnings"), events)); });
}

QFuture<Result<int>> RemoteBackend::importMessages(const QList<analytics::MessageEvent> &messages)
{
    return afterPushed<int>([this, messages] { return thenSynced(import(QStringLiteral("messages"), messages)); });
}

QFuture<Result<int>> RemoteBackend::importEngagement(const QList<analytics::PostEngagement> &lines)
{
    return afterPushed<int>([this, lines] { return thenSynced(import(QStringLiteral("engagement"), lines)); });
}

QFuture<Result<QList<Offer>>> RemoteBackend::offers()
{
    return fromReplicaOr<QList<Offer>>(
        QStringLiteral("offers"),
        [](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).offers(); },
        [this] { return list<Offer>(QStringLiteral("offers")); });
}

QFuture<Result<int>> RemoteBackend::importOffers(const QList<Offer> &offers)
{
    return importHereOr<Offer>(QStringLiteral("offers"), offers, &sync::Replica::importOffers);
}

QFuture<Result<QList<Post>>> RemoteBackend::posts()
{
    return fromReplicaOr<QList<Post>>(
        QStringLiteral("posts"),
        [](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).posts(); },
        [this] { return list<Post>(QStringLiteral("posts")); });
}

QFuture<Result<int>> RemoteBackend::importPosts(const QList<Post> &posts)
{
    return importHereOr<Post>(QStringLiteral("posts"), posts, &sync::Replica::importPosts);
}

QFuture<Result<Draft>> RemoteBackend::saveDraft(const Draft &draft)
{
    if (sessionToken().isEmpty())
        return readyFuture<Draft>(AccountService::notSignedIn());
    if (m_replica) {
        Draft local = draft;
        if (local.creatorId == 0)
            local.creatorId = selectedCreator() != 0 ? selectedCreator() : m_defaultCreator;
        return changeReplica<Draft>([local](sync::Replica &replica) { return replica.saveDraft(local); });
    }
    const Result<Draft> valid = validateDraft(draft);
    if (!valid.ok())
        return readyFuture<Draft>(valid.error());
    // A new draft goes by POST (its key makes a retry add it once), a draft with an id by PUT.
    const Draft &saved = valid.value();
    return m_api.call(saved.id.isEmpty() ? "POST" : "PUT", draftPath(saved.creatorId, saved.id), saved.toJson())
        .then([](const Result<QJsonObject> &answer) -> Result<Draft> {
            if (!answer.ok())
                return answer.error();
            return Draft::fromJson(answer.value().value(QStringLiteral("draft")).toObject());
        });
}

QFuture<Result<void>> RemoteBackend::deleteDraft(qint64 creatorId, const QString &id)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    if (m_replica)
        return changeReplica<void>([id](sync::Replica &replica) { return replica.deleteDraft(id); });
    return m_api.call("DELETE", draftPath(creatorId, id)).then(nothing);
}

QFuture<Result<QList<Draft>>> RemoteBackend::visibleDrafts()
{
    if (m_replica && !sessionToken().isEmpty())
        return sync::onReplica<QList<Draft>>(*m_replica, m_replicaOwner, [](sync::Replica &replica) { return replica.drafts(); });
    return list<Draft>(QStringLiteral("drafts"), QStringLiteral("/api/agency/drafts"));
}

QFuture<Result<QList<DraftConflict>>> RemoteBackend::draftConflicts()
{
    if (!m_replica || sessionToken().isEmpty())
        return Backend::draftConflicts();
    return sync::onReplica<QList<DraftConflict>>(*m_replica, m_replicaOwner, [](sync::Replica &replica) { return replica.conflicts(); });
}

QFuture<Result<Draft>> RemoteBackend::resolveDraftConflict(const QString &conflictId, const Draft &chosen)
{
    if (!m_replica || sessionToken().isEmpty())
        return Backend::resolveDraftConflict(conflictId, chosen);
    return changeReplica<Draft>([conflictId, chosen](sync::Replica &replica) { return replica.resolveConflict(conflictId, chosen); });
}

QFuture<Result<QJsonValue>> RemoteBackend::creatorPreference(const QString &key)
{
    if (sessionToken().isEmpty())
        return readyFuture<QJsonValue>(AccountService::notSignedIn());
    return fromReplicaOr<QJsonValue>(
        QStringLiteral("preferences"),
        [key](QSqlDatabase &db, const agency::CreatorScope &scope) { return CreatorDataRepository(db, scope).preference(key); },
        [this, key] {
            return m_api.call("GET", QStringLiteral("/api/preferences/") + key)
                .then([](const Result<QJsonObject> &answer) -> Result<QJsonValue> {
                    if (!answer.ok()) {
                        if (answer.error().code == ErrorCode::NotFound)
                            return QJsonValue(QJsonValue::Undefined); // never set
                        return answer.error();
                    }
                    return answer.value().value(QStringLiteral("value"));
                });
        });
}

QFuture<Result<void>> RemoteBackend::setCreatorPreference(const QString &key, const QJsonValue &value)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    const auto onServer = [this, key, value] {
        return thenSynced(m_api.call("PUT", QStringLiteral("/api/preferences/") + key, {{QStringLiteral("value"), value}})
                              .then([](const Result<QJsonObject> &answer) -> Result<void> {
                                  if (!answer.ok())
                                      return answer.error();
                                  return Result<void>::success();
                              }));
    };
    if (!m_replica)
        return onServer();
    // Once the replica holds the preferences, a change is kept there at once and synced like a draft (offline too).
    const qint64 creatorId = selectedCreator() != 0 ? selectedCreator() : m_defaultCreator;
    QFuture<Result<bool>> local = changeReplica<bool>([creatorId, key, value](sync::Replica &replica) -> Result<bool> {
        const Result<bool> held = replica.holds(QStringLiteral("preferences"));
        if (!held.ok() || !held.value())
            return held;
        if (Result<void> set = replica.setPreference(creatorId, key, value); !set.ok())
            return set.error();
        return true;
    });
    return chainOn<Result<void>>(local, this, [onServer](const Result<bool> &kept) {
        if (!kept.ok())
            return readyFuture<void>(kept.error());
        return kept.value() ? readyFuture(Result<void>::success()) : onServer();
    });
}

std::unique_ptr<AIProvider> RemoteBackend::createAiProvider()
{
    return std::make_unique<ServerAiProvider>(m_client, m_api.serverUrl(), &m_session, [this] { return selectedCreator(); });
}

namespace {
Result<Shift> shiftFrom(const Result<QJsonObject> &answer)
{
    if (!answer.ok())
        return answer.error();
    return Shift::fromJson(answer.value().value(QStringLiteral("shift")).toObject());
}
} // namespace

QFuture<Result<void>> RemoteBackend::recordClientEvent(const ClientEvent &event)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    const Result<ClientEvent> valid = ClientEvent::parse(event.toJson());
    if (!valid.ok())
        return readyFuture<void>(valid.error());
    // Agency paths carry no creator by themselves: this one is about the selected creator.
    const qint64 creator = selectedCreator();
    const QString path = creator != 0 ? QStringLiteral("/api/agency/audit?creator=%1").arg(creator) : QStringLiteral("/api/agency/audit");
    return m_api.call("POST", path, valid.value().toJson()).then(nothing);
}

QFuture<Result<std::optional<Shift>>> RemoteBackend::currentShift()
{
    if (sessionToken().isEmpty())
        return readyFuture<std::optional<Shift>>(AccountService::notSignedIn());
    return m_api.call("GET", QStringLiteral("/api/shifts/current"))
        .then([](const Result<QJsonObject> &answer) -> Result<std::optional<Shift>> {
            if (!answer.ok())
                return answer.error();
            const QJsonValue shift = answer.value().value(QStringLiteral("shift"));
            if (!shift.isObject())
                return std::optional<Shift>();
            return std::optional<Shift>(Shift::fromJson(shift.toObject()));
        });
}

QFuture<Result<Shift>> RemoteBackend::clockIn()
{
    if (sessionToken().isEmpty())
        return readyFuture<Shift>(AccountService::notSignedIn());
    return m_api.call("POST", QStringLiteral("/api/shifts/clock-in")).then(shiftFrom);
}

QFuture<Result<Shift>> RemoteBackend::clockOut()
{
    if (sessionToken().isEmpty())
        return readyFuture<Shift>(AccountService::notSignedIn());
    return m_api.call("POST", QStringLiteral("/api/shifts/clock-out")).then(shiftFrom);
}

QFuture<Result<Shift>> RemoteBackend::recordShiftActivity()
{
    if (sessionToken().isEmpty())
        return readyFuture<Shift>(AccountService::notSignedIn());
    return m_api.call("POST", QStringLiteral("/api/shifts/activity")).then(shiftFrom);
}

QFuture<Result<QList<ShiftSlot>>> RemoteBackend::shiftSchedule()
{
    if (sessionToken().isEmpty())
        return readyFuture<QList<ShiftSlot>>(AccountService::notSignedIn());
    return m_api.call("GET", QStringLiteral("/api/shifts/schedule"))
        .then([](const Result<QJsonObject> &answer) -> Result<QList<ShiftSlot>> {
            if (!answer.ok())
                return answer.error();
            QList<ShiftSlot> slots;
            for (const QJsonValue &slot : answer.value().value(QStringLiteral("slots")).toArray())
                slots.append(ShiftSlot::fromJson(slot.toObject()));
            return slots;
        });
}

QFuture<Result<ShiftSlot>> RemoteBackend::addShiftSlot(const ShiftSlot &slot)
{
    if (sessionToken().isEmpty())
        return readyFuture<ShiftSlot>(AccountService::notSignedIn());
    const Result<ShiftSlot> valid = ShiftSlot::parse(slot.toJson());
    if (!valid.ok())
        return readyFuture<ShiftSlot>(valid.error());
    return m_api.call("POST", QStringLiteral("/api/shifts/schedule"), valid.value().toJson())
        .then([](const Result<QJsonObject> &answer) -> Result<ShiftSlot> {
            if (!answer.ok())
                return answer.error();
            return ShiftSlot::fromJson(answer.value().value(QStringLiteral("slot")).toObject());
        });
}

QFuture<Result<void>> RemoteBackend::removeShiftSlot(qint64 slotId)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("DELETE", QStringLiteral("/api/shifts/schedule/%1").arg(slotId)).then(nothing);
}

QFuture<Result<QList<HoursRow>>> RemoteBackend::shiftHours(const QDateTime &from, const QDateTime &to)
{
    if (sessionToken().isEmpty())
        return readyFuture<QList<HoursRow>>(AccountService::notSignedIn());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("from"), from.toUTC().toString(Qt::ISODateWithMs));
    query.addQueryItem(QStringLiteral("to"), to.toUTC().toString(Qt::ISODateWithMs));
    return m_api.call("GET", QStringLiteral("/api/shifts/hours?") + query.toString(QUrl::FullyEncoded))
        .then([](const Result<QJsonObject> &answer) -> Result<QList<HoursRow>> {
            if (!answer.ok())
                return answer.error();
            QList<HoursRow> rows;
            for (const QJsonValue &row : answer.value().value(QStringLiteral("rows")).toArray())
                rows.append(HoursRow::fromJson(row.toObject()));
            return rows;
        });
}

QFuture<Result<int>> RemoteBackend::shiftIdleMinutes()
{
    if (sessionToken().isEmpty())
        return readyFuture<int>(AccountService::notSignedIn());
    return m_api.call("GET", QStringLiteral("/api/shifts/settings")).then([](const Result<QJsonObject> &answer) -> Result<int> {
        if (!answer.ok())
            return answer.error();
        return answer.value().value(QStringLiteral("idleMinutes")).toInt();
    });
}

QFuture<Result<void>> RemoteBackend::setShiftIdleMinutes(int minutes)
{
    if (sessionToken().isEmpty())
        return readyFuture<void>(AccountService::notSignedIn());
    return m_api.call("PUT", QStringLiteral("/api/shifts/settings"), {{QStringLiteral("idleMinutes"), minutes}}).then(nothing);
}

QString RemoteBackend::sessionToken() const
{
    return m_session.rememberedToken();
}

void RemoteBackend::shutdown()
{
    // What is local (the replica's outbox) is kept; abandoning the calls loses nothing the server has not got.
    m_api.abandonAll();
    closeReplica();
}

} // namespace huntaze
