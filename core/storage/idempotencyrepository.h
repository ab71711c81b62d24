#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>

#include <optional>

namespace huntaze {

// Idempotency keys in PostgreSQL (a server's): at most one write per caller
// and key. begin() runs inside the write's transaction, inside its agency.
class IdempotencyRepository
{
public:
    explicit IdempotencyRepository(QSqlDatabase &db) : m_db(db) {}

    struct StoredAnswer {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
    };
    struct Outcome {
        // InProgress: another request with the key did the write a moment
        // ago and its answer is on its way; AnswerLost: long ago, and its
        // answer was never stored (the server stopped in between).
        enum Kind { Fresh, Replay, OtherRequest, InProgress, AnswerLost } kind = Fresh;
        StoredAnswer answer; // for Replay
    };
    // Fresh: the key is now taken by this request (and kept only if its
    // transaction commits). Waits for a concurrent request with the same key
    // to finish first.
    Result<Outcome> begin(qint64 agencyId, const QString &caller, const QString &key, const QByteArray &request, const QDateTime &now);
    // The answer a retry will get; in a transaction of its own, entered into the agency.
    Result<void> storeAnswer(qint64 agencyId, const QString &caller, const QString &key, const StoredAnswer &answer);
    // Every agency's keys made before `before`.
    Result<int> purge(const QDateTime &before);

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze
