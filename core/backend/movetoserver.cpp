#include "movetoserver.h"

#include "common/async.h"
#include "net/apierrors.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace huntaze {

namespace {

const QString profileStep = QStringLiteral("profile");
const QString preferencesStep = QStringLiteral("preferences");
const QString fansStep = QStringLiteral("fans");
const QString offersStep = QStringLiteral("offers");
const QString postsStep = QStringLiteral("posts");
const QString earningsStep = QStringLiteral("earnings");
const QString messagesStep = QStringLiteral("messages");
const QString engagementStep = QStringLiteral("engagement");
const QString draftsStep = QStringLiteral("drafts");

template <typename T> QFuture<Result<void>> withoutValue(QFuture<Result<T>> future, QObject *context)
{
    return chainOn<Result<void>>(future, context, [](const Result<T> &result) {
        return readyFuture(result.ok() ? Result<void>::success() : Result<void>(result.error()));
    });
}

// What a page of lines did: where the next starts (0: none left) and how many went.
struct PageMoved {
    qint64 next = 0;
    qint64 lines = 0;
};

// Reads a page, then imports it (an empty page asks nothing of the server).
template <typename Line>
QFuture<Result<PageMoved>> readThenImport(QFuture<Result<LinePage<Line>>> reading, QObject *context,
                                          std::function<QFuture<Result<int>>(QList<Line>)> import)
{
    return chainOn<Result<PageMoved>>(reading, context, [context, import = std::move(import)](const Result<LinePage<Line>> &page) {
        if (!page.ok())
            return readyFuture<PageMoved>(page.error());
        const PageMoved moved{page.value().next, page.value().lines.size()};
        if (page.value().lines.isEmpty())
            return readyFuture<PageMoved>(moved);
        return chainOn<Result<PageMoved>>(import(page.value().lines), context, [moved](const Result<int> &imported) {
            return readyFuture<PageMoved>(imported.ok() ? Result<PageMoved>(moved) : Result<PageMoved>(imported.error()));
        });
    });
}

Error stoppedError()
{
    Error error = apierrors::cancelled();
    error.message = QCoreApplication::translate("huntaze::MoveToServer",
                                                "The move was stopped. What moved is on the server; moving again goes on from there.");
    return error;
}

} // namespace

MoveToServer::MoveToServer(EmbeddedBackend &from, RemoteBackend &to, QString journalPath, QObject *parent)
    : QObject(parent), m_from(from), m_to(to), m_journalPath(std::move(journalPath))
{}

MoveToServer::~MoveToServer()
{
    if (m_promise)
        fail(stoppedError());
}

QFuture<Result<MoveReport>> MoveToServer::run()
{
    m_promise = std::make_shared<QPromise<Result<MoveReport>>>();
    m_promise->start();
    QFuture<Result<MoveReport>> future = m_promise->future();
    m_cancelled = false;
    m_creators.clear();
    m_total = 0;
    m_moved = 0;
    m_journal = {};
    m_creatorJournals.clear();
    if (QFile file(m_journalPath); file.open(QIODevice::ReadOnly))
        m_journal = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject creators = m_journal.value(QStringLiteral("creators")).toObject();
    for (auto it = creators.constBegin(); it != creators.constEnd(); ++it)
        m_creatorJournals.insert(it.key(), it.value().toObject());
    onFinished(m_from.currentUser(), this, [this](const Result<User> &here) {
        if (!here.ok())
            return fail(here.error());
        onFinished(m_to.currentUser(), this, [this, here = here.value()](const Result<User> &there) {
            if (!there.ok())
                return fail(there.error());
            m_memberHere = here.id;
            m_memberThere = there.value().id;
            m_creatorsThere.clear();
            for (const huntaze::Creator &creator : there.value().creators)
                m_creatorsThere.append(creator.id);
            readCreators(here, there.value(), 0);
        });
    });
    return future;
}

