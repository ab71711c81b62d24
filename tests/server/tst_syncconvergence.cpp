// Sync converges whatever the network does (issue 13): three devices (two
// members of one agency, each its own replica file) against a real
// huntaze-server and PostgreSQL make seeded random edits, deletes and
// conflict choices, go offline, and sync through a transport that drops
// answers after the server committed, repeats requests, sends them out of
// order, kills a device mid-sync, restarts the server, and takes a creator
// away from a member. Once everyone is back: every replica equals the server
// for what its member may see, the outboxes are empty, no mutation was
// applied twice, and cookies only moved forward.
//
// A failure names its seed; HUNTAZE_SYNC_SEED=<n> replays that one alone.
#include "agency/audit.h"
#include "domain/user.h"
#include "runningserver.h"
#include "storage/migrator.h"
#include "storage/sqlworker.h"
#include "storage/syncedrollups.h"
#include "sync/replica.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace huntaze;
using namespace huntaze::sync;
using test::Answer;
using test::await;

namespace {

const QString password = QStringLiteral("correct horse battery");

// What the transport does to one sync.
enum class Fault {
    None,
    AnswerLost, // the server applies a push; its answer never arrives
    Repeated, // a push arrives twice
    OutOfOrder, // the second half of a push arrives before the first
    KilledMidSync, // the device dies after sending, before storing the answer
    PullLost, // the answer to a pull never arrives
};

struct Member {
    QString email;
    QString token;
    ReplicaOwner owner;
};

struct Device {
    Device(QString deviceName, Member *of) : name(std::move(deviceName)), member(of) {}

    QString name;
    Member *member = nullptr;
    QString path;
    std::unique_ptr<SqlWorker> replica;
    bool online = true;
    qint64 cookie = 0; // the highest seen: it must never move back
};

} // namespace

class TestSyncConvergence : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyReplicaConverges_data();
    void everyReplicaConverges();

private:
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token);
    Member signUp(const QString &email, const QString &invitation);
    void open(Device &device);
    template <typename T> Result<T> onDevice(Device &device, std::function<Result<T>(Replica &)> job)
    {
        return await(onReplica<T>(*device.replica, device.member->owner, std::move(job)));
    }
    // A local change, which must always be kept.
    void change(Device &device, std::function<Result<Draft>(Replica &)> job)
    {
        if (const Result<Draft> kept = onDevice<Draft>(device, std::move(job)); !kept.ok() && m_failure.isEmpty())
            m_failure = QStringLiteral("%1 could not keep a local change: %2").arg(device.name, kept.error().message);
    }
    // One sync of `device` through the faulty transport; false when it stopped early.
    bool sync(Device &device, Fault fault);
    bool pull(Device &device, Fault fault);
    // Right after a push was answered (nothing else has happened since): each
    // device edit the server acknowledged is there, merged in, or kept as a
    // conflict; each it refused is listed under the device's sync problems.
    void checkAcknowledged(Device &device, const PushRequest &request, const PushResponse &response);
    void randomEdit(Device &device, QRandomGenerator &random, int step);
    // A few fans imported for one of the device's creators (the chatter's are refused: no data.import).
    void randomImport(Device &device, QRandomGenerator &random, quint32 seed, int step);
    // The fans a replica holds, or a fresh pull carries: "id name", sorted.
    QStringList fansOf(Device &device);
    static QStringList fansOf(const PullResponse &pulled);
    // A few statement lines the owner imports on the server for one of the agency's creators.
    void randomStatement(QRandomGenerator &random, int step);
    // The analytics roll-ups a replica holds, or a fresh pull carries: "table creator [row]", sorted.
    QStringList rollUpsOf(Device &device);
    static QStringList rollUpsOf(const PullResponse &pulled);
    void setChatterCreators(const QList<qint64> &creators);
    void editDraftOf(Device &device, qint64 creator, int step);
    void restartServer();
    // What a new device of `member` would get: every live draft and conflict they may see.
    PullResponse serverView(const Member &member);
    static QList<QJsonObject> contents(QList<Draft> drafts);
    // The drafts one side has and the other has not, or has otherwise.
    static QString difference(const QList<QJsonObject> &local, const QList<QJsonObject> &server);

    test::RunningServer m_running;
    std::unique_ptr<server::HuntazeServer> m_instance; // the devices' way in, restarted at random
    QUrl m_url;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    Member m_owner, m_chatter;
    qint64 m_one = 0, m_two = 0;
    QString m_failure; // the first broken expectation of a run, with its step
    QMap<QString, int> m_outcomes; // what the server did with the mutations, over every run
    QMap<QString, int> m_events; // faults, restarts and access changes, over every run
    QStringList m_importedFans; // the names of the fans the owner's devices imported, over every run
};

