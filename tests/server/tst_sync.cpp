// Push and pull through the real server and PostgreSQL (issue 13,
// docs/sync.md): each mutation applied once and in order, concurrent edits
// merged or kept as conflicts, refusals reported, and pulls filtered by the
// member's rights with cookies that only move forward.
#include "agency/audit.h"
#include "net/ssestream.h"
#include "runningserver.h"
#include "server/databaselistener.h"
#include "server/synceventhub.h"
#include "storage/syncedrollups.h"
#include "sync/syncservice.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace huntaze;
using huntaze::test::Answer;

namespace {

const QString password = QStringLiteral("correct horse battery");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A put of `payload` (the fields set), `base` their values before, on a device's copy at `baseVersion`.
QJsonObject put(qint64 id, const QString &draft, const QJsonObject &payload, qint64 baseVersion = 0, const QJsonObject &base = {})
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("entity"), QStringLiteral("draft")},
            {QStringLiteral("entityId"), draft},
            {QStringLiteral("baseVersion"), baseVersion},
            {QStringLiteral("op"), QStringLiteral("put")},
            {QStringLiteral("payload"), payload},
            {QStringLiteral("base"), base}};
}

// Rows of `table` imported on a device, as one mutation of the import `importId`.
QJsonObject imported(qint64 id, const QString &table, const QString &importId, qint64 creator, const QJsonArray &rows)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("entity"), table},
            {QStringLiteral("entityId"), importId},
            {QStringLiteral("baseVersion"), 0},
            {QStringLiteral("op"), QStringLiteral("put")},
            {QStringLiteral("payload"), QJsonObject{{QStringLiteral("creatorId"), creator}, {QStringLiteral("rows"), rows}}}};
}

QJsonObject remove(qint64 id, const QString &draft, qint64 baseVersion)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("entity"), QStringLiteral("draft")},
            {QStringLiteral("entityId"), draft},
            {QStringLiteral("baseVersion"), baseVersion},
            {QStringLiteral("op"), QStringLiteral("delete")}};
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aPushedDraftReachesAnotherDevice();
    void retriesAndDuplicatesChangeNothing();
    void aGapIsRefusedWithTheIdExpected();
    void editsOfDifferentFieldsMerge();
    void overlappingEditsAreKeptAsAConflict();
    void anEditBringsBackADeletedDraft();
    void aDeleteKeepsADraftEditedSince();
    void oneBatchWorksOnTheSameDraftsInOrderAndIsAudited();
    void anIdTakenByADraftNotSeenIsRefusedAlone();
    void aDeviceDoesNotPullBackWhatItWroteAsItHasIt();
    void refusalsAdvanceTheQueueAndAreReported_data();
    void refusalsAdvanceTheQueueAndAreReported();
    void pullsFollowTheMembersRights_data();
    void pullsFollowTheMembersRights();
    void aCreatorGainedIsSentWhole();
    void anUnknownCookieResets();
    void aDeviceBelongsToOneMember();
    void creatorDataIsPulledWholeThenByChange();
    void aLongPullComesInPages();
    void aDraftPushedBeforeTheFirstPullAndDeletedElsewhereGoes();
    void analyticsRollUpsComeInPagesByTheirKeys();
    void listenersHearTheirAgencysChangesFromEveryInstance();
    void aMemberHoldsAtMostFourStreams();
    void aPreferenceSetOnADeviceIsTakenMergedOrKept_data();
    void aPreferenceSetOnADeviceIsTakenMergedOrKept();
    void rowsImportedOnADeviceArriveOnce();
    void importsRefusedForGoodAreReported_data();
    void importsRefusedForGoodAreReported();

private:
    Answer call(const QString &path, const QJsonObject &body, const QString &token);
    QString signUp(const QString &email, const QString &invitation = {});
    Answer push(const QString &token, const QString &client, const QJsonArray &mutations)
    {
        return call(QStringLiteral("/api/sync/push"), {{QStringLiteral("clientId"), client}, {QStringLiteral("mutations"), mutations}},
                    token);
    }
    sync::PullResponse pull(const QString &token, const QString &client, qint64 cookie = 0, const QList<qint64> &creators = {},
                            const QStringList &tables = {}, const std::optional<sync::PullPage> &page = std::nullopt);
    // A new draft of `creator` pushed by a fresh device; its version.
    qint64 newDraft(const QString &id, qint64 creator, const QJsonObject &fields);
    static std::optional<Draft> find(const sync::PullResponse &pulled, const QString &id)
    {
        for (const Draft &draft : pulled.drafts)
            if (draft.id == id)
                return draft;
        return std::nullopt;
    }

    // A device listening to GET /api/sync/events, on a network manager of
    // its own (one manager holds at most six connections to a host).
    struct EventStream {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply;
        SseStream parser;
        QList<qint64> versions; // of every event, "ready" first
    };
    std::unique_ptr<EventStream> listen(const QUrl &server, const QString &token)
    {
        auto stream = std::make_unique<EventStream>();
        QNetworkRequest request(QUrl(server.toString() + QStringLiteral("/api/sync/events")));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        stream->reply.reset(stream->network.get(request));
        EventStream *listening = stream.get();
        connect(listening->reply.get(), &QNetworkReply::readyRead, this, [listening] {
            for (const QByteArray &data : listening->parser.feed(listening->reply->readAll()))
                listening->versions.append(QJsonDocument::fromJson(data).object().value(QStringLiteral("version")).toInteger(-1));
        });
        return stream;
    }

    test::RunningServer m_running;
    QNetworkAccessManager m_network;
    QString m_owner, m_chatter, m_analyst, m_other;
    qint64 m_one = 0, m_two = 0, m_bravo = 0;
};

Answer TestSync::call(const QString &path, const QJsonObject &body, const QString &token)
{
    return test::send(m_network, QUrl(m_running.url().toString() + path), "POST", QJsonDocument(body).toJson(QJsonDocument::Compact),
                      token);
}

QString TestSync::signUp(const QString &email, const QString &invitation)
{
    QJsonObject form{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    if (!invitation.isEmpty())
        form.insert(QStringLiteral("invitation"), invitation);
    else
        form.insert(QStringLiteral("displayName"), email.section(u'@', 0, 0)); // a new agency's first creator
    const Answer answer = call(QStringLiteral("/api/auth/sign-up"), form, {});
    if (answer.status != 201)
        qFatal("sign-up of %s failed: %d %s", qPrintable(email), answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("token")).toString();
}

sync::PullResponse TestSync::pull(const QString &token, const QString &client, qint64 cookie, const QList<qint64> &creators,
                                  const QStringList &tables, const std::optional<sync::PullPage> &page)
{
    const sync::PullRequest request{client, cookie, creators, tables, page};
    const Answer answer = call(QStringLiteral("/api/sync/pull"), request.toJson(), token);
    if (answer.status != 200)
        qFatal("pull failed: %d %s", answer.status, answer.body.constData());
    return sync::PullResponse::fromJson(answer.json);
}

qint64 TestSync::newDraft(const QString &id, qint64 creator, const QJsonObject &fields)
{
    QJsonObject payload = fields;
    payload.insert(QStringLiteral("creatorId"), creator);
    payload.insert(QStringLiteral("kind"), QStringLiteral("post"));
    const Answer answer = push(m_owner, newId(), {put(1, id, payload)});
    if (answer.status != 200)
        qFatal("push failed: %d %s", answer.status, answer.body.constData());
    return answer.json.value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("version")).toInteger();
}

void TestSync::initTestCase()
{
    HUNTAZE_REQUIRE_SERVER(m_running.start());
    m_owner = signUp(QStringLiteral("owner@sync.test"));
    auto get = [this](const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token) {
        return test::send(m_network, QUrl(m_running.url().toString() + path), method,
                          body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact), token);
    };
    m_one = get("GET", QStringLiteral("/api/me"), {}, m_owner)
                .json.value(QStringLiteral("user"))
                .toObject()
                .value(QStringLiteral("creatorId"))
                .toInteger();
    m_two = get("POST", QStringLiteral("/api/agency/creators"), {{QStringLiteral("displayName"), QStringLiteral("Two")}}, m_owner)
                .json.value(QStringLiteral("creator"))
                .toObject()
                .value(QStringLiteral("id"))
                .toInteger();
    auto invite = [&](const QJsonObject &grant) {
        return get("POST", QStringLiteral("/api/agency/invitations"), grant, m_owner).json.value(QStringLiteral("code")).toString();
    };
    m_chatter = signUp(QStringLiteral("chatter@sync.test"),
                       invite({{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{m_one}}}));
    const Answer role = get("POST", QStringLiteral("/api/agency/roles"),
                            {{QStringLiteral("name"), QStringLiteral("Analyst")},
                             {QStringLiteral("scope"), QStringLiteral("all")},
                             {QStringLiteral("permissions"), QJsonArray{QStringLiteral("dashboard.view")}}},
                            m_owner);
    QCOMPARE(role.status, 201);
    m_analyst = signUp(QStringLiteral("analyst@sync.test"),
                       invite({{QStringLiteral("role"), QStringLiteral("custom")},
                               {QStringLiteral("customRole"), role.json.value(QStringLiteral("id"))}}));
    m_other = signUp(QStringLiteral("owner@other.test"));
    m_bravo = get("GET", QStringLiteral("/api/me"), {}, m_other)
                  .json.value(QStringLiteral("user"))
                  .toObject()
                  .value(QStringLiteral("creatorId"))
                  .toInteger();
    QVERIFY(m_one > 0 && m_two > m_one && m_bravo > 0);
}

