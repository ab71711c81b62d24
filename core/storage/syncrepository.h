#pragma once

#include "common/result.h"
#include "domain/draft.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace huntaze {

// A mutation the server refused for good, or a delete that kept an edited
// row: reported to the device at its next pull (issue 13, docs/sync.md).
struct SyncRejection {
    qint64 mutationId = 0;
    QString entity;
    QString entityId;
    QString code; // "validation", "forbidden", "not_found", "kept_edited"
    QString reason; // for people, in the server's language
    qint64 version = 0;

    QJsonObject toJson() const;
    static SyncRejection fromJson(const QJsonObject &json);
    friend bool operator==(const SyncRejection &, const SyncRejection &) = default;
};

// One agency's sync bookkeeping, on SQLite and PostgreSQL alike: its version
// counter, the devices that push and their last mutation applied, what was
// refused, and conflicts.
class SyncRepository
{
public:
    SyncRepository(QSqlDatabase &db, qint64 agencyId) : m_db(db), m_agencyId(agencyId) {}

    // The next version, for a write of synced rows. On PostgreSQL the
    // counter's row stays locked until the transaction ends: the agency's
    // writers take their versions in commit order.
    Result<qint64> nextVersion();
    // The highest version handed out and committed (0: none yet).
    Result<qint64> currentVersion();

    // The last mutation applied of device `clientId`, registering it for
    // `userId` the first time and locking its row until the transaction ends
    // (two pushes of one device run one after the other). Forbidden when the
    // device was registered by another member.
    Result<qint64> lockClient(const QString &clientId, qint64 userId, const QDateTime &now);
    Result<void> setLastMutation(const QString &clientId, qint64 mutationId);
    // 0 for a device that never pushed (or pushed for another member).
    Result<qint64> lastMutation(const QString &clientId, qint64 userId);

    Result<void> reject(const QString &clientId, const SyncRejection &rejection, const QDateTime &now);
    Result<QList<SyncRejection>> rejectionsAfter(const QString &clientId, qint64 version);

    Result<void> addConflict(const DraftConflict &conflict, const QDateTime &now);
    Result<std::optional<DraftConflict>> findConflict(const QString &id);
    // Marks it resolved at `version` (devices drop it at their next pull).
    Result<void> resolveConflict(const QString &id, qint64 version);
    // The conflicts of `creatorIds` written after `version` (resolved ones too: the device drops them).
    Result<QList<DraftConflict>> conflictsAfter(const QList<qint64> &creatorIds, qint64 version);

private:
    bool isPostgres() const { return m_db.driverName() == QLatin1String("QPSQL"); }

    QSqlDatabase &m_db;
    qint64 m_agencyId;
};

} // namespace huntaze