Answer TestSyncConvergence::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token)
{
    return test::send(m_network, QUrl(m_url.toString() + path), method,
                      body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

Member TestSyncConvergence::signUp(const QString &email, const QString &invitation)
{
    QJsonObject form{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    if (invitation.isEmpty())
        form.insert(QStringLiteral("displayName"), QStringLiteral("One"));
    else
        form.insert(QStringLiteral("invitation"), invitation);
    const Answer answer = call("POST", QStringLiteral("/api/auth/sign-up"), form, {});
    if (answer.status != 201)
        qFatal("sign-up of %s failed: %d %s", qPrintable(email), answer.status, answer.body.constData());
    Member member;
    member.email = email;
    member.token = answer.json.value(QStringLiteral("token")).toString();
    const User user
        = User::fromJson(call("GET", QStringLiteral("/api/me"), {}, member.token).json.value(QStringLiteral("user")).toObject());
    member.owner = {user.agencyId, user.id, email};
    return member;
}

void TestSyncConvergence::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start());
    restartServer();
    m_owner = signUp(QStringLiteral("owner@converge.test"), {});
    m_one
        = User::fromJson(call("GET", QStringLiteral("/api/me"), {}, m_owner.token).json.value(QStringLiteral("user")).toObject()).creatorId;
    m_two = call("POST", QStringLiteral("/api/agency/creators"), {{QStringLiteral("displayName"), QStringLiteral("Two")}}, m_owner.token)
                .json.value(QStringLiteral("creator"))
                .toObject()
                .value(QStringLiteral("id"))
                .toInteger();
    const QString code
        = call("POST", QStringLiteral("/api/agency/invitations"),
               {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_one, m_two}}}, m_owner.token)
              .json.value(QStringLiteral("code"))
              .toString();
    m_chatter = signUp(QStringLiteral("chatter@converge.test"), code);
    QVERIFY(m_one > 0 && m_two > m_one);
    QCOMPARE(m_chatter.owner.agencyId, m_owner.owner.agencyId);
}

void TestSyncConvergence::cleanupTestCase()
{
    m_instance.reset();
    qInfo() << "outcomes" << m_outcomes << "events" << m_events;
    // A run that never merged, conflicted or refused would prove little.
    if (qEnvironmentVariableIsEmpty("HUNTAZE_SYNC_SEED")) {
        for (const char *outcome : {"applied", "merged", "conflict", "rejected"})
            QVERIFY2(m_outcomes.value(QLatin1String(outcome)) > 0, outcome);
    }
}

void TestSyncConvergence::restartServer()
{
    server::ServerConfig config = m_running.server().config();
    config.port = m_instance ? m_instance->http().serverPort() : 0;
    m_instance.reset();
    QString error;
    m_instance = m_running.startAnother(config, &error);
    if (!m_instance)
        qFatal("the server did not start again: %s", qPrintable(error));
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_instance->http().serverPort()));
}

void TestSyncConvergence::open(Device &device)
{
    device.replica = std::make_unique<SqlWorker>(DatabaseConfig::sqlite(device.path));
    const QString migrations = device.replica->config().migrationsDirectory();
    if (!await(device.replica->run<int>([migrations](QSqlDatabase &db) { return Migrator(migrations).migrate(db); })).ok())
        qFatal("the replica of %s did not migrate", qPrintable(device.name));
}

void TestSyncConvergence::setChatterCreators(const QList<qint64> &creators)
{
    QJsonArray ids;
    for (qint64 id : creators)
        ids.append(id);
    const Answer changed = call("PUT", QStringLiteral("/api/agency/members/%1").arg(m_chatter.owner.userId),
                                {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), ids}}, m_owner.token);
    if (changed.status != 204)
        qFatal("changing the chatter's creators failed: %d %s", changed.status, changed.body.constData());
}