void TestSync::aPushedDraftReachesAnotherDevice()
{
    const QString laptop = newId();
    const QString draft = newId();
    const Answer pushed = push(m_owner, laptop,
                               {put(1, draft,
                                    {{QStringLiteral("creatorId"), m_one},
                                     {QStringLiteral("kind"), QStringLiteral("post")},
                                     {QStringLiteral("title"), QStringLiteral("Sunrise")},
                                     {QStringLiteral("hashtags"), QJsonArray{QStringLiteral("beach")}}})});
    QCOMPARE(pushed.status, 200);
    const sync::PushResponse response = sync::PushResponse::fromJson(pushed.json);
    QCOMPARE(response.lastMutationId, 1);
    QCOMPARE(response.results.size(), 1);
    QCOMPARE(response.results.first().outcome, QStringLiteral("applied"));
    QVERIFY(response.results.first().version > 0);

    const sync::PullResponse phone = pull(m_owner, newId());
    const std::optional<Draft> there = find(phone, draft);
    QVERIFY(there);
    QCOMPARE(there->title, QStringLiteral("Sunrise"));
    QCOMPARE(there->hashtags, QStringList{QStringLiteral("beach")});
    QCOMPARE(there->creatorId, m_one);
    QCOMPARE(there->version, response.results.first().version);
    QCOMPARE(there->authorEmail, QStringLiteral("owner@sync.test"));
    QVERIFY(phone.cookie >= there->version);
    QCOMPARE(phone.lastMutationId, 0); // the phone pushed nothing
    QCOMPARE(pull(m_owner, laptop).lastMutationId, 1);
    // Nothing new since: an empty answer, the same cookie.
    const sync::PullResponse again = pull(m_owner, newId(), phone.cookie, phone.creators);
    QVERIFY(!find(again, draft));
    QVERIFY(again.cookie >= phone.cookie);
    QVERIFY(!again.reset);
}

void TestSync::retriesAndDuplicatesChangeNothing()
{
    const QString laptop = newId();
    const QString draft = newId();
    const QJsonObject first = put(1, draft,
                                  {{QStringLiteral("creatorId"), m_one},
                                   {QStringLiteral("kind"), QStringLiteral("post")},
                                   {QStringLiteral("body"), QStringLiteral("one")}});
    QCOMPARE(push(m_owner, laptop, {first}).status, 200);
    const qint64 version = find(pull(m_owner, newId()), draft)->version;
    // The same request again (its answer was lost): nothing applied, nothing written.
    const Answer retried = push(m_owner, laptop, {first});
    QCOMPARE(retried.status, 200);
    QVERIFY(sync::PushResponse::fromJson(retried.json).results.isEmpty());
    QCOMPARE(sync::PushResponse::fromJson(retried.json).lastMutationId, 1);
    QCOMPARE(find(pull(m_owner, newId()), draft)->version, version);
    // A batch repeating the first and adding the second applies the second only.
    const QJsonObject second
        = put(2, draft, {{QStringLiteral("body"), QStringLiteral("two")}}, version, {{QStringLiteral("body"), QStringLiteral("one")}});
    const sync::PushResponse both = sync::PushResponse::fromJson(push(m_owner, laptop, {first, second, second}).json);
    QCOMPARE(both.results.size(), 1);
    QCOMPARE(both.results.first().id, 2);
    QCOMPARE(both.lastMutationId, 2);
    QCOMPARE(find(pull(m_owner, newId()), draft)->body, QStringLiteral("two"));
}

void TestSync::aGapIsRefusedWithTheIdExpected()
{
    const QString laptop = newId();
    const QString draft = newId();
    const Answer refused = push(m_owner, laptop,
                                {put(2, draft,
                                     {{QStringLiteral("creatorId"), m_one},
                                      {QStringLiteral("kind"), QStringLiteral("post")},
                                      {QStringLiteral("body"), QStringLiteral("skipped one")}})});
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), QStringLiteral("out_of_order"));
    QCOMPARE(refused.json.value(QStringLiteral("expected")).toInteger(), 1);
    QVERIFY(!find(pull(m_owner, newId()), draft));
    QCOMPARE(pull(m_owner, laptop).lastMutationId, 0);
}

void TestSync::editsOfDifferentFieldsMerge()
{
    const QString draft = newId();
    const qint64 base
        = newDraft(draft, m_one, {{QStringLiteral("title"), QStringLiteral("Gym")}, {QStringLiteral("body"), QStringLiteral("Leg day")}});
    const sync::PushResponse title
        = sync::PushResponse::fromJson(push(m_owner, newId(),
                                            {put(1, draft, {{QStringLiteral("title"), QStringLiteral("Gym, again")}}, base,
                                                 {{QStringLiteral("title"), QStringLiteral("Gym")}})})
                                           .json);
    QCOMPARE(title.results.first().outcome, QStringLiteral("applied"));
    // Another device, from the same base, changes the text.
    const sync::PushResponse body
        = sync::PushResponse::fromJson(push(m_chatter, newId(),
                                            {put(1, draft, {{QStringLiteral("body"), QStringLiteral("Leg day, heavy")}}, base,
                                                 {{QStringLiteral("body"), QStringLiteral("Leg day")}})})
                                           .json);
    QCOMPARE(body.results.first().outcome, QStringLiteral("merged"));
    const std::optional<Draft> merged = find(pull(m_owner, newId()), draft);
    QCOMPARE(merged->title, QStringLiteral("Gym, again"));
    QCOMPARE(merged->body, QStringLiteral("Leg day, heavy"));
    QCOMPARE(merged->version, body.results.first().version);
}

void TestSync::overlappingEditsAreKeptAsAConflict()
{
    const QString draft = newId();
    const qint64 base = newDraft(draft, m_one, {{QStringLiteral("title"), QStringLiteral("Beach")}});
    push(m_owner, newId(),
         {put(1, draft, {{QStringLiteral("title"), QStringLiteral("Beach at dawn")}}, base,
              {{QStringLiteral("title"), QStringLiteral("Beach")}})});
    const sync::PushResponse second
        = sync::PushResponse::fromJson(push(m_chatter, newId(),
                                            {put(1, draft, {{QStringLiteral("title"), QStringLiteral("Beach at dusk")}}, base,
                                                 {{QStringLiteral("title"), QStringLiteral("Beach")}})})
                                           .json);
    QCOMPARE(second.results.first().outcome, QStringLiteral("conflict"));
    const sync::PullResponse pulled = pull(m_owner, newId());
    QCOMPARE(find(pulled, draft)->title, QStringLiteral("Beach at dawn")); // the server's stays
    const auto conflict
        = std::find_if(pulled.conflicts.cbegin(), pulled.conflicts.cend(), [&](const DraftConflict &c) { return c.draftId == draft; });
    QVERIFY(conflict != pulled.conflicts.cend()); // nothing dropped: the other edit is kept beside it
    QCOMPARE(conflict->fields.value(QStringLiteral("title")).toString(), QStringLiteral("Beach at dusk"));
    QCOMPARE(conflict->conflicting, QStringList{QStringLiteral("title")});
    QCOMPARE(conflict->version, second.results.first().version);
}

void TestSync::anEditBringsBackADeletedDraft()
{
    const QString draft = newId();
    const qint64 base = newDraft(draft, m_one, {{QStringLiteral("body"), QStringLiteral("Keep me")}});
    QCOMPARE(sync::PushResponse::fromJson(push(m_owner, newId(), {remove(1, draft, base)}).json).results.first().outcome,
             QStringLiteral("applied"));
    const sync::PullResponse gone = pull(m_owner, newId(), base, {m_one, m_two});
    QVERIFY(find(gone, draft) && find(gone, draft)->deleted); // a tombstone for devices that had it
    QVERIFY(!find(pull(m_owner, newId()), draft)); // none for a device that never had it
    const sync::PushResponse edited
        = sync::PushResponse::fromJson(push(m_chatter, newId(),
                                            {put(1, draft, {{QStringLiteral("body"), QStringLiteral("Keep me, edited")}}, base,
                                                 {{QStringLiteral("body"), QStringLiteral("Keep me")}})})
                                           .json);
    QCOMPARE(edited.results.first().outcome, QStringLiteral("restored"));
    const std::optional<Draft> back = find(pull(m_owner, newId()), draft);
    QVERIFY(back && !back->deleted);
    QCOMPARE(back->body, QStringLiteral("Keep me, edited"));
}

