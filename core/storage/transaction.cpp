#include "transaction.h"

#include "storage/sqlworker.h"

#include <QHash>
#include <QSqlError>

namespace huntaze {

namespace {

struct Nesting {
    int depth = 0;
    bool failed = false;
};

Nesting &nestingOf(const QSqlDatabase &db)
{
    thread_local QHash<QString, Nesting> connections;
    return connections[db.connectionName()];
}

} // namespace

Transaction::Transaction(QSqlDatabase &db) : m_db(db)
{
    Nesting &nesting = nestingOf(db);
    m_outermost = nesting.depth == 0;
    if (m_outermost) {
        nesting.failed = false;
        if (!m_db.transaction()) {
            m_started = storageError(QStringLiteral("begin transaction"), m_db.lastError());
            m_done = true;
            return;
        }
    }
    ++nesting.depth;
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    Nesting &nesting = nestingOf(m_db);
    --nesting.depth;
    if (m_outermost)
        m_db.rollback();
    else
        nesting.failed = true;
}

Result<void> Transaction::commit()
{
    if (m_done)
        return m_started;
    m_done = true;
    Nesting &nesting = nestingOf(m_db);
    --nesting.depth;
    if (!m_outermost)
        return Result<void>::success();
    if (nesting.failed) {
        m_db.rollback();
        return Error{ErrorCode::Internal, {}, QStringLiteral("a nested step failed: rolled back")};
    }
    if (!m_db.commit()) {
        const QSqlError error = m_db.lastError();
        m_db.rollback();
        return storageError(QStringLiteral("commit"), error);
    }
    return Result<void>::success();
}

} // namespace huntaze