bool TestSyncConvergence::sync(Device &device, Fault fault)
{
    bool mended = false;
    for (;;) {
        const Result<PushRequest> next = onDevice<PushRequest>(device, [](Replica &r) { return r.nextPush(); });
        if (!next.ok()) {
            m_failure = QStringLiteral("%1 could not read its outbox").arg(device.name);
            return false;
        }
        if (next.value().mutations.isEmpty())
            break;
        const PushRequest &request = next.value();
        if (fault == Fault::OutOfOrder && request.mutations.size() > 1) {
            PushRequest later = request;
            later.mutations = request.mutations.mid(request.mutations.size() / 2);
            const Answer early = call("POST", QStringLiteral("/api/sync/push"), later.toJson(), device.member->token);
            if (early.status == 0)
                return false; // the server is away
            // A gap is refused; after a lost answer the later half may follow on and apply.
            const bool refused = early.status == 409 && early.errorCode() == QLatin1String("out_of_order");
            if (!refused && early.status != 200) {
                m_failure = QStringLiteral("a push out of order was answered %1 %2").arg(early.status).arg(QString::fromUtf8(early.body));
                return false;
            }
        }
        Answer answer = call("POST", QStringLiteral("/api/sync/push"), request.toJson(), device.member->token);
        if (answer.status == 0)
            return false;
        if (fault == Fault::Repeated)
            answer = call("POST", QStringLiteral("/api/sync/push"), request.toJson(), device.member->token);
        if (fault == Fault::AnswerLost)
            return false;
        if (fault == Fault::KilledMidSync) {
            device.replica.reset(); // what it had written stays in its file
            open(device);
            return false;
        }
        if (answer.status == 409 && !mended) {
            mended = true; // an answer lost before: a pull says how far the server got
            if (!pull(device, Fault::None))
                return false;
            continue;
        }
        if (answer.status != 200) {
            m_failure
                = QStringLiteral("%1's push was answered %2 %3").arg(device.name).arg(answer.status).arg(QString::fromUtf8(answer.body));
            return false;
        }
        const PushResponse response = PushResponse::fromJson(answer.json);
        if (!onDevice<bool>(device, [response](Replica &r) -> Result<bool> {
                 if (Result<void> stored = r.pushed(response); !stored.ok())
                     return stored.error();
                 return true;
             }).ok()) {
            m_failure = QStringLiteral("%1 could not store a push's answer").arg(device.name);
            return false;
        }
        if (fault != Fault::Repeated) // a repeat's answer lists nothing: the first applied it all
            checkAcknowledged(device, request, response);
    }
    return pull(device, fault == Fault::PullLost ? Fault::PullLost : Fault::None);
}

bool TestSyncConvergence::pull(Device &device, Fault fault)
{
    const Result<PullRequest> next = onDevice<PullRequest>(device, [](Replica &r) { return r.nextPull(); });
    if (!next.ok())
        return false;
    const Answer answer = call("POST", QStringLiteral("/api/sync/pull"), next.value().toJson(), device.member->token);
    if (answer.status == 0 || fault == Fault::PullLost)
        return false;
    if (answer.status != 200) {
        m_failure = QStringLiteral("%1's pull was answered %2 %3").arg(device.name).arg(answer.status).arg(QString::fromUtf8(answer.body));
        return false;
    }
    const PullResponse response = PullResponse::fromJson(answer.json);
    const Result<qint64> cookie = onDevice<qint64>(device, [response](Replica &r) -> Result<qint64> {
        if (Result<void> stored = r.pulled(response); !stored.ok())
            return stored.error();
        const Result<PullRequest> after = r.nextPull();
        if (!after.ok())
            return after.error();
        return after.value().cookie;
    });
    if (!cookie.ok()) {
        m_failure = QStringLiteral("%1 could not store a pull: %2").arg(device.name, cookie.error().message + u' ' + cookie.error().detail);
        return false;
    }
    if (cookie.value() < device.cookie)
        m_failure = QStringLiteral("%1's cookie moved back from %2 to %3").arg(device.name).arg(device.cookie).arg(cookie.value());
    device.cookie = std::max(device.cookie, cookie.value());
    return true;
}