void TestSync::aDeleteKeepsADraftEditedSince()
{
    const QString draft = newId();
    const qint64 base = newDraft(draft, m_one, {{QStringLiteral("body"), QStringLiteral("v1")}});
    push(m_owner, newId(),
         {put(1, draft, {{QStringLiteral("body"), QStringLiteral("v2")}}, base, {{QStringLiteral("body"), QStringLiteral("v1")}})});
    const QString phone = newId();
    const sync::PushResponse deleted = sync::PushResponse::fromJson(push(m_chatter, phone, {remove(1, draft, base)}).json);
    QCOMPARE(deleted.results.first().outcome, QStringLiteral("kept_edited"));
    const sync::PullResponse pulled = pull(m_chatter, phone);
    QCOMPARE(find(pulled, draft)->body, QStringLiteral("v2"));
    QCOMPARE(pulled.rejections.size(), 1); // the phone says so under sync problems
    QCOMPARE(pulled.rejections.first().code, QStringLiteral("kept_edited"));
    QCOMPARE(pulled.rejections.first().entityId, draft);
}

void TestSync::oneBatchWorksOnTheSameDraftsInOrderAndIsAudited()
{
    // A device offline made a draft and edited it twice, made another and
    // deleted it: one push, in the order it happened.
    const QString kept = newId(), dropped = newId();
    const QJsonObject made{{QStringLiteral("kind"), QStringLiteral("post")},
                           {QStringLiteral("title"), QStringLiteral("t1")},
                           {QStringLiteral("body"), QStringLiteral("b1")}};
    QJsonObject first = made, second = made;
    first.insert(QStringLiteral("creatorId"), m_one);
    second.insert(QStringLiteral("creatorId"), m_two);
    QJsonObject seenBeforeDelete = Draft::parse(QJsonObject{{QStringLiteral("kind"), QStringLiteral("post")},
                                                            {QStringLiteral("title"), QStringLiteral("t1")},
                                                            {QStringLiteral("body"), QStringLiteral("b1")}})
                                       .value()
                                       .editableFields();
    QJsonObject removal = remove(5, dropped, 0);
    removal.insert(QStringLiteral("base"), seenBeforeDelete);
    const Answer answer = push(
        m_owner, newId(),
        {put(1, kept, first),
         put(2, kept, {{QStringLiteral("title"), QStringLiteral("t2")}}, 0, {{QStringLiteral("title"), QStringLiteral("t1")}}),
         put(3, dropped, second),
         put(4, kept, {{QStringLiteral("body"), QStringLiteral("b2")}}, 0, {{QStringLiteral("body"), QStringLiteral("b1")}}), removal});
    QCOMPARE(answer.status, 200);
    const sync::PushResponse response = sync::PushResponse::fromJson(answer.json);
    QCOMPARE(response.results.size(), 5);
    for (const sync::MutationResult &result : response.results)
        QVERIFY2(result.outcome != QLatin1String("rejected") && result.outcome != QLatin1String("kept_edited")
                     && result.outcome != QLatin1String("conflict"),
                 qPrintable(QStringLiteral("%1: %2 %3").arg(result.id).arg(result.outcome, result.reason)));

    const sync::PullResponse phone = pull(m_owner, newId());
    QVERIFY(find(phone, kept));
    QCOMPARE(find(phone, kept)->title, QStringLiteral("t2"));
    QCOMPARE(find(phone, kept)->body, QStringLiteral("b2"));
    QVERIFY(!find(phone, dropped)); // made and deleted offline: gone, not kept as edited

    // Every step is in the audit log, by the member, about the right creator.
    const Answer log = test::send(m_network, QUrl(m_running.url().toString() + QStringLiteral("/api/agency/audit")), "GET", {}, m_owner);
    QCOMPARE(log.status, 200);
    QMap<QString, QStringList> actionsByDraft;
    for (const QJsonValue &value : log.json.value(QStringLiteral("entries")).toArray()) {
        const AuditEntry entry = AuditEntry::fromJson(value.toObject());
        const QString draft = entry.detail.value(QStringLiteral("draft")).toString();
        if (draft != kept && draft != dropped)
            continue;
        QCOMPARE(entry.actorEmail, QStringLiteral("owner@sync.test"));
        QCOMPARE(entry.creatorId, draft == kept ? m_one : m_two);
        actionsByDraft[draft].prepend(entry.action); // the log lists the latest first
    }
    QCOMPARE(actionsByDraft.value(kept), QStringList(3, QStringLiteral("draft_saved")));
    QCOMPARE(actionsByDraft.value(dropped), (QStringList{QStringLiteral("draft_saved"), QStringLiteral("draft_deleted")}));
}

void TestSync::anIdTakenByADraftNotSeenIsRefusedAlone()
{
    // A draft of creator two, whom the chatter does not see; the chatter's
    // device makes a draft under the same id (and edits it), and another one.
    const QString taken = newId(), fresh = newId();
    newDraft(taken, m_two, {{QStringLiteral("title"), QStringLiteral("Two's own")}});
    const QJsonObject mine{{QStringLiteral("creatorId"), m_one},
                           {QStringLiteral("kind"), QStringLiteral("post")},
                           {QStringLiteral("title"), QStringLiteral("Chatter's")}};
    const Answer answer = push(m_chatter, newId(),
                               {put(1, taken, mine),
                                put(2, taken, {{QStringLiteral("title"), QStringLiteral("Chatter's, edited")}}, 0,
                                    {{QStringLiteral("title"), QStringLiteral("Chatter's")}}),
                                put(3, fresh, mine)});
    QCOMPARE(answer.status, 200);
    const sync::PushResponse response = sync::PushResponse::fromJson(answer.json);
    QCOMPARE(response.lastMutationId, 3);
    QCOMPARE(response.results.size(), 3);
    QCOMPARE(response.results.at(0).outcome, QStringLiteral("rejected"));
    QCOMPARE(response.results.at(1).outcome, QStringLiteral("rejected"));
    QCOMPARE(response.results.at(2).outcome, QStringLiteral("applied"));
    const sync::PullResponse owner = pull(m_owner, newId());
    QCOMPARE(find(owner, taken)->title, QStringLiteral("Two's own"));
    QCOMPARE(find(owner, taken)->creatorId, m_two);
    QCOMPARE(find(owner, fresh)->title, QStringLiteral("Chatter's"));
}

void TestSync::aDeviceDoesNotPullBackWhatItWroteAsItHasIt()
{
    const QString laptop = newId(), phone = newId(), draft = newId();
    const sync::PullResponse start = pull(m_owner, laptop);
    const sync::PullResponse phoneStart = pull(m_owner, phone);
    const QJsonObject made{{QStringLiteral("creatorId"), m_one},
                           {QStringLiteral("kind"), QStringLiteral("post")},
                           {QStringLiteral("title"), QStringLiteral("Mine")},
                           {QStringLiteral("body"), QStringLiteral("one two three")}};
    const sync::PushResponse pushed = sync::PushResponse::fromJson(push(m_owner, laptop, {put(1, draft, made)}).json);
    QCOMPARE(pushed.results.first().outcome, QStringLiteral("applied"));
    const qint64 v1 = pushed.results.first().version;
    // The laptop has it as the server does: its pull leaves it out, yet moves on.
    const sync::PullResponse back = pull(m_owner, laptop, start.cookie, start.creators);
    QVERIFY(!find(back, draft));
    QVERIFY(back.cookie >= v1);
    // Another device gets it, and edits the text.
    const sync::PullResponse there = pull(m_owner, phone, phoneStart.cookie, phoneStart.creators);
    QVERIFY(find(there, draft));
    const sync::PushResponse edited
        = sync::PushResponse::fromJson(push(m_owner, phone,
                                            {put(1, draft, {{QStringLiteral("body"), QStringLiteral("one two three four")}}, v1,
                                                 {{QStringLiteral("body"), QStringLiteral("one two three")}})})
                                           .json);
    QCOMPARE(edited.results.first().outcome, QStringLiteral("applied"));
    const sync::PullResponse theirs = pull(m_owner, laptop, back.cookie, back.creators);
    QVERIFY(find(theirs, draft));
    QCOMPARE(find(theirs, draft)->body, QStringLiteral("one two three four"));
    QVERIFY(!find(pull(m_owner, phone, there.cookie, there.creators), draft));
    // The laptop's title edit on the version before merges: the merged row comes back to it.
    const sync::PushResponse merged
        = sync::PushResponse::fromJson(push(m_owner, laptop,
                                            {put(2, draft, {{QStringLiteral("title"), QStringLiteral("Mine, edited")}}, v1,
                                                 {{QStringLiteral("title"), QStringLiteral("Mine")}})})
                                           .json);
    QCOMPARE(merged.results.first().outcome, QStringLiteral("merged"));
    const std::optional<Draft> both = find(pull(m_owner, laptop, theirs.cookie, theirs.creators), draft);
    QVERIFY(both);
    QCOMPARE(both->title, QStringLiteral("Mine, edited"));
    QCOMPARE(both->body, QStringLiteral("one two three four"));
    // A device new to the creator gets everything, whoever wrote it.
    QVERIFY(find(pull(m_owner, laptop), draft));
}

