#pragma once

#include "sync/mutation.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace huntaze::sync {

// Fans, offers and posts imported on a device (issue 13, docs/sync.md) go to
// the server as mutations of their table: entity "fans", "offers" or
// "posts", entityId the import's UUID, payload {creatorId, rows}. A large
// import is several of them, each small enough for a push (maxPayloadBytes);
// the push's numbering makes each land once.
bool isImport(const QString &entity);

// Mutations (ids not yet given) carrying `rows` (each its row's JSON) of `table` for `creatorId`.
QList<Mutation> importMutations(const QString &table, qint64 creatorId, const QString &importId, const QJsonArray &rows);

// Rows of one import mutation at most: the replica numbers its temporary rows by them.
inline constexpr int maxRowsPerImportMutation = 5000;

// The id a replica gives an imported row until the server's own row arrives:
// negative (the server's are not), the same each time the mutation is replayed.
qint64 pendingRowId(qint64 mutationId, qsizetype index);

} // namespace huntaze::sync