namespace {

QStringList wordsOf(const QJsonValue &value)
{
    return value.toString().split(u' ', Qt::SkipEmptyParts);
}

// Whether the device's change of one field (`base` to `mine`) is in the server's `now`.
bool changeIsIn(const QJsonValue &base, const QJsonValue &mine, const QJsonValue &now, bool exactly)
{
    if (mine == base || mine == now)
        return true;
    if (exactly)
        return false;
    if (mine.isArray()) { // a list: what the device added is there
        const QJsonArray before = base.toArray(), items = now.toArray();
        const QJsonArray mineItems = mine.toArray();
        return std::all_of(mineItems.cbegin(), mineItems.cend(),
                           [&](const QJsonValue &item) { return before.contains(item) || items.contains(item); });
    }
    if (mine.isString()) { // a text merged word by word: the device's new words are there
        const QStringList before = wordsOf(base), after = wordsOf(now);
        const QStringList mineWords = wordsOf(mine);
        return std::all_of(mineWords.cbegin(), mineWords.cend(),
                           [&](const QString &word) { return before.contains(word) || after.contains(word); });
    }
    return false;
}

} // namespace

void TestSyncConvergence::checkAcknowledged(Device &device, const PushRequest &request, const PushResponse &response)
{
    if (!m_failure.isEmpty())
        return;
    const PullResponse server = serverView(*device.member);
    const QList<SyncRejection> problems = onDevice<QList<SyncRejection>>(device, [](Replica &r) { return r.problems(); }).value();
    QHash<QString, qint64> lastOnDraft; // only the last change of a draft in the push is checked: its own later ones come over it
    for (const Mutation &mutation : request.mutations)
        lastOnDraft.insert(mutation.entityId, mutation.id);
    for (const MutationResult &result : response.results) {
        ++m_outcomes[result.outcome];
        const auto sent
            = std::find_if(request.mutations.cbegin(), request.mutations.cend(), [&](const Mutation &m) { return m.id == result.id; });
        if (sent == request.mutations.cend() || sent->entity != QLatin1String("draft") || lastOnDraft.value(sent->entityId) != sent->id)
            continue;
        const QString what
            = QStringLiteral("%1's mutation %2 (%3 of %4)").arg(device.name).arg(result.id).arg(result.outcome, sent->entityId);
        const auto row = std::find_if(server.drafts.cbegin(), server.drafts.cend(), [&](const Draft &d) { return d.id == sent->entityId; });
        if (result.outcome == QLatin1String("rejected") || result.outcome == QLatin1String("kept_edited")) {
            if (std::none_of(problems.cbegin(), problems.cend(), [&](const SyncRejection &p) { return p.mutationId == result.id; }))
                m_failure = what + QStringLiteral(": refused, yet not among the device's sync problems");
            // Kept because someone else changed it: never because of the device's own earlier edits.
            if (result.outcome == QLatin1String("kept_edited") && row != server.drafts.cend() && row->editableFields() == sent->base)
                m_failure = what + QStringLiteral(": kept as edited, though it holds just what the device saw");
        } else if (result.outcome == QLatin1String("conflict")) {
            QJsonObject kept = sent->payload;
            kept.remove(QStringLiteral("creatorId"));
            if (std::none_of(server.conflicts.cbegin(), server.conflicts.cend(),
                             [&](const DraftConflict &c) { return c.draftId == sent->entityId && c.fields == kept; }))
                m_failure = what + QStringLiteral(": no conflict keeps the device's version");
        } else if (sent->op == Mutation::Op::Delete) {
            if (result.outcome == QLatin1String("applied") && row != server.drafts.cend())
                m_failure = what + QStringLiteral(": deleted, yet still there");
        } else if (result.outcome != QLatin1String("unchanged")) {
            if (row == server.drafts.cend()) {
                m_failure = what + QStringLiteral(": saved, yet not on the server");
                continue;
            }
            const QJsonObject now = row->editableFields();
            for (auto field = sent->payload.constBegin(); field != sent->payload.constEnd(); ++field) {
                if (field.key() == QLatin1String("creatorId"))
                    continue;
                if (!changeIsIn(sent->base.value(field.key()), field.value(), now.value(field.key()),
                                result.outcome == QLatin1String("applied")))
                    m_failure = what
                        + QStringLiteral(": its %1 is not on the server (%2)")
                              .arg(field.key(), QString::fromUtf8(QJsonDocument(now).toJson(QJsonDocument::Compact)));
            }
        }
    }
}