void TestSync::refusalsAdvanceTheQueueAndAreReported_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("code");
    QTest::newRow("nothing in it") << QStringLiteral(
        "owner") << QJsonObject{{QStringLiteral("kind"), QStringLiteral("post")}, {QStringLiteral("body"), QStringLiteral(" ")}}
                                   << QStringLiteral("validation");
    QTest::newRow("title too long") << QStringLiteral(
        "owner") << QJsonObject{{QStringLiteral("kind"), QStringLiteral("post")}, {QStringLiteral("title"), QString(201, u'x')}}
                                    << QStringLiteral("validation");
    QTest::newRow("no creator named") << QStringLiteral("owner")
                                      << QJsonObject{{QStringLiteral("kind"), QStringLiteral("post")},
                                                     {QStringLiteral("body"), QStringLiteral("x")},
                                                     {QStringLiteral("creatorId"), QJsonValue()}}
                                      << QStringLiteral("validation");
    QTest::newRow("a creator not assigned") << QStringLiteral("chatter")
                                            << QJsonObject{{QStringLiteral("kind"), QStringLiteral("post")},
                                                           {QStringLiteral("body"), QStringLiteral("x")},
                                                           {QStringLiteral("creatorId"), QStringLiteral("two")}}
                                            << QStringLiteral("forbidden");
    QTest::newRow("another agency's creator") << QStringLiteral("owner")
                                              << QJsonObject{{QStringLiteral("kind"), QStringLiteral("post")},
                                                             {QStringLiteral("body"), QStringLiteral("x")},
                                                             {QStringLiteral("creatorId"), QStringLiteral("bravo")}}
                                              << QStringLiteral("forbidden");
    QTest::newRow("a role without drafts") << QStringLiteral(
        "analyst") << QJsonObject{{QStringLiteral("kind"), QStringLiteral("post")}, {QStringLiteral("body"), QStringLiteral("x")}}
                                           << QStringLiteral("forbidden");
}

void TestSync::refusalsAdvanceTheQueueAndAreReported()
{
    QFETCH(QString, who);
    QFETCH(QJsonObject, payload);
    QFETCH(QString, code);
    const QString token = who == QLatin1String("chatter") ? m_chatter : who == QLatin1String("analyst") ? m_analyst : m_owner;
    const QString creator = payload.value(QStringLiteral("creatorId")).toString();
    if (creator == QLatin1String("two"))
        payload.insert(QStringLiteral("creatorId"), m_two);
    else if (creator == QLatin1String("bravo"))
        payload.insert(QStringLiteral("creatorId"), m_bravo);
    else if (!payload.contains(QStringLiteral("creatorId")))
        payload.insert(QStringLiteral("creatorId"), m_one);
    else
        payload.remove(QStringLiteral("creatorId"));
    const QString device = newId();
    const QString refused = newId();
    const QString fine = newId();
    const QJsonObject good{{QStringLiteral("creatorId"), m_one},
                           {QStringLiteral("kind"), QStringLiteral("post")},
                           {QStringLiteral("body"), QStringLiteral("fine")}};
    const Answer answer = push(token, device, {put(1, refused, payload), put(2, fine, good)});
    QCOMPARE(answer.status, 200);
    const sync::PushResponse response = sync::PushResponse::fromJson(answer.json);
    // The queue never sticks: the refused one counts as done, the next one is applied (or refused the same way).
    QCOMPARE(response.lastMutationId, 2);
    QCOMPARE(response.results.first().outcome, QStringLiteral("rejected"));
    QVERIFY(!response.results.first().reason.isEmpty());
    if (who != QLatin1String("analyst"))
        QCOMPARE(response.results.at(1).outcome, QStringLiteral("applied"));
    const sync::PullResponse pulled = pull(token, device);
    QCOMPARE(pulled.lastMutationId, 2);
    QVERIFY(!pulled.rejections.isEmpty());
    QCOMPARE(pulled.rejections.first().mutationId, 1);
    QCOMPARE(pulled.rejections.first().code, code);
    QCOMPARE(pulled.rejections.first().entityId, refused);
    QVERIFY(!find(pull(m_owner, newId()), refused));
    QVERIFY(!find(pull(m_other, newId()), refused));
}

void TestSync::pullsFollowTheMembersRights_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QList<qint64>>("creators"); // filled in from the names below
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<bool>("drafts");
    QTest::addColumn<QStringList>("tables");
    const QStringList everything{QStringLiteral("fans"),  QStringLiteral("fan_earnings"), QStringLiteral("offers"),
                                 QStringLiteral("posts"), QStringLiteral("preferences"),  QStringLiteral("analytics")};
    QTest::newRow("owner: both") << QStringLiteral("owner") << QList<qint64>{} << QStringList{QStringLiteral("one"), QStringLiteral("two")}
                                 << true << everything;
    QTest::newRow("chatter: the one assigned, fans without earnings")
        << QStringLiteral("chatter") << QList<qint64>{} << QStringList{QStringLiteral("one")} << true
        << QStringList{QStringLiteral("fans"), QStringLiteral("posts"), QStringLiteral("preferences")};
    QTest::newRow("analyst: posts of both, no draft")
        << QStringLiteral("analyst") << QList<qint64>{} << QStringList{QStringLiteral("one"), QStringLiteral("two")} << false
        << QStringList{QStringLiteral("posts"), QStringLiteral("preferences")};
    QTest::newRow("another agency: its own") << QStringLiteral("other") << QList<qint64>{} << QStringList{QStringLiteral("bravo")} << true
                                             << everything;
}

void TestSync::pullsFollowTheMembersRights()
{
    QFETCH(QString, who);
    QFETCH(QStringList, names);
    QFETCH(bool, drafts);
    QFETCH(QStringList, tables);
    const QString mark = newId();
    newDraft(newId(), m_one, {{QStringLiteral("body"), mark}});
    newDraft(newId(), m_two, {{QStringLiteral("body"), mark}});
    const QString token = who == QLatin1String("chatter") ? m_chatter
        : who == QLatin1String("analyst")                 ? m_analyst
        : who == QLatin1String("other")                   ? m_other
                                                          : m_owner;
    QList<qint64> expected;
    for (const QString &name : names)
        expected.append(name == QLatin1String("one") ? m_one : name == QLatin1String("two") ? m_two : m_bravo);
    const sync::PullResponse pulled = pull(token, newId());
    QCOMPARE(pulled.creators, expected);
    for (const Draft &draft : pulled.drafts)
        QVERIFY2(expected.contains(draft.creatorId), qPrintable(draft.id));
    const qsizetype marked = std::count_if(pulled.drafts.cbegin(), pulled.drafts.cend(), [&](const Draft &d) { return d.body == mark; });
    QCOMPARE(marked, drafts ? static_cast<qsizetype>(expected.size() - expected.count(m_bravo)) : 0);
    QCOMPARE(pulled.tables, tables);
    for (const CreatorRows &rows : pulled.creatorData)
        QVERIFY(expected.contains(rows.creatorId));
}

void TestSync::aCreatorGainedIsSentWhole()
{
    const QString draft = newId();
    newDraft(draft, m_two, {{QStringLiteral("body"), QStringLiteral("older than the cookie")}});
    const sync::PullResponse first = pull(m_owner, newId());
    // A device that had only creator one, already up to date: creator two's rows come whole, old ones too.
    const sync::PullResponse next = pull(m_owner, newId(), first.cookie, {m_one});
    QVERIFY(find(next, draft));
    QVERIFY(!std::any_of(next.drafts.cbegin(), next.drafts.cend(), [this](const Draft &d) { return d.creatorId == m_one; }));
}

void TestSync::anUnknownCookieResets()
{
    const sync::PullResponse now = pull(m_owner, newId());
    const sync::PullResponse ahead = pull(m_owner, newId(), now.cookie + 1000, now.creators);
    QVERIFY(ahead.reset);
    QCOMPARE(ahead.cookie, now.cookie); // never a cookie the server did not hand out
    QCOMPARE(ahead.drafts.size(), now.drafts.size());
}

