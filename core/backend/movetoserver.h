#pragma once

#include "backend/embeddedbackend.h"
#include "backend/remotebackend.h"

#include <QJsonObject>
#include <QObject>
#include <QPromise>

#include <functional>
#include <memory>

namespace huntaze {

// What a move sent.
struct MoveReport {
    int creators = 0;
    qint64 rows = 0; // fans, offers, posts, drafts and lines
    bool signInNeeded = false; // the keychain could not keep the server's session (ServerMove)
};

// Moves what the signed-in member keeps on this computer (the embedded
// backend) to a huntaze-server (issue 13), once; from then on the server's
// replica syncs as any other. Each creator here becomes one of the member's
// creators there (the first one takes the member's own creator when it holds
// nothing yet) with its profile, preferences, fans, offers, posts, statement,
// message and engagement lines, and drafts (through the replica's outbox,
// under their own ids). The team members of this computer are not moved:
// lines they sent go as the creator's.
//
// Resumable: a journal file says which creator became which and what moved,
// so moving again after a cancel or a failure goes on where it stopped.
// Lines travel a page at a time and import as the same lines (importing one
// twice adds nothing); fans, offers and posts go in one import each.
class MoveToServer : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultLinesPerPage = 20000;

    MoveToServer(EmbeddedBackend &from, RemoteBackend &to, QString journalPath, QObject *parent = nullptr);
    ~MoveToServer() override;

    void setLinesPerPage(int lines) { m_linesPerPage = lines; }
    // Both backends signed in. Reports progress in rows; ends with
    // ErrorCode::Cancelled after cancel() (what moved stays, and moving again
    // goes on from there).
    QFuture<Result<MoveReport>> run();
    // Stops at the next page or step; the one under way finishes first.
    void cancel() { m_cancelled = true; }

private:
    struct Creator {
        qint64 here = 0;
        CreatorExport::Holdings holdings;
    };
    using Step = std::function<QFuture<Result<void>>()>;

    void readCreators(const User &here, const User &there, qsizetype index);
    void moveCreator(qsizetype index);
    // The server's creator `index` becomes; answers its id.
    QFuture<Result<qint64>> targetOf(qsizetype index);
    // Runs `steps` from `index` in order, then `done`.
    void runSteps(std::shared_ptr<QList<std::pair<QString, Step>>> steps, qsizetype index, qint64 here, std::function<void()> next);
    // `importing`, counting its rows as moved once it succeeded.
    QFuture<Result<void>> counted(QFuture<Result<int>> importing, qint64 rows);
    // Finished when all are: the first error, or success.
    QFuture<Result<void>> allOf(const QList<QFuture<Result<void>>> &futures);
    // Lines of `kind` ("earnings", "messages", "engagement") a page at a time from where the journal left them.
    QFuture<Result<void>> moveLines(const QString &kind, qint64 here);
    void moveLinePage(const QString &kind, qint64 here, std::shared_ptr<QPromise<Result<void>>> promise);
    QFuture<Result<void>> moveDrafts(const QList<Draft> &drafts, qint64 target);
    void finishMove();
    void fail(const Error &error);
    bool stopped();
    void advance(qint64 rows);

    QJsonObject &journalOf(qint64 here);
    Result<void> saveJournal();

    EmbeddedBackend &m_from;
    RemoteBackend &m_to;
    QString m_journalPath;
    QJsonObject m_journal; // {creators: {<id here>: {to, done: [steps], <kind of lines>: {after, moved}}}, finished}
    QHash<QString, QJsonObject> m_creatorJournals; // m_journal's creators, as this move changes them
    int m_linesPerPage = defaultLinesPerPage;
    bool m_cancelled = false;
    std::shared_ptr<QPromise<Result<MoveReport>>> m_promise;
    qint64 m_memberHere = 0;
    qint64 m_memberThere = 0;
    QList<qint64> m_creatorsThere; // the server's creators of the member when the move started
    QList<Creator> m_creators;
    qint64 m_total = 0;
    qint64 m_moved = 0;
};

} // namespace huntaze
