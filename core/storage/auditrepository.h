#pragma once

#include "agency/audit.h"
#include "agency/membership.h"
#include "common/result.h"

#include <QSqlDatabase>

namespace huntaze {

// The agency's audit log in SQL: entries are added, never changed. Owners and
// admins (audit.view, all creators) read all of it; a creator's login reads
// every entry about their own profile; row-level security agrees on PostgreSQL.
class AuditRepository
{
public:
    // One entry by a given actor. `creatorId` 0: about the agency itself.
    struct Record {
        qint64 creatorId = 0;
        QString action;
        QJsonObject detail;
    };

    explicit AuditRepository(QSqlDatabase &db) : m_db(db) {}

    // `creatorId` 0: about the agency itself.
    Result<void> record(qint64 agencyId, qint64 actorId, qint64 creatorId, const QString &action, const QJsonObject &detail = {});
    // Many entries by one actor in few statements (a sync push records hundreds).
    Result<void> recordAll(qint64 agencyId, qint64 actorId, const QList<Record> &records);
    Result<QList<AuditEntry>> entries(const agency::Membership &viewer, const AuditFilter &filter);
    // What the member did on their desktop for `creatorId` (0: their first
    // creator), once their role allows it and they work on that creator.
    Result<void> recordClientEvent(const agency::Membership &member, qint64 creatorId, const ClientEvent &event);

private:
    QSqlDatabase &m_db;
};

} // namespace huntaze