void MoveToServer::readCreators(const User &here, const User &there, qsizetype index)
{
    if (stopped())
        return;
    if (index == here.creators.size()) {
        m_promise->setProgressRange(0, static_cast<int>(std::min<qint64>(m_total, std::numeric_limits<int>::max())));
        advance(0);
        moveCreator(0);
        return;
    }
    const qint64 id = here.creators.at(index).id;
    onFinished(m_from.holdingsToMove(id), this, [this, here, there, index, id](const Result<CreatorExport::Holdings> &holdings) {
        if (!holdings.ok())
            return fail(holdings.error());
        const CreatorExport::Holdings &held = holdings.value();
        m_creators.append({id, held});
        const QHash<QString, qint64> rows{{fansStep, held.fans.size()},           {offersStep, held.offers.size()},
                                          {postsStep, held.posts.size()},         {draftsStep, held.drafts.size()},
                                          {earningsStep, held.lines.earnings},    {messagesStep, held.lines.messages},
                                          {engagementStep, held.lines.engagement}};
        // What an earlier move sent counts as moved.
        const QJsonObject &journal = journalOf(id);
        const QJsonArray finished = journal.value(QStringLiteral("done")).toArray();
        for (auto it = rows.constBegin(); it != rows.constEnd(); ++it) {
            m_total += it.value();
            if (finished.contains(it.key()))
                m_moved += it.value();
            else
                m_moved += journal.value(it.key()).toObject().value(QStringLiteral("moved")).toInteger();
        }
        readCreators(here, there, index + 1);
    });
}

void MoveToServer::moveCreator(qsizetype index)
{
    if (stopped())
        return;
    if (index == m_creators.size())
        return finishMove();
    onFinished(targetOf(index), this, [this, index](const Result<qint64> &target) {
        if (!target.ok())
            return fail(target.error());
        const Creator &creator = m_creators.at(index);
        const CreatorExport::Holdings &held = creator.holdings;
        const qint64 there = target.value();
        m_to.selectCreator(there);
        auto steps = std::make_shared<QList<std::pair<QString, Step>>>();
        steps->append({profileStep, [this, held] { return withoutValue(m_to.updateProfile(held.profile), this); }});
        // Before the lines: their days are the creator's, in their time zone, and their currency must be theirs.
        steps->append({preferencesStep, [this, held] {
                           QList<QFuture<Result<void>>> saving;
                           for (auto it = held.preferences.constBegin(); it != held.preferences.constEnd(); ++it)
                               saving.append(m_to.setCreatorPreference(it.key(), it.value()));
                           return allOf(saving);
                       }});
        steps->append({fansStep, [this, held] {
                           if (held.fans.isEmpty())
                               return readyFuture(Result<void>::success());
                           return counted(m_to.importFans(held.fans), held.fans.size());
                       }});
        steps->append({offersStep, [this, held] {
                           if (held.offers.isEmpty())
                               return readyFuture(Result<void>::success());
                           return counted(m_to.importOffers(held.offers), held.offers.size());
                       }});
        steps->append({postsStep, [this, held] {
                           if (held.posts.isEmpty())
                               return readyFuture(Result<void>::success());
                           return counted(m_to.importPosts(held.posts), held.posts.size());
                       }});
        for (const QString &kind : {earningsStep, messagesStep, engagementStep})
            steps->append({kind, [this, kind, here = creator.here] { return moveLines(kind, here); }});
        steps->append({draftsStep, [this, held, there] { return moveDrafts(held.drafts, there); }});
        runSteps(steps, 0, creator.here, [this, index] { moveCreator(index + 1); });
    });
}

QFuture<Result<qint64>> MoveToServer::targetOf(qsizetype index)
{
    const Creator &creator = m_creators.at(index);
    if (const qint64 known = journalOf(creator.here).value(QStringLiteral("to")).toInteger(); known != 0)
        return readyFuture<qint64>(known);
    const auto kept = [this, here = creator.here](const Result<qint64> &target) {
        if (!target.ok())
            return readyFuture<qint64>(target.error());
        journalOf(here).insert(QStringLiteral("to"), target.value());
        if (Result<void> saved = saveJournal(); !saved.ok())
            return readyFuture<qint64>(saved.error());
        return readyFuture<qint64>(target.value());
    };
    const auto added = [this, profile = creator.holdings.profile, kept] {
        QFuture<Result<huntaze::Creator>> adding = m_to.addCreator(profile);
        return chainOn<Result<qint64>>(adding, this, [kept](const Result<huntaze::Creator> &made) {
            return kept(made.ok() ? Result<qint64>(made.value().id) : Result<qint64>(made.error()));
        });
    };
    // The member's own creator on the server, when it holds nothing yet, takes the first creator here.
    const bool claimed = std::any_of(m_creatorJournals.cbegin(), m_creatorJournals.cend(), [this](const QJsonObject &moved) {
        return m_creatorsThere.contains(moved.value(QStringLiteral("to")).toInteger());
    });
    if (index != 0 || m_creatorsThere.size() != 1 || claimed)
        return added();
    const qint64 own = m_creatorsThere.first();
    m_to.selectCreator(own);
    QFuture<Result<QList<Fan>>> fans = m_to.fans();
    return chainOn<Result<qint64>>(fans, this, [this, own, kept, added](const Result<QList<Fan>> &fans) {
        if (!fans.ok())
            return readyFuture<qint64>(fans.error());
        QFuture<Result<QList<Post>>> posts = m_to.posts();
        return chainOn<Result<qint64>>(posts, this, [own, kept, added, noFans = fans.value().isEmpty()](const Result<QList<Post>> &posts) {
            if (!posts.ok())
                return readyFuture<qint64>(posts.error());
            return noFans && posts.value().isEmpty() ? kept(own) : added();
        });
    });
}

