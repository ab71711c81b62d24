#include "databasehealth.h"

#include "logging/logging.h"

#include <QCoreApplication>

namespace huntaze {

DatabaseHealth::DatabaseHealth(QString description, Clock &clock) : m_description(std::move(description)), m_clock(clock)
{}

bool DatabaseHealth::mayTryToConnect()
{
    const QMutexLocker lock(&m_mutex);
    if (!m_downSince.isValid())
        return true;
    const QDateTime now = m_clock.now();
    if (now < m_nextAttempt) {
        ++m_refused;
        return false;
    }
    // This caller probes; the others keep failing fast until it reports back.
    m_nextAttempt = now.addMSecs(m_pauseMs);
    return true;
}

void DatabaseHealth::markDown(const QString &why)
{
    if (m_downSince.isValid())
        return;
    m_downSince = m_clock.now();
    m_nextAttempt = m_downSince; // a lost connection may be a killed backend on a live server: probe at once
    m_pauseMs = firstPauseMs;
    m_refused = 0;
    m_why = why;
    qCWarning(lcStorage).noquote() << "database" << m_description << "unavailable:" << why.trimmed()
                                   << "- answering 503 and retrying with backoff";
}

void DatabaseHealth::connectionFailed(const QString &why)
{
    const QMutexLocker lock(&m_mutex);
    if (m_downSince.isValid())
        m_pauseMs = qMin(m_pauseMs * 2, longestPauseMs);
    markDown(why);
    m_nextAttempt = m_clock.now().addMSecs(m_pauseMs);
}

void DatabaseHealth::connectionLost(const QString &why)
{
    const QMutexLocker lock(&m_mutex);
    markDown(why);
}

void DatabaseHealth::connectionWorks()
{
    const QMutexLocker lock(&m_mutex);
    if (!m_downSince.isValid())
        return;
    qCInfo(lcStorage).noquote() << "database" << m_description << "available again after" << m_downSince.msecsTo(m_clock.now()) << "ms;"
                                << m_refused << "requests were refused meanwhile";
    m_downSince = QDateTime();
    m_pauseMs = firstPauseMs;
}

bool DatabaseHealth::isDown() const
{
    const QMutexLocker lock(&m_mutex);
    return m_downSince.isValid();
}

Error DatabaseHealth::unavailable() const
{
    const QMutexLocker lock(&m_mutex);
    Error error(ErrorCode::DatabaseUnavailable,
                QCoreApplication::translate("huntaze::SqlWorker", "The database is unavailable. Try again in a moment."), m_why);
    error.retryAt = m_nextAttempt.isValid() ? m_nextAttempt : m_clock.now().addMSecs(firstPauseMs);
    return error;
}

} // namespace huntaze
