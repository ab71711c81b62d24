#include "idempotencyrepository.h"

#include "storage/agencyrepository.h"
#include "storage/sqlworker.h"
#include "storage/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

Result<IdempotencyRepository::Outcome> IdempotencyRepository::begin(qint64 agencyId, const QString &caller, const QString &key,
                                                                    const QByteArray &request, const QDateTime &now)
{
    QSqlQuery query(m_db);
    // A concurrent request holding the same key makes this wait until it
    // commits (then nothing is inserted) or rolls back (then this one is).
    query.prepare(QStringLiteral("INSERT INTO idempotency_keys (agency_id, caller, key, request, created_at) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT DO NOTHING RETURNING 1"));
    query.addBindValue(agencyId);
    query.addBindValue(caller);
    query.addBindValue(key);
    query.addBindValue(request);
    query.addBindValue(sqlTimestamp(now));
    if (!query.exec())
        return storageError(QStringLiteral("take idempotency key"), query.lastError());
    if (query.next())
        return Outcome{};
    query.finish();
    query.prepare(QStringLiteral(
        "SELECT request, status, content_type, body, created_at FROM idempotency_keys WHERE agency_id = ? AND caller = ? AND key = ?"));
    query.addBindValue(agencyId);
    query.addBindValue(caller);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("read idempotency key"), query.lastError());
    Outcome outcome;
    if (query.value(0).toByteArray() != request)
        outcome.kind = Outcome::OtherRequest;
    else if (query.value(1).isNull())
        outcome.kind = dateTimeFromSql(query.value(4)).secsTo(now) < 60 ? Outcome::InProgress : Outcome::AnswerLost;
    else {
        outcome.kind = Outcome::Replay;
        outcome.answer = StoredAnswer{query.value(1).toInt(), query.value(2).toString().toUtf8(), query.value(3).toByteArray()};
    }
    query.finish();
    return outcome;
}

Result<void> IdempotencyRepository::storeAnswer(qint64 agencyId, const QString &caller, const QString &key, const StoredAnswer &answer)
{
    Transaction transaction(m_db);
    if (Result<void> started = transaction.started(); !started.ok())
        return started;
    if (Result<void> entered = AgencyRepository(m_db).enterAs(0, agencyId); !entered.ok())
        return entered;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE agency_id = ? AND caller = ? AND key = ?"));
    query.addBindValue(answer.status);
    query.addBindValue(QString::fromUtf8(answer.contentType));
    query.addBindValue(answer.body.isNull() ? QByteArray("") : answer.body);
    query.addBindValue(agencyId);
    query.addBindValue(caller);
    query.addBindValue(key);
    if (!query.exec())
        return storageError(QStringLiteral("store idempotent answer"), query.lastError());
    return transaction.commit();
}

Result<int> IdempotencyRepository::purge(const QDateTime &before)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT huntaze_purge_idempotency_keys(?)"));
    query.addBindValue(sqlTimestamp(before));
    if (!query.exec() || !query.next())
        return storageError(QStringLiteral("purge idempotency keys"), query.lastError());
    return query.value(0).toInt();
}

} // namespace huntaze