void MoveToServer::runSteps(std::shared_ptr<QList<std::pair<QString, Step>>> steps, qsizetype index, qint64 here,
                            std::function<void()> next)
{
    if (stopped())
        return;
    if (index == steps->size())
        return next();
    const QString name = steps->at(index).first;
    if (journalOf(here).value(QStringLiteral("done")).toArray().contains(name))
        return runSteps(steps, index + 1, here, std::move(next));
    onFinished(steps->at(index).second(), this, [this, steps, index, here, name, next = std::move(next)](const Result<void> &moved) {
        if (!moved.ok())
            return fail(moved.error());
        QJsonObject &journal = journalOf(here);
        QJsonArray finished = journal.value(QStringLiteral("done")).toArray();
        finished.append(name);
        journal.insert(QStringLiteral("done"), finished);
        journal.remove(name); // a finished kind of lines needs no page mark
        if (Result<void> saved = saveJournal(); !saved.ok())
            return fail(saved.error());
        runSteps(steps, index + 1, here, next);
    });
}

QFuture<Result<void>> MoveToServer::counted(QFuture<Result<int>> importing, qint64 rows)
{
    return chainOn<Result<void>>(importing, this, [this, rows](const Result<int> &imported) {
        if (!imported.ok())
            return readyFuture(Result<void>(imported.error()));
        advance(rows);
        return readyFuture(Result<void>::success());
    });
}

QFuture<Result<void>> MoveToServer::allOf(const QList<QFuture<Result<void>>> &futures)
{
    auto promise = std::make_shared<QPromise<Result<void>>>();
    promise->start();
    QFuture<Result<void>> all = promise->future();
    auto left = std::make_shared<qsizetype>(futures.size());
    auto firstError = std::make_shared<std::optional<Error>>();
    if (futures.isEmpty()) {
        promise->addResult(Result<void>::success());
        promise->finish();
    }
    for (const QFuture<Result<void>> &future : futures) {
        onFinished(future, this, [promise, left, firstError](const Result<void> &result) {
            if (!result.ok() && !*firstError)
                *firstError = result.error();
            if (--*left > 0)
                return;
            promise->addResult(*firstError ? Result<void>(**firstError) : Result<void>::success());
            promise->finish();
        });
    }
    return all;
}

QFuture<Result<void>> MoveToServer::moveLines(const QString &kind, qint64 here)
{
    auto promise = std::make_shared<QPromise<Result<void>>>();
    promise->start();
    QFuture<Result<void>> moving = promise->future();
    moveLinePage(kind, here, promise);
    return moving;
}

void MoveToServer::moveLinePage(const QString &kind, qint64 here, std::shared_ptr<QPromise<Result<void>>> promise)
{
    const QJsonObject mark = journalOf(here).value(kind).toObject();
    const qint64 after = mark.value(QStringLiteral("after")).toInteger();
    // The member who moves sent on this computer what they sent; the others here are not on the server.
    const auto member = [memberHere = m_memberHere, memberThere = m_memberThere](qint64 id) { return id == memberHere ? memberThere : 0; };
    QFuture<Result<PageMoved>> page;
    if (kind == earningsStep) {
        page = readThenImport<analytics::EarningEvent>(m_from.earningsToMove(here, after, m_linesPerPage), this,
                                                       [this, member](QList<analytics::EarningEvent> lines) {
                                                           for (analytics::EarningEvent &line : lines)
                                                               line.memberId = member(line.memberId);
                                                           return m_to.importEarnings(lines);
                                                       });
    } else if (kind == messagesStep) {
        page = readThenImport<analytics::MessageEvent>(m_from.messagesToMove(here, after, m_linesPerPage), this,
                                                       [this, member](QList<analytics::MessageEvent> lines) {
                                                           for (analytics::MessageEvent &line : lines)
                                                               line.memberId = member(line.memberId);
                                                           return m_to.importMessages(lines);
                                                       });
    } else {
        page = readThenImport<analytics::PostEngagement>(
            m_from.engagementToMove(here, after, m_linesPerPage), this,
            [this](QList<analytics::PostEngagement> lines) { return m_to.importEngagement(lines); });
    }
    onFinished(page, this, [this, kind, here, promise, mark](const Result<PageMoved> &moved) {
        if (!moved.ok()) {
            promise->addResult(moved.error());
            promise->finish();
            return;
        }
        advance(moved.value().lines);
        if (moved.value().next == 0) { // the last page: runSteps marks the kind done
            promise->addResult(Result<void>::success());
            promise->finish();
            return;
        }
        journalOf(here).insert(
            kind,
            QJsonObject{{QStringLiteral("after"), moved.value().next},
                        {QStringLiteral("moved"), mark.value(QStringLiteral("moved")).toInteger() + moved.value().lines}});
        Result<void> saved = saveJournal();
        if (!saved.ok() || m_cancelled || !m_promise || m_promise->isCanceled()) {
            promise->addResult(saved.ok() ? Result<void>(stoppedError()) : saved);
            promise->finish();
            return;
        }
        moveLinePage(kind, here, promise);
    });
}

