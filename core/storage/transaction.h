#pragma once

#include "common/result.h"

#include <QSqlDatabase>

namespace huntaze {

// A transaction that nests: the outermost Transaction on a connection begins
// and commits; inner ones join it, so a repository call that needs "all or
// nothing" can run alone or inside a request's transaction (on PostgreSQL
// every request runs in one: row-level security reads who acts from
// transaction-local settings). Leaving scope without commit() rolls back (an
// inner one marks the whole transaction to roll back). A connection lives on
// one worker thread, so the nesting depth is kept per thread and connection.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();

    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Whether BEGIN worked (always true for an inner transaction).
    Result<void> started() const { return m_started; }
    // The outermost commits (or rolls back, if an inner one failed).
    Result<void> commit();

private:
    QSqlDatabase &m_db;
    Result<void> m_started = Result<void>::success();
    bool m_outermost = false;
    bool m_done = false;
};

} // namespace huntaze