void TestSyncConvergence::randomEdit(Device &device, QRandomGenerator &random, int step)
{
    // In the order of their ids, which come from the seed: a replay picks the same drafts.
    QList<Draft> drafts = onDevice<QList<Draft>>(device, [](Replica &r) { return r.drafts(); }).value();
    std::sort(drafts.begin(), drafts.end(), [](const Draft &a, const Draft &b) { return a.id < b.id; });
    const QList<qint64> creators = onDevice<PullRequest>(device, [](Replica &r) { return r.nextPull(); }).value().creators;
    const int what = random.bounded(10);
    if (drafts.isEmpty() || what < 3) {
        if (creators.isEmpty())
            return; // not synced yet: nothing it may write for
        Draft made;
        made.id = QUuid(random.generate(), quint16(random.generate()), quint16(random.generate()), 0x80, 0, 0, 0, 0, 0, 0,
                        quint8(random.bounded(256)))
                      .toString(QUuid::WithoutBraces);
        made.creatorId = creators.at(random.bounded(int(creators.size())));
        made.title = QStringLiteral("%1 made at %2").arg(device.name).arg(step);
        made.body = QStringLiteral("one two three four five six");
        change(device, [made](Replica &r) { return r.saveDraft(made); });
        return;
    }
    Draft draft = drafts.at(random.bounded(int(drafts.size())));
    if (what == 3) {
        change(device, [draft](Replica &r) -> Result<Draft> {
            if (Result<void> gone = r.deleteDraft(draft.id); !gone.ok())
                return gone.error();
            return draft;
        });
        return;
    }
    if (what == 4) {
        const QList<DraftConflict> conflicts = onDevice<QList<DraftConflict>>(device, [](Replica &r) { return r.conflicts(); }).value();
        if (!conflicts.isEmpty()) {
            const DraftConflict &conflict = conflicts.first();
            const auto shown = std::find_if(drafts.cbegin(), drafts.cend(), [&](const Draft &d) { return d.id == conflict.draftId; });
            if (shown != drafts.cend()) {
                Draft chosen = *shown;
                if (random.bounded(2) == 0) { // the other version
                    QJsonObject fields = chosen.editableFields();
                    for (auto it = conflict.fields.constBegin(); it != conflict.fields.constEnd(); ++it)
                        fields.insert(it.key(), it.value());
                    fields.insert(QStringLiteral("id"), chosen.id);
                    Result<Draft> other = Draft::parse(fields);
                    if (other.ok()) {
                        other.value().creatorId = chosen.creatorId;
                        chosen = other.value();
                    }
                }
                change(device, [id = conflict.id, chosen](Replica &r) { return r.resolveConflict(id, chosen); });
                return;
            }
        }
    }
    // An edit of one field: the same words others may be editing, so merges and conflicts happen.
    QStringList words = draft.body.split(u' ', Qt::SkipEmptyParts);
    switch (random.bounded(4)) {
    case 0: draft.title = QStringLiteral("%1 titled at %2").arg(device.name).arg(step); break;
    case 1:
        if (!words.isEmpty())
            words[random.bounded(int(words.size()))] = QStringLiteral("%1%2").arg(device.name.left(1)).arg(step);
        draft.body = words.join(u' ');
        break;
    case 2: draft.notes = QStringLiteral("note %1 by %2").arg(step).arg(device.name); break;
    default: draft.hashtags.append(QStringLiteral("tag%1").arg(step)); break;
    }
    change(device, [draft](Replica &r) { return r.saveDraft(draft); });
}

void TestSyncConvergence::editDraftOf(Device &device, qint64 creator, int step)
{
    QList<Draft> drafts = onDevice<QList<Draft>>(device, [](Replica &r) { return r.drafts(); }).value();
    std::sort(drafts.begin(), drafts.end(), [](const Draft &a, const Draft &b) { return a.id < b.id; });
    const auto theirs = std::find_if(drafts.begin(), drafts.end(), [creator](const Draft &d) { return d.creatorId == creator; });
    if (theirs == drafts.end())
        return;
    theirs->notes = QStringLiteral("%1 noted at %2").arg(device.name).arg(step);
    change(device, [draft = *theirs](Replica &r) { return r.saveDraft(draft); });
}