void TestSync::aDeviceBelongsToOneMember()
{
    const QString laptop = newId();
    QCOMPARE(push(m_owner, laptop, {}).status, 200);
    const Answer borrowed = push(m_chatter, laptop,
                                 {put(1, newId(),
                                      {{QStringLiteral("creatorId"), m_one},
                                       {QStringLiteral("kind"), QStringLiteral("post")},
                                       {QStringLiteral("body"), QStringLiteral("x")}})});
    QCOMPARE(borrowed.status, 403);
    QCOMPARE(borrowed.errorField(), QStringLiteral("clientId"));
    // Pulling with it tells the other member nothing about the owner's queue.
    QCOMPARE(pull(m_chatter, laptop).lastMutationId, 0);
}

// The poke: a device listening on any instance hears, in moments, that its
// agency's version moved, whichever instance committed the change; a device
// of another agency hears nothing of it; a stream ends when its server stops.
void TestSync::listenersHearTheirAgencysChangesFromEveryInstance()
{
    server::ServerConfig config = m_running.server().config();
    config.port = 0;
    QString error;
    std::unique_ptr<server::HuntazeServer> second = m_running.startAnother(config, &error);
    QVERIFY2(second, qPrintable(error));
    const QUrl secondUrl(QStringLiteral("http://127.0.0.1:%1").arg(second->http().serverPort()));
    // Each instance hears PostgreSQL's notifications once its listener is subscribed.
    QTRY_VERIFY(m_running.server().databaseListener()->isListening());
    QTRY_VERIFY(second->databaseListener()->isListening());

    const std::unique_ptr<EventStream> here = listen(m_running.url(), m_owner);
    const std::unique_ptr<EventStream> there = listen(secondUrl, m_owner);
    const std::unique_ptr<EventStream> otherAgency = listen(m_running.url(), m_other);
    QTRY_COMPARE(here->versions.size(), 1);
    QTRY_COMPARE(there->versions.size(), 1);
    QTRY_COMPARE(otherAgency->versions.size(), 1);
    QCOMPARE(here->reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("text/event-stream"));
    QCOMPARE(here->versions.first(), there->versions.first());

    // A push through the first instance: both of the agency's listeners hear its version.
    const qint64 version = newDraft(newId(), m_one, {{QStringLiteral("title"), QStringLiteral("Poked")}});
    QVERIFY(version > here->versions.first());
    QTRY_COMPARE(here->versions, (QList<qint64>{here->versions.first(), version}));
    QTRY_COMPARE(there->versions, (QList<qint64>{there->versions.first(), version}));

    // The other agency's listener hears only its own agency's push, which came after.
    const Answer theirs = push(m_other, newId(),
                               {put(1, newId(),
                                    {{QStringLiteral("creatorId"), m_bravo},
                                     {QStringLiteral("kind"), QStringLiteral("post")},
                                     {QStringLiteral("title"), QStringLiteral("Theirs")}})});
    QCOMPARE(theirs.status, 200);
    const qint64 theirVersion
        = theirs.json.value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("version")).toInteger();
    QTRY_COMPARE(otherAgency->versions, (QList<qint64>{otherAgency->versions.first(), theirVersion}));

    // A pushed batch of many versions is one event, with its last version.
    QJsonArray batch;
    for (int i = 1; i <= 20; ++i)
        batch.append(put(i, newId(),
                         {{QStringLiteral("creatorId"), m_one},
                          {QStringLiteral("kind"), QStringLiteral("post")},
                          {QStringLiteral("title"), QStringLiteral("Batch %1").arg(i)}}));
    const Answer pushed = push(m_owner, newId(), batch);
    QCOMPARE(pushed.status, 200);
    const qint64 last
        = pushed.json.value(QStringLiteral("results")).toArray().last().toObject().value(QStringLiteral("version")).toInteger();
    QTRY_COMPARE(here->versions.last(), last);
    QCOMPARE(here->versions.size(), 3);

    // The second instance stops: its stream ends, in good order.
    QSignalSpy ended(there->reply.get(), &QNetworkReply::finished);
    const QFuture<void> stopping = second->stop();
    QTRY_VERIFY(stopping.isFinished());
    QTRY_COMPARE(ended.count(), 1);
    QCOMPARE(there->reply->error(), QNetworkReply::NoError);
    QVERIFY(here->reply->isRunning());
}

// A device that reconnects without closing cannot pile streams up: a fifth
// stream of one member ends their oldest.
void TestSync::aMemberHoldsAtMostFourStreams()
{
    server::SyncEventHub &hub = m_running.server().syncEvents();
    // The streams of earlier tests are gone once the server has seen their clients go.
    QTRY_COMPARE(hub.streamCount(), 0);
    const int before = 0;
    std::vector<std::unique_ptr<EventStream>> streams;
    for (int i = 0; i < server::SyncEventHub::maxStreamsPerMember; ++i) {
        streams.push_back(listen(m_running.url(), m_chatter));
        QTRY_COMPARE(streams.back()->versions.size(), 1);
    }
    QCOMPARE(hub.streamCount(), before + server::SyncEventHub::maxStreamsPerMember);
    QSignalSpy oldestEnded(streams.front()->reply.get(), &QNetworkReply::finished);
    streams.push_back(listen(m_running.url(), m_chatter));
    QTRY_COMPARE(streams.back()->versions.size(), 1);
    QTRY_COMPARE(oldestEnded.count(), 1);
    for (std::size_t i = 1; i < streams.size(); ++i)
        QVERIFY(streams[i]->reply->isRunning());
    QCOMPARE(hub.streamCount(), before + server::SyncEventHub::maxStreamsPerMember);
    // Another member's allowance is their own.
    const std::unique_ptr<EventStream> owners = listen(m_running.url(), m_owner);
    QTRY_COMPARE(owners->versions.size(), 1);
    QVERIFY(streams[1]->reply->isRunning());
    // Clients that go free their place.
    streams.clear();
    QTRY_COMPARE(hub.streamCount(), before + 1);
}

// Fans, offers, posts and preferences reach a device: all of them the first
// time, then only what changed; a role that does not see earnings gets fans
// without what they spent (left out, not zeroed); a device that held fans
// without earnings gets them whole once the member may see earnings.
void TestSync::creatorDataIsPulledWholeThenByChange()
{
    const QString owner = signUp(QStringLiteral("data@sync.test"));
    const auto send = [this, owner](const QByteArray &method, const QString &path, const QJsonObject &body) {
        return test::send(m_network, QUrl(m_running.url().toString() + path), method, QJsonDocument(body).toJson(QJsonDocument::Compact),
                          owner);
    };
    const auto fan = [](const QString &name, double spend) {
        return QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("totalSpend"), spend},
                           {QStringLiteral("lastActive"), QStringLiteral("2026-11-01")}};
    };
    QCOMPARE(send("POST", QStringLiteral("/api/fans/import"),
                  {{QStringLiteral("fans"),
                    QJsonArray{fan(QStringLiteral("Ada"), 120), fan(QStringLiteral("Bo"), 15), fan(QStringLiteral("Cy"), 0)}}})
                 .status,
             201);
    QCOMPARE(send("POST", QStringLiteral("/api/offers/import"),
                  {{QStringLiteral("offers"),
                    QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("Set")},
                                           {QStringLiteral("price"), 9.99},
                                           {QStringLiteral("recipients"), 10},
                                           {QStringLiteral("purchases"), 2},
                                           {QStringLiteral("sentOn"), QStringLiteral("2026-11-02")}}}}})
                 .status,
             201);
    QCOMPARE(send("POST", QStringLiteral("/api/posts/import"),
                  {{QStringLiteral("posts"),
                    QJsonArray{QJsonObject{{QStringLiteral("platform"), QStringLiteral("instagram")},
                                           {QStringLiteral("caption"), QStringLiteral("Dawn")},
                                           {QStringLiteral("engagement"), 40},
                                           {QStringLiteral("postedOn"), QStringLiteral("2026-11-03")}}}}})
                 .status,
             201);
    QCOMPARE(send("PUT", QStringLiteral("/api/preferences/currency"), {{QStringLiteral("value"), QStringLiteral("EUR")}}).status, 204);

    const QString device = newId();
    const sync::PullResponse first = pull(owner, device);
    QCOMPARE(first.creatorData.size(), 1);
    const CreatorRows &rows = first.creatorData.first();
    QCOMPARE(rows.fans.size(), 3);
    QCOMPARE(rows.offers.size(), 1);
    QCOMPARE(rows.posts.size(), 1);
    QCOMPARE(rows.preferences.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
    QCOMPARE(std::find_if(rows.fans.cbegin(), rows.fans.cend(), [](const Fan &f) { return f.name == u"Ada"; })->totalSpend, 120.0);
    QVERIFY(!first.next);

    // Held whole: nothing again, then only what changed.
    sync::PullResponse again = pull(owner, device, first.cookie, first.creators, first.tables);
    QVERIFY(again.creatorData.isEmpty());
    QCOMPARE(send("POST", QStringLiteral("/api/fans/import"),
                  {{QStringLiteral("fans"), QJsonArray{fan(QStringLiteral("Di"), 5), fan(QStringLiteral("Ed"), 6)}}})
                 .status,
             201);
    again = pull(owner, device, first.cookie, first.creators, first.tables);
    QCOMPARE(again.creatorData.size(), 1);
    QCOMPARE(again.creatorData.first().fans.size(), 2);
    QVERIFY(again.creatorData.first().offers.isEmpty() && again.creatorData.first().preferences.isEmpty());
    QVERIFY(again.cookie > first.cookie);
    // A device holding fans without what they spent gets them whole now that it may see it.
    QStringList withoutEarnings = first.tables;
    withoutEarnings.removeAll(QStringLiteral("fan_earnings"));
    const sync::PullResponse widened = pull(owner, device, again.cookie, again.creators, withoutEarnings);
    QCOMPARE(widened.creatorData.size(), 1);
    QCOMPARE(widened.creatorData.first().fans.size(), 5);
    QVERIFY(widened.creatorData.first().offers.isEmpty());

    // A chatter's device: fans, with no word of what they spent.
    const qint64 creator = rows.creatorId;
    const QString code = send("POST", QStringLiteral("/api/agency/invitations"),
                              {{QStringLiteral("role"), QStringLiteral("chatter")}, {QStringLiteral("creators"), QJsonArray{creator}}})
                             .json.value(QStringLiteral("code"))
                             .toString();
    const QString chatter = signUp(QStringLiteral("data-chatter@sync.test"), code);
    const Answer raw = call(QStringLiteral("/api/sync/pull"), sync::PullRequest{newId(), 0, {}, {}, std::nullopt}.toJson(), chatter);
    QCOMPARE(raw.status, 200);
    const QJsonArray fans
        = raw.json.value(QStringLiteral("creatorData")).toArray().at(0).toObject().value(QStringLiteral("fans")).toArray();
    QCOMPARE(fans.size(), 5);
    for (const QJsonValue &each : fans) {
        QVERIFY(!each.toObject().contains(QStringLiteral("totalSpend")));
        QVERIFY(!each.toObject().contains(QStringLiteral("lastPurchase")));
    }
    QVERIFY(!raw.json.value(QStringLiteral("creatorData")).toArray().at(0).toObject().value(QStringLiteral("offers")).toArray().size());
}

