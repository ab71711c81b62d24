#pragma once

#include "common/result.h"
#include "net/clock.h"

#include <QDateTime>
#include <QMutex>
#include <QString>

namespace huntaze {

// Whether a PostgreSQL server is reachable, shared by every connection of a
// pool. During an outage one connection attempt at a time is made, with
// growing pauses between them (backoff); every other job fails at once with
// DatabaseUnavailable and a retry time instead of each trying (and logging)
// its own connection. The outage is logged once when it starts and once
// when it ends.
class DatabaseHealth
{
public:
    explicit DatabaseHealth(QString description, Clock &clock = Clock::system());

    // True when a connection may be attempted now: always while healthy; during an
    // outage, once per pause, for one caller (the others get unavailable()).
    bool mayTryToConnect();
    // A connection attempt failed: the pause before the next one grows.
    void connectionFailed(const QString &why);
    // A connection that worked does not any more (the server went away).
    void connectionLost(const QString &why);
    void connectionWorks();

    bool isDown() const;
    // The error a job gets while the database is down.
    Error unavailable() const;

    static constexpr int firstPauseMs = 250;
    static constexpr int longestPauseMs = 5000;

private:
    void markDown(const QString &why); // with m_mutex held

    mutable QMutex m_mutex;
    QString m_description;
    Clock &m_clock;
    QDateTime m_downSince; // invalid while healthy
    QDateTime m_nextAttempt;
    int m_pauseMs = firstPauseMs;
    qint64 m_refused = 0; // jobs answered unavailable during this outage
    QString m_why;
};

} // namespace huntaze