QList<QJsonObject> TestSyncConvergence::contents(QList<Draft> drafts)
{
    std::sort(drafts.begin(), drafts.end(), [](const Draft &a, const Draft &b) { return a.id < b.id; });
    QList<QJsonObject> all;
    for (const Draft &draft : std::as_const(drafts)) {
        QJsonObject fields = draft.editableFields();
        fields.insert(QStringLiteral("id"), draft.id);
        fields.insert(QStringLiteral("creatorId"), draft.creatorId);
        all.append(fields);
    }
    return all;
}

QString TestSyncConvergence::difference(const QList<QJsonObject> &local, const QList<QJsonObject> &server)
{
    QStringList lines;
    const auto text = [](const QJsonObject &draft) { return QString::fromUtf8(QJsonDocument(draft).toJson(QJsonDocument::Compact)); };
    for (const QJsonObject &draft : local)
        if (!server.contains(draft))
            lines.append(QStringLiteral("here only: ") + text(draft));
    for (const QJsonObject &draft : server)
        if (!local.contains(draft))
            lines.append(QStringLiteral("server only: ") + text(draft));
    return lines.join(QStringLiteral("; "));
}

void TestSyncConvergence::randomImport(Device &device, QRandomGenerator &random, quint32 seed, int step)
{
    const QList<qint64> creators = onDevice<PullRequest>(device, [](Replica &r) { return r.nextPull(); }).value().creators;
    if (creators.isEmpty())
        return;
    const qint64 creator = creators.at(random.bounded(int(creators.size())));
    QList<Fan> fans;
    for (int i = 0, count = 1 + random.bounded(3); i < count; ++i) {
        Fan fan;
        fan.name = QStringLiteral("%1 fan %2-%3-%4").arg(device.name).arg(seed).arg(step).arg(i);
        fans.append(fan);
    }
    const Result<int> imported = onDevice<int>(device, [creator, fans](Replica &r) { return r.importFans(creator, fans); });
    if (!imported.ok()) {
        if (m_failure.isEmpty())
            m_failure = QStringLiteral("%1 could not keep an import: %2").arg(device.name, imported.error().message);
        return;
    }
    ++m_events[QStringLiteral("fans imported")];
    if (device.member == &m_owner)
        for (const Fan &fan : fans)
            m_importedFans.append(fan.name);
}

void TestSyncConvergence::randomStatement(QRandomGenerator &random, int step)
{
    const qint64 creator = random.bounded(2) == 0 ? m_one : m_two;
    QJsonArray lines;
    for (int i = 0, count = 1 + random.bounded(4); i < count; ++i) {
        const QDateTime at = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC).addSecs(qint64(random.bounded(90 * 24)) * 3600);
        const bool subscription = random.bounded(3) == 0;
        lines.append(QJsonObject{{QStringLiteral("occurredAt"), at.toString(Qt::ISODate)},
                                 {QStringLiteral("kind"), subscription ? QStringLiteral("subscription_new") : QStringLiteral("tip")},
                                 {QStringLiteral("gross"), 1 + random.bounded(50)},
                                 {QStringLiteral("currency"), QStringLiteral("USD")},
                                 {QStringLiteral("fan"), QStringLiteral("fan %1").arg(random.bounded(12))},
                                 {QStringLiteral("reference"), QStringLiteral("step %1 line %2").arg(step).arg(i)}});
    }
    const Answer imported = call("POST", QStringLiteral("/api/earnings/import?creator=%1").arg(creator),
                                 {{QStringLiteral("earnings"), lines}}, m_owner.token);
    if (imported.status != 201 && m_failure.isEmpty())
        m_failure = QStringLiteral("step %1: statement lines refused: %2 %3")
                        .arg(step)
                        .arg(imported.status)
                        .arg(QString::fromUtf8(imported.body));
    ++m_events[QStringLiteral("statement imported")];
}

QStringList TestSyncConvergence::rollUpsOf(Device &device)
{
    const qint64 agencyId = device.member->owner.agencyId;
    return await(device.replica->run<QStringList>([agencyId](QSqlDatabase &db) -> Result<QStringList> {
               QSqlQuery creators(db);
               if (!creators.exec(QStringLiteral("SELECT id FROM creators")))
                   return storageError(QStringLiteral("list creators"), creators.lastError());
               SyncedRowsQuery all{{agencyId, {}}, {agencyId, {}}, 0, std::numeric_limits<qint64>::max()};
               while (creators.next())
                   all.everything.creatorIds.append(creators.value(0).toLongLong());
               PullResponse held;
               QMap<qint64, CreatorRows> rows;
               for (const SyncedRollUps::Table &table : SyncedRollUps::tables()) {
                   if (Result<SyncedRollUps::Read> read = SyncedRollUps::read(db, table, all, {}, 1000000, rows); !read.ok())
                       return read.error();
               }
               held.creatorData = rows.values();
               return rollUpsOf(held);
           }))
        .value();
}