// A first pull too long for one answer comes in pages, each asked for with
// the previous one's "next"; rows written meanwhile wait for the next pull,
// whose cookie is the first page's.
void TestSync::aLongPullComesInPages()
{
    server::ServerConfig config = m_running.server().config();
    config.port = 0;
    config.syncPageRows = 4;
    QString error;
    std::unique_ptr<server::HuntazeServer> paging = m_running.startAnother(config, &error);
    QVERIFY2(paging, qPrintable(error));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(paging->http().serverPort()));
    const QString owner = signUp(QStringLiteral("pages@sync.test"));
    const auto send = [this, url, owner](const QString &path, const QJsonObject &body) {
        return test::send(m_network, QUrl(url.toString() + path), "POST", QJsonDocument(body).toJson(QJsonDocument::Compact), owner);
    };
    QJsonArray fans;
    for (int i = 0; i < 7; ++i)
        fans.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Fan %1").arg(i)}});
    QCOMPARE(send(QStringLiteral("/api/fans/import"), {{QStringLiteral("fans"), fans}}).status, 201);
    QCOMPARE(send(QStringLiteral("/api/posts/import"),
                  {{QStringLiteral("posts"),
                    QJsonArray{QJsonObject{{QStringLiteral("caption"), QStringLiteral("One")}},
                               QJsonObject{{QStringLiteral("caption"), QStringLiteral("Two")}}}}})
                 .status,
             201);

    sync::PullRequest request{newId(), 0, {}, {}, std::nullopt};
    QList<int> sizes;
    QSet<qint64> fanIds;
    int posts = 0;
    qint64 cookie = -1;
    QList<qint64> creators;
    QStringList tables;
    for (int page = 0; page < 10; ++page) {
        const Answer answer = send(QStringLiteral("/api/sync/pull"), request.toJson());
        QCOMPARE(answer.status, 200);
        const sync::PullResponse response = sync::PullResponse::fromJson(answer.json);
        if (cookie < 0)
            cookie = response.cookie;
        creators = response.creators;
        tables = response.tables;
        QCOMPARE(response.cookie, cookie); // the series' cookie, whatever was written meanwhile
        int rows = 0;
        for (const CreatorRows &creator : response.creatorData) {
            rows += static_cast<int>(creator.fans.size() + creator.posts.size() + creator.offers.size());
            for (const Fan &fan : creator.fans)
                fanIds.insert(fan.id);
            posts += static_cast<int>(creator.posts.size());
        }
        sizes.append(rows);
        if (page == 0) // written during the series: not in it
            QCOMPARE(send(QStringLiteral("/api/fans/import"),
                          {{QStringLiteral("fans"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Late")}}}}})
                         .status,
                     201);
        if (!response.next)
            break;
        request.page = response.next;
    }
    QCOMPARE(sizes, (QList<int>{4, 4, 1}));
    QCOMPARE(fanIds.size(), 7);
    QCOMPARE(posts, 2);
    // The next pull, from the series' cookie, has the late fan alone.
    const sync::PullRequest later{request.clientId, cookie, creators, tables, std::nullopt};
    const sync::PullResponse next = sync::PullResponse::fromJson(send(QStringLiteral("/api/sync/pull"), later.toJson()).json);
    QCOMPARE(next.creatorData.size(), 1);
    QCOMPARE(next.creatorData.first().fans.size(), 1);
    QCOMPARE(next.creatorData.first().fans.first().name, QStringLiteral("Late"));
    QVERIFY(next.creatorData.first().posts.isEmpty());
}

// The analytics roll-ups a device keeps come with its pull, paged by each
// table's key: a series of small pages brings exactly the rows one answer
// brings, none twice; an import during the series waits for the next pull,
// which brings the roll-up rows it changed and no others.
// A device that pushed a draft before its first pull (its cookie still 0)
// holds that draft: deleted elsewhere meanwhile, the device's pull brings
// the tombstone (seed 17 of tst_syncconvergence kept it forever). A device
// new to the creators gets no tombstones.
void TestSync::aDraftPushedBeforeTheFirstPullAndDeletedElsewhereGoes()
{
    const QString laptop = newId();
    const QString draft = newId();
    const QJsonObject fields{{QStringLiteral("creatorId"), m_one},
                             {QStringLiteral("kind"), QStringLiteral("post")},
                             {QStringLiteral("body"), QStringLiteral("pushed before any pull")}};
    const sync::PushResponse made = sync::PushResponse::fromJson(push(m_owner, laptop, {put(1, draft, fields)}).json);
    QCOMPARE(made.results.first().outcome, QStringLiteral("applied"));
    const sync::PushResponse deleted
        = sync::PushResponse::fromJson(push(m_owner, newId(), {remove(1, draft, made.results.first().version)}).json);
    QCOMPARE(deleted.results.first().outcome, QStringLiteral("applied"));
    const std::optional<Draft> gone = find(pull(m_owner, laptop, 0, {m_one, m_two}), draft);
    QVERIFY(gone);
    QVERIFY(gone->deleted);
    QVERIFY(!find(pull(m_owner, newId()), draft));
}

void TestSync::analyticsRollUpsComeInPagesByTheirKeys()
{
    server::ServerConfig config = m_running.server().config();
    config.port = 0;
    config.syncPageRows = 5;
    QString error;
    std::unique_ptr<server::HuntazeServer> paging = m_running.startAnother(config, &error);
    QVERIFY2(paging, qPrintable(error));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(paging->http().serverPort()));
    const QString owner = signUp(QStringLiteral("rollups@sync.test"));
    const auto send = [this, owner](const QUrl &server, const QString &path, const QJsonObject &body) {
        return test::send(m_network, QUrl(server.toString() + path), "POST", QJsonDocument(body).toJson(QJsonDocument::Compact), owner);
    };
    const auto line = [](const QString &at, const QString &kind, double gross, const QString &fan) {
        return QJsonObject{{QStringLiteral("occurredAt"), at},
                           {QStringLiteral("kind"), kind},
                           {QStringLiteral("gross"), gross},
                           {QStringLiteral("currency"), QStringLiteral("USD")},
                           {QStringLiteral("fan"), fan}};
    };
    QJsonArray lines;
    for (int day = 1; day <= 4; ++day) {
        const QString date = QStringLiteral("2026-03-0%1T1%1:00:00Z").arg(day);
        lines.append(line(date, day == 1 ? QStringLiteral("subscription_new") : QStringLiteral("tip"), 5 * day,
                          QStringLiteral("fan %1").arg(day % 3)));
    }
    QCOMPARE(send(url, QStringLiteral("/api/earnings/import"), {{QStringLiteral("earnings"), lines}}).status, 201);

    // Each table's rows by their key ([creatorId, key...]), as a device keeps them.
    using Rows = QMap<QString, QMap<QString, QJsonArray>>;
    const auto keep = [](const sync::PullResponse &response, Rows &into, int *count = nullptr) {
        for (const CreatorRows &creator : response.creatorData) {
            for (auto it = creator.rollUps.constBegin(); it != creator.rollUps.constEnd(); ++it) {
                const SyncedRollUps::Table *table = SyncedRollUps::find(it.key());
                QVERIFY(table);
                for (const QJsonArray &row : it.value()) {
                    QJsonArray key{creator.creatorId};
                    for (int i = 0; i < table->keyColumns; ++i)
                        key.append(row.at(i));
                    const QString id = QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
                    if (count) {
                        QVERIFY2(!into[it.key()].contains(id), qPrintable(it.key() + u' ' + id)); // never twice in a series
                        ++*count;
                    }
                    into[it.key()].insert(id, row);
                }
            }
        }
    };
    const auto fresh = [&] {
        Rows whole;
        const sync::PullRequest once{newId(), 0, {}, {}, std::nullopt};
        const sync::PullResponse answer
            = sync::PullResponse::fromJson(send(m_running.url(), QStringLiteral("/api/sync/pull"), once.toJson()).json);
        if (!answer.next && answer.tables.contains(QStringLiteral("analytics")))
            keep(answer, whole);
        return whole;
    };
    const Rows before = fresh();
    QCOMPARE(before.value(QStringLiteral("earning_days")).size(), 4);
    QCOMPARE(before.value(QStringLiteral("earning_fans")).size(), 3);
    QCOMPARE(before.value(QStringLiteral("earning_fan_days")).size(), 4);
    QCOMPARE(before.value(QStringLiteral("earning_subscriber_days")).size(), 1);
    QVERIFY(before.value(QStringLiteral("earning_spender_days")).size() >= 5);

    sync::PullRequest request{newId(), 0, {}, {}, std::nullopt};
    Rows paged;
    int sent = 0;
    int pages = 0;
    qint64 cookie = -1;
    sync::PullResponse last;
    for (; pages < 40; ++pages) {
        const Answer answer = send(url, QStringLiteral("/api/sync/pull"), request.toJson());
        QCOMPARE(answer.status, 200);
        last = sync::PullResponse::fromJson(answer.json);
        if (cookie < 0)
            cookie = last.cookie;
        QCOMPARE(last.cookie, cookie);
        keep(last, paged, &sent);
        if (pages == 0) // during the series: a new day, and more from fan 1
            QCOMPARE(send(url, QStringLiteral("/api/earnings/import"),
                          {{QStringLiteral("earnings"),
                            QJsonArray{line(QStringLiteral("2026-03-09T12:00:00Z"), QStringLiteral("tip"), 7, QStringLiteral("fan 1"))}}})
                         .status,
                     201);
        if (!last.next)
            break;
        request.page = last.next;
    }
    QVERIFY2(pages > 3, "the roll-ups took several pages");
    // Rows the late line changed wait for the next pull (their version is past the series').
    QVERIFY(sent < [&] {
        int all = 0;
        for (const auto &table : fresh())
            all += static_cast<int>(table.size());
        return all;
    }());

    // The next pull brings what the late line changed (its day, its fan's
    // row, which it updated, and its fan's day), and no other row.
    sync::PullRequest later{request.clientId, cookie, last.creators, last.tables, std::nullopt};
    Rows changed;
    for (int page = 0; page < 40; ++page) {
        const sync::PullResponse answer = sync::PullResponse::fromJson(send(url, QStringLiteral("/api/sync/pull"), later.toJson()).json);
        keep(answer, changed);
        if (!answer.next)
            break;
        later.page = answer.next;
    }
    QCOMPARE(changed.value(QStringLiteral("earning_days")).size(), 1);
    QCOMPARE(changed.value(QStringLiteral("earning_days")).first().at(0).toString(), QStringLiteral("2026-03-09"));
    QCOMPARE(changed.value(QStringLiteral("earning_fans")).size(), 1);
    QCOMPARE(changed.value(QStringLiteral("earning_fans")).first().at(0).toString(), QStringLiteral("fan 1"));
    QCOMPARE(changed.value(QStringLiteral("earning_fan_days")).size(), 1);
    QVERIFY(!changed.contains(QStringLiteral("earning_subscriber_days")));
    // Together: exactly what a device new to the creator gets now.
    for (auto it = changed.constBegin(); it != changed.constEnd(); ++it) {
        for (auto row = it.value().constBegin(); row != it.value().constEnd(); ++row)
            paged[it.key()].insert(row.key(), row.value());
    }
    const Rows now = fresh();
    QCOMPARE(paged.keys(), now.keys());
    for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
        const QMap<QString, QJsonArray> kept = paged.value(it.key());
        for (auto row = it.value().constBegin(); row != it.value().constEnd(); ++row)
            QVERIFY2(kept.value(row.key()) == row.value(),
                     qPrintable(it.key() + QStringLiteral(": ") + row.key() + QStringLiteral(" kept as ")
                                + QString::fromUtf8(QJsonDocument(kept.value(row.key())).toJson(QJsonDocument::Compact))));
        QCOMPARE(kept.keys(), it.value().keys());
    }
}

void TestSync::aPreferenceSetOnADeviceIsTakenMergedOrKept_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("seen"); // what the device replaced
    QTest::addColumn<QJsonValue>("meanwhile"); // set on the server since (Undefined: nothing)
    QTest::addColumn<QJsonValue>("mine");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QJsonValue>("kept");
    const QJsonValue none(QJsonValue::Undefined);
    const QJsonArray words{QStringLiteral("cash"), QStringLiteral("venmo")};
    QTest::newRow("nobody else changed it") << QStringLiteral("tone.a") << QJsonValue(QStringLiteral("warm")) << none
                                            << QJsonValue(QStringLiteral("playful")) << QStringLiteral("applied")
                                            << QJsonValue(QStringLiteral("playful"));
    QTest::newRow("changed alike elsewhere") << QStringLiteral("tone.b") << QJsonValue(QStringLiteral("warm"))
                                             << QJsonValue(QStringLiteral("playful")) << QJsonValue(QStringLiteral("playful"))
                                             << QStringLiteral("unchanged") << QJsonValue(QStringLiteral("playful"));
    QTest::newRow("lists changed both ways merge")
        << QStringLiteral("words.c") << QJsonValue(words)
        << QJsonValue(QJsonArray{QStringLiteral("cash"), QStringLiteral("venmo"), QStringLiteral("paypal")})
        << QJsonValue(QJsonArray{QStringLiteral("venmo"), QStringLiteral("zelle")}) << QStringLiteral("merged")
        << QJsonValue(QJsonArray{QStringLiteral("venmo"), QStringLiteral("paypal"), QStringLiteral("zelle")});
    QTest::newRow("a value changed both ways stays the server's")
        << QStringLiteral("currency.d") << QJsonValue(QStringLiteral("USD")) << QJsonValue(QStringLiteral("GBP"))
        << QJsonValue(QStringLiteral("EUR")) << QStringLiteral("rejected") << QJsonValue(QStringLiteral("GBP"));
    QTest::newRow("never set before") << QStringLiteral("tone.e") << QJsonValue() << none << QJsonValue(QStringLiteral("calm"))
                                      << QStringLiteral("applied") << QJsonValue(QStringLiteral("calm"));
}

