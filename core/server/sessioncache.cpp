#include "sessioncache.h"

#include <QMutexLocker>

namespace huntaze::server {

SessionCache::SessionCache(std::chrono::seconds lifetime, qsizetype capacity) : m_lifetime(lifetime), m_capacity(capacity)
{}

std::optional<agency::Membership> SessionCache::find(const QByteArray &tokenDigest, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_entries.constFind(tokenDigest);
    const bool fresh = found != m_entries.cend() && found->storedAt.addSecs(m_lifetime.count()) > now
        && (!found->member.sessionExpiresAt.isValid() || found->member.sessionExpiresAt > now);
    if (!fresh) {
        m_misses.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    m_hits.fetch_add(1, std::memory_order_relaxed);
    return found->member;
}

void SessionCache::store(const QByteArray &tokenDigest, const agency::Membership &member, Generation askedAt, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    if (!m_listening || m_lifetime.count() <= 0 || generation() != askedAt)
        return;
    if (m_entries.size() >= m_capacity && !m_entries.contains(tokenDigest)) {
        dropOldLocked(now);
        if (m_entries.size() >= m_capacity)
            return; // full of live entries: the next requests ask the database, as without a cache
    }
    m_entries.insert(tokenDigest, Entry{member, now});
}

void SessionCache::forget(const QString &notification)
{
    QMutexLocker lock(&m_mutex);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    if (notification.startsWith(QLatin1String("s:"))) {
        m_entries.remove(QByteArray::fromHex(notification.mid(2).toLatin1()));
        return;
    }
    bool isNumber = false;
    const qint64 agencyId = notification.startsWith(QLatin1String("a:")) ? notification.mid(2).toLongLong(&isNumber) : 0;
    if (isNumber)
        forgetAgencyLocked(agencyId);
    else
        m_entries.clear(); // not understood: forgetting everything is always right
}

void SessionCache::forgetAfterWrite(const QByteArray &tokenDigest, qint64 agencyId, qint64 userId)
{
    QMutexLocker lock(&m_mutex);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    m_entries.remove(tokenDigest);
    if (agencyId != 0 || userId != 0)
        forgetAgencyLocked(agencyId, userId);
}

void SessionCache::setListening(bool listening)
{
    QMutexLocker lock(&m_mutex);
    // Either way nothing kept can be trusted: notifications may have been missed.
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    m_entries.clear();
    m_listening = listening;
}

bool SessionCache::isListening() const
{
    QMutexLocker lock(&m_mutex);
    return m_listening;
}

qsizetype SessionCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

void SessionCache::forgetAgencyLocked(qint64 agencyId, qint64 userId)
{
    m_entries.removeIf([agencyId, userId](const QHash<QByteArray, Entry>::iterator &entry) {
        return (agencyId != 0 && entry->member.agencyId == agencyId) || (userId != 0 && entry->member.userId == userId);
    });
}

void SessionCache::dropOldLocked(const QDateTime &now)
{
    m_entries.removeIf([this, &now](const QHash<QByteArray, Entry>::iterator &entry) {
        return entry->storedAt.addSecs(m_lifetime.count()) <= now
            || (entry->member.sessionExpiresAt.isValid() && entry->member.sessionExpiresAt <= now);
    });
}

} // namespace huntaze::server