QStringList TestSyncConvergence::rollUpsOf(const PullResponse &pulled)
{
    QStringList rows;
    for (const CreatorRows &creator : pulled.creatorData)
        for (auto it = creator.rollUps.constBegin(); it != creator.rollUps.constEnd(); ++it)
            for (const QJsonArray &row : it.value())
                rows.append(QStringLiteral("%1 %2 %3")
                                .arg(it.key())
                                .arg(creator.creatorId)
                                .arg(QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact))));
    rows.sort();
    return rows;
}

QStringList TestSyncConvergence::fansOf(Device &device)
{
    return await(device.replica->run<QStringList>([](QSqlDatabase &db) -> Result<QStringList> {
               QSqlQuery query(db);
               if (!query.exec(QStringLiteral("SELECT id, name FROM fans")))
                   return Error{ErrorCode::Storage, query.lastError().text(), {}, {}};
               QStringList fans;
               while (query.next())
                   fans.append(query.value(0).toString() + u' ' + query.value(1).toString());
               fans.sort();
               return fans;
           }))
        .value();
}

QStringList TestSyncConvergence::fansOf(const PullResponse &pulled)
{
    QStringList fans;
    for (const CreatorRows &rows : pulled.creatorData)
        for (const Fan &fan : rows.fans)
            fans.append(QString::number(fan.id) + u' ' + fan.name);
    fans.sort();
    return fans;
}

PullResponse TestSyncConvergence::serverView(const Member &member)
{
    const PullRequest fresh{QUuid::createUuid().toString(QUuid::WithoutBraces), 0, {}, {}, std::nullopt};
    const Answer answer = call("POST", QStringLiteral("/api/sync/pull"), fresh.toJson(), member.token);
    if (answer.status != 200)
        qFatal("a fresh pull failed: %d %s", answer.status, answer.body.constData());
    return PullResponse::fromJson(answer.json);
}