// A preference set offline goes up like a draft edit (entity "preference",
// named by its key): the server takes it when its value is still the one the
// device replaced, merges lists changed both ways, and keeps its own value
// otherwise, telling the device why.
void TestSync::aPreferenceSetOnADeviceIsTakenMergedOrKept()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, seen);
    QFETCH(QJsonValue, meanwhile);
    QFETCH(QJsonValue, mine);
    QFETCH(QString, outcome);
    QFETCH(QJsonValue, kept);
    const auto setOnServer = [this, &key](const QJsonValue &value) {
        return test::send(m_network, QUrl(m_running.url().toString() + QStringLiteral("/api/preferences/") + key), "PUT",
                          QJsonDocument(QJsonObject{{QStringLiteral("value"), value}}).toJson(QJsonDocument::Compact), m_owner)
            .status;
    };
    if (!seen.isNull())
        QCOMPARE(setOnServer(seen), 204);
    if (!meanwhile.isUndefined())
        QCOMPARE(setOnServer(meanwhile), 204);
    const QString device = newId();
    const QJsonObject mutation{
        {QStringLiteral("id"), 1},
        {QStringLiteral("entity"), QStringLiteral("preference")},
        {QStringLiteral("entityId"), key},
        {QStringLiteral("baseVersion"), 0},
        {QStringLiteral("op"), QStringLiteral("put")},
        {QStringLiteral("payload"), QJsonObject{{QStringLiteral("creatorId"), m_one}, {QStringLiteral("value"), mine}}},
        {QStringLiteral("base"), QJsonObject{{QStringLiteral("value"), seen}}}};
    const Answer answer = push(m_owner, device, {mutation});
    QCOMPARE(answer.status, 200);
    const sync::PushResponse response = sync::PushResponse::fromJson(answer.json);
    QCOMPARE(response.results.first().outcome, outcome);
    const Answer stored
        = test::send(m_network, QUrl(m_running.url().toString() + QStringLiteral("/api/preferences/") + key), "GET", {}, m_owner);
    QCOMPARE(stored.json.value(QStringLiteral("value")), kept);
    // Another device's pull carries the value kept; the sending one hears why its own was not.
    const sync::PullResponse elsewhere = pull(m_owner, newId());
    const auto rows = std::find_if(elsewhere.creatorData.cbegin(), elsewhere.creatorData.cend(),
                                   [this](const CreatorRows &creator) { return creator.creatorId == m_one; });
    QVERIFY(rows != elsewhere.creatorData.cend());
    QCOMPARE(rows->preferences.value(key), kept);
    const sync::PullResponse back = pull(m_owner, device);
    QCOMPARE(back.rejections.size(), outcome == QLatin1String("rejected") ? 1 : 0);
    if (outcome == QLatin1String("rejected"))
        QCOMPARE(back.rejections.first().code, QStringLiteral("kept_other"));
}

