#pragma once

#include "agency/membership.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>
#include <chrono>
#include <optional>

namespace huntaze::server {

// The members that access tokens and API keys were verified as, by token
// digest, so a request with a token seen lately needs no database round trip
// for it. Safe from any thread.
//
// Correctness rests on invalidation, not on the lifetime: PostgreSQL
// notifies every instance when a session ends or an agency's members,
// creators, roles or keys change (0017_session_cache_invalidation.sql), and
// `forget` drops what it names. While nobody listens for those notifications
// (`setListening(false)`), the cache keeps and serves nothing. The lifetime
// only bounds how old a kept entry can be, and how often a session's last
// use is stamped.
class SessionCache
{
public:
    explicit SessionCache(std::chrono::seconds lifetime, qsizetype capacity = 100000);

    // What a caller holds between asking the cache and storing what the
    // database said: a notification received in between makes `store` keep nothing
    // (the database may have answered from before the change).
    using Generation = quint64;
    Generation generation() const { return m_generation.load(std::memory_order_acquire); }

    // The member `tokenDigest` was verified as, if kept, younger than the
    // lifetime, and not expired at `now` (its sessionExpiresAt).
    std::optional<agency::Membership> find(const QByteArray &tokenDigest, const QDateTime &now);
    // Keeps `member` for `tokenDigest` unless the cache was told anything since `askedAt`.
    void store(const QByteArray &tokenDigest, const agency::Membership &member, Generation askedAt, const QDateTime &now);

    // A notification's payload: "s:<hex digest>" (one session) or
    // "a:<agency id>" (everything of that agency); anything else empties the cache.
    void forget(const QString &notification);
    // After a write on this instance: the caller's own token and, when the
    // request acted in an agency (ids not 0), that agency's entries and the
    // login's in every agency (signing out everywhere, changing a password).
    void forgetAfterWrite(const QByteArray &tokenDigest, qint64 agencyId, qint64 userId);
    // Whether someone listens for the notifications: off empties the cache and keeps nothing until on again.
    void setListening(bool listening);
    bool isListening() const;

    qsizetype size() const;
    quint64 hits() const { return m_hits.load(std::memory_order_relaxed); }
    quint64 misses() const { return m_misses.load(std::memory_order_relaxed); }
    std::chrono::seconds lifetime() const { return m_lifetime; }

private:
    struct Entry {
        agency::Membership member;
        QDateTime storedAt;
    };
    void forgetAgencyLocked(qint64 agencyId, qint64 userId = 0);
    void dropOldLocked(const QDateTime &now);

    const std::chrono::seconds m_lifetime;
    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
    bool m_listening = false;
    std::atomic<Generation> m_generation{0};
    std::atomic<quint64> m_hits{0};
    std::atomic<quint64> m_misses{0};
};

} // namespace huntaze::server