void TestSyncConvergence::everyReplicaConverges_data()
{
    QTest::addColumn<quint32>("seed");
    if (const QByteArray replay = qgetenv("HUNTAZE_SYNC_SEED"); !replay.isEmpty()) {
        QTest::newRow(replay.constData()) << replay.toUInt();
        return;
    }
    for (quint32 seed : {1u, 2u, 3u, 4u, 5u, 6u})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void TestSyncConvergence::everyReplicaConverges()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    m_failure.clear();
    setChatterCreators({m_one, m_two});
    std::array<Device, 3> devices{Device(QStringLiteral("laptop"), &m_owner), Device(QStringLiteral("phone"), &m_owner),
                                  Device(QStringLiteral("chatter"), &m_chatter)};
    for (Device &device : devices) {
        device.path = m_dir.filePath(QStringLiteral("%1-%2.sqlite").arg(device.name).arg(seed));
        open(device);
        QVERIFY(sync(device, Fault::None));
    }

    const int statementsBefore = m_events.value(QStringLiteral("statement imported"));
    constexpr int steps = 120;
    for (int step = 0; step < steps && m_failure.isEmpty(); ++step) {
        Device &device = devices.at(random.bounded(int(devices.size())));
        const int roll = random.bounded(100);
        if (roll < 50) {
            randomEdit(device, random, step);
        } else if (roll < 55) {
            randomImport(device, random, seed, step);
        } else if (roll < 58) {
            randomStatement(random, step);
        } else if (roll < 85) {
            if (device.online) {
                const auto fault = static_cast<Fault>(random.bounded(6));
                ++m_events[QStringLiteral("sync, fault %1").arg(int(fault))];
                sync(device, fault);
            }
        } else if (roll < 93) {
            device.online = !device.online;
            ++m_events[QStringLiteral("offline or back")];
        } else if (roll < 96) {
            const bool taken = random.bounded(2) == 0;
            setChatterCreators(taken ? QList<qint64>{m_one} : QList<qint64>{m_one, m_two});
            ++m_events[QStringLiteral("access changed")];
            if (taken) // the chatter, not knowing yet, edits a draft of the creator taken away
                editDraftOf(devices.back(), m_two, step);
        } else {
            restartServer();
            ++m_events[QStringLiteral("server restarted")];
        }
    }
    QVERIFY2(m_failure.isEmpty(), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(m_failure)));

    // Everyone back: each resolves what conflicts it sees, then all sync until nothing moves.
    for (Device &device : devices)
        device.online = true;
    for (int round = 0; round < 4; ++round) {
        for (Device &device : devices) {
            const QList<DraftConflict> conflicts = onDevice<QList<DraftConflict>>(device, [](Replica &r) { return r.conflicts(); }).value();
            const QList<Draft> drafts = onDevice<QList<Draft>>(device, [](Replica &r) { return r.drafts(); }).value();
            for (const DraftConflict &conflict : conflicts) {
                const auto shown = std::find_if(drafts.cbegin(), drafts.cend(), [&](const Draft &d) { return d.id == conflict.draftId; });
                if (shown != drafts.cend())
                    change(device, [id = conflict.id, kept = *shown](Replica &r) { return r.resolveConflict(id, kept); });
            }
            QVERIFY2(sync(device, Fault::None), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(m_failure)));
        }
    }

    for (Device &device : devices) {
        const QString where = QStringLiteral("seed %1, %2").arg(seed).arg(device.name);
        const ReplicaStatus status = onDevice<ReplicaStatus>(device, [](Replica &r) { return r.status(); }).value();
        QVERIFY2(status.pending == 0, qPrintable(where + QStringLiteral(": %1 changes still waiting").arg(status.pending)));
        const QList<Draft> local = onDevice<QList<Draft>>(device, [](Replica &r) { return r.drafts(); }).value();
        const PullResponse server = serverView(*device.member);
        QVERIFY2(contents(local) == contents(server.drafts),
                 qPrintable(where + QStringLiteral(": the replica differs from the server: ")
                            + difference(contents(local), contents(server.drafts))));
        // Imported fans: the server's rows, none left under a temporary id, none twice.
        QVERIFY2(fansOf(device) == fansOf(server), qPrintable(where + QStringLiteral(": the fans differ from the server's")));
        // The analytics roll-ups (for those who see earnings), as the server has them.
        if (device.member == &m_owner && m_events.value(QStringLiteral("statement imported")) > statementsBefore)
            QVERIFY2(!rollUpsOf(server).isEmpty(), qPrintable(where + QStringLiteral(": statement lines imported, no roll-ups")));
        QVERIFY2(rollUpsOf(device) == rollUpsOf(server),
                 qPrintable(where + QStringLiteral(": the analytics roll-ups differ from the server's")));
    }
    // Every fan the owner's devices imported is on the server once; the chatter's (refused) are not.
    QStringList onServer;
    for (const CreatorRows &rows : serverView(m_owner).creatorData)
        for (const Fan &fan : rows.fans)
            onServer.append(fan.name);
    onServer.sort();
    QStringList imported = m_importedFans;
    imported.sort();
    QVERIFY2(onServer == imported,
             qPrintable(QStringLiteral("seed %1: %2 fans on the server, %3 imported by the owner")
                            .arg(seed)
                            .arg(onServer.size())
                            .arg(imported.size())));
    // Each mutation that changed something is in the audit log once, with the device it came from.
    const Answer log = call("GET", QStringLiteral("/api/agency/audit"), {}, m_owner.token);
    QCOMPARE(log.status, 200);
    QSet<QString> applied;
    for (const QJsonValue &value : log.json.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject detail = AuditEntry::fromJson(value.toObject()).detail;
        if (!detail.contains(QStringLiteral("mutation")))
            continue;
        const QString origin = detail.value(QStringLiteral("client")).toString() + u'/'
            + QString::number(detail.value(QStringLiteral("mutation")).toInteger());
        QVERIFY2(!applied.contains(origin), qPrintable(QStringLiteral("seed %1: mutation %2 applied twice").arg(seed).arg(origin)));
        applied.insert(origin);
    }
    QVERIFY(!applied.isEmpty());
}

QTEST_GUILESS_MAIN(TestSyncConvergence)
#include "tst_syncconvergence.moc"