// Fans, offers and posts imported offline reach the server as mutations:
// added as an online import adds them, audited with the device and mutation,
// once however often the push is sent, and pulled by the other devices.
void TestSync::rowsImportedOnADeviceArriveOnce()
{
    const QString owner = signUp(QStringLiteral("imports@sync.test"));
    const qint64 creator = pull(owner, newId()).creators.value(0);
    QVERIFY(creator > 0);
    const QString laptop = newId(), fansImport = newId(), offersImport = newId(), postsImport = newId();
    const QJsonArray mutations{
        imported(
            1, QStringLiteral("fans"), fansImport, creator,
            {QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}, {QStringLiteral("totalSpend"), 12.5}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("Bo")}, {QStringLiteral("tags"), QJsonArray{QStringLiteral("vip")}}}}),
        imported(2, QStringLiteral("fans"), fansImport, creator, {QJsonObject{{QStringLiteral("name"), QStringLiteral("Cy")}}}),
        imported(3, QStringLiteral("offers"), offersImport, creator,
                 {QJsonObject{{QStringLiteral("title"), QStringLiteral("Set")},
                              {QStringLiteral("price"), 9.99},
                              {QStringLiteral("recipients"), 10},
                              {QStringLiteral("purchases"), 2}}}),
        imported(
            4, QStringLiteral("posts"), postsImport, creator,
            {QJsonObject{{QStringLiteral("platform"), QStringLiteral("instagram")}, {QStringLiteral("caption"), QStringLiteral("Dawn")}}})};
    for (int attempt = 0; attempt < 2; ++attempt) { // the answer lost: sent again as it was
        const Answer answer = push(owner, laptop, mutations);
        QCOMPARE(answer.status, 200);
        const sync::PushResponse response = sync::PushResponse::fromJson(answer.json);
        QCOMPARE(response.lastMutationId, 4);
        QCOMPARE(response.results.size(), attempt == 0 ? 4 : 0);
        for (const sync::MutationResult &result : response.results)
            QCOMPARE(result.outcome, QStringLiteral("applied"));
    }
    const sync::PullResponse phone = pull(owner, newId());
    QCOMPARE(phone.creatorData.size(), 1);
    const CreatorRows &rows = phone.creatorData.first();
    QStringList names;
    for (const Fan &fan : rows.fans)
        names.append(fan.name);
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("Ada"), QStringLiteral("Bo"), QStringLiteral("Cy")}));
    QCOMPARE(rows.offers.size(), 1);
    QCOMPARE(rows.offers.first().price, 9.99);
    QCOMPARE(rows.posts.size(), 1);
    QCOMPARE(rows.posts.first().caption, QStringLiteral("Dawn"));

    // One audit entry per mutation, naming the device and the mutation.
    const Answer log = test::send(m_network, QUrl(m_running.url().toString() + QStringLiteral("/api/agency/audit")), "GET", {}, owner);
    QCOMPARE(log.status, 200);
    QList<qint64> audited;
    for (const QJsonValue &value : log.json.value(QStringLiteral("entries")).toArray()) {
        const AuditEntry entry = AuditEntry::fromJson(value.toObject());
        if (entry.action != audit::imported)
            continue;
        QCOMPARE(entry.detail.value(QStringLiteral("client")).toString(), laptop);
        QCOMPARE(entry.creatorId, creator);
        audited.prepend(entry.detail.value(QStringLiteral("mutation")).toInteger());
    }
    QCOMPARE(audited, (QList<qint64>{1, 2, 3, 4}));
}

void TestSync::importsRefusedForGoodAreReported_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("creator");
    QTest::addColumn<QJsonObject>("mutation");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("reason"); // a part of it
    const QJsonArray ada{QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}}};
    const auto fans = [](const QJsonArray &rows) { return imported(1, QStringLiteral("fans"), newId(), 0, rows); };
    QTest::newRow("a row the rules refuse") << QStringLiteral("owner") << QStringLiteral("one")
                                            << fans({QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}},
                                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("  ")}}})
                                            << QStringLiteral("validation") << QStringLiteral("fans[1].name");
    QTest::newRow("a price of nothing") << QStringLiteral("owner") << QStringLiteral("one")
                                        << imported(1, QStringLiteral("offers"), newId(), 0,
                                                    {QJsonObject{{QStringLiteral("title"), QStringLiteral("Free")},
                                                                 {QStringLiteral("price"), 0},
                                                                 {QStringLiteral("recipients"), 1}}})
                                        << QStringLiteral("validation") << QStringLiteral("offers[0].price");
    QJsonObject deletion = fans(ada);
    deletion.insert(QStringLiteral("op"), QStringLiteral("delete"));
    QTest::newRow("deleted") << QStringLiteral("owner") << QStringLiteral("one") << deletion << QStringLiteral("validation")
                             << QStringLiteral("not deleted");
    QTest::newRow("no creator named") << QStringLiteral("owner") << QString() << fans(ada) << QStringLiteral("validation")
                                      << QStringLiteral("creatorId");
    QTest::newRow("a role without imports") << QStringLiteral("chatter") << QStringLiteral("one") << fans(ada)
                                            << QStringLiteral("forbidden") << QString();
    QTest::newRow("another agency's creator") << QStringLiteral("owner") << QStringLiteral("bravo") << fans(ada)
                                              << QStringLiteral("forbidden") << QString();
}

void TestSync::importsRefusedForGoodAreReported()
{
    QFETCH(QString, who);
    QFETCH(QString, creator);
    QFETCH(QJsonObject, mutation);
    QFETCH(QString, code);
    QFETCH(QString, reason);
    const QString token = who == QLatin1String("chatter") ? m_chatter : m_owner;
    QJsonObject payload = mutation.value(QStringLiteral("payload")).toObject();
    const qint64 target = creator == QLatin1String("bravo") ? m_bravo : m_one;
    if (creator.isEmpty())
        payload.remove(QStringLiteral("creatorId"));
    else
        payload.insert(QStringLiteral("creatorId"), target);
    mutation.insert(QStringLiteral("payload"), payload);
    const auto fanCount = [this, target] {
        const Answer listed = test::send(m_network, QUrl(m_running.url().toString() + QStringLiteral("/api/fans?creator=%1").arg(target)),
                                         "GET", {}, target == m_bravo ? m_other : m_owner);
        return listed.json.value(QStringLiteral("fans")).toArray().size();
    };
    const qsizetype before = fanCount();
    const QString device = newId();
    const Answer answer = push(token, device, {mutation});
    QCOMPARE(answer.status, 200);
    const sync::PushResponse response = sync::PushResponse::fromJson(answer.json);
    QCOMPARE(response.lastMutationId, 1); // the queue goes on
    QCOMPARE(response.results.size(), 1);
    QCOMPARE(response.results.first().outcome, QStringLiteral("rejected"));
    QVERIFY2(response.results.first().reason.contains(reason), qPrintable(response.results.first().reason));
    const sync::PullResponse pulled = pull(token, device);
    QCOMPARE(pulled.rejections.size(), 1);
    QCOMPARE(pulled.rejections.first().code, code);
    QCOMPARE(pulled.rejections.first().entity, mutation.value(QStringLiteral("entity")).toString());
    QCOMPARE(fanCount(), before); // nothing of it was added
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