QFuture<Result<void>> MoveToServer::moveDrafts(const QList<Draft> &drafts, qint64 target)
{
    // Into the replica's outbox under their own ids: saved again, a draft already there changes nothing.
    QList<QFuture<Result<void>>> saving;
    saving.reserve(drafts.size());
    for (Draft draft : drafts) {
        draft.creatorId = target;
        saving.append(withoutValue(m_to.saveDraft(draft), this));
    }
    return counted(chainOn<Result<int>>(allOf(saving), this,
                                        [count = drafts.size()](const Result<void> &saved) {
                                            return readyFuture<int>(saved.ok() ? Result<int>(static_cast<int>(count))
                                                                               : Result<int>(saved.error()));
                                        }),
                   drafts.size());
}

void MoveToServer::finishMove()
{
    const auto report = [this] {
        m_journal.insert(QStringLiteral("finished"), true);
        if (Result<void> saved = saveJournal(); !saved.ok())
            return fail(saved.error());
        m_promise->setProgressValue(m_promise->future().progressMaximum());
        m_promise->addResult(MoveReport{static_cast<int>(m_creators.size()), m_moved});
        m_promise->finish();
        m_promise.reset();
    };
    sync::SyncEngine *engine = m_to.syncEngine();
    if (!engine)
        return report();
    // The drafts (and the fans, offers and posts once the replica holds them) leave the outbox before the move says it is done.
    onFinished(engine->syncNow(), this, [this, engine, report](bool) {
        if (engine->status().pending > 0)
            return fail(Error{ErrorCode::Network,
                              QCoreApplication::translate("huntaze::MoveToServer",
                                                          "Part of what was moved is kept on this computer but did not reach the "
                                                          "server yet; it will once the server answers."),
                              {},
                              {}});
        report();
    });
}

void MoveToServer::fail(const Error &error)
{
    if (!m_promise)
        return;
    m_promise->addResult(error);
    m_promise->finish();
    m_promise.reset();
}

bool MoveToServer::stopped()
{
    if (!m_promise)
        return true;
    if (!m_cancelled && !m_promise->isCanceled())
        return false;
    fail(stoppedError());
    return true;
}

void MoveToServer::advance(qint64 rows)
{
    m_moved += rows;
    if (m_promise)
        m_promise->setProgressValue(static_cast<int>(std::min<qint64>(m_moved, std::numeric_limits<int>::max())));
}

QJsonObject &MoveToServer::journalOf(qint64 here)
{
    return m_creatorJournals[QString::number(here)];
}

Result<void> MoveToServer::saveJournal()
{
    QJsonObject creators;
    for (auto it = m_creatorJournals.constBegin(); it != m_creatorJournals.constEnd(); ++it)
        creators.insert(it.key(), it.value());
    m_journal.insert(QStringLiteral("creators"), creators);
    QDir().mkpath(QFileInfo(m_journalPath).absolutePath());
    QSaveFile file(m_journalPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(m_journal).toJson(QJsonDocument::Compact)) < 0 || !file.commit())
        return Error{ErrorCode::Storage,
                     QCoreApplication::translate("huntaze::MoveToServer", "Could not note what moved in %1: %2")
                         .arg(QDir::toNativeSeparators(m_journalPath), file.errorString()),
                     {},
                     {}};
    return Result<void>::success();
}

} // namespace huntaze
