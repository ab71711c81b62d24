#include "importmutations.h"

#include <QJsonDocument>

namespace huntaze::sync {

bool isImport(const QString &entity)
{
    return entity == QLatin1String("fans") || entity == QLatin1String("offers") || entity == QLatin1String("posts");
}

QList<Mutation> importMutations(const QString &table, qint64 creatorId, const QString &importId, const QJsonArray &rows)
{
    // Room for {"creatorId":…,"rows":[…]} around the rows, and a comma after each.
    constexpr qsizetype envelopeBytes = 64;
    QList<Mutation> mutations;
    QJsonArray chunk;
    qsizetype chunkBytes = envelopeBytes;
    const auto close = [&] {
        Mutation mutation;
        mutation.entity = table;
        mutation.entityId = importId;
        mutation.payload = {{QStringLiteral("creatorId"), creatorId}, {QStringLiteral("rows"), chunk}};
        mutations.append(std::move(mutation));
        chunk = QJsonArray();
        chunkBytes = envelopeBytes;
    };
    for (const QJsonValue &row : rows) {
        const qsizetype bytes = QJsonDocument(row.toObject()).toJson(QJsonDocument::Compact).size() + 1;
        if (!chunk.isEmpty() && (chunkBytes + bytes > maxPayloadBytes || chunk.size() >= maxRowsPerImportMutation))
            close();
        chunk.append(row);
        chunkBytes += bytes;
    }
    if (!chunk.isEmpty())
        close();
    return mutations;
}

qint64 pendingRowId(qint64 mutationId, qsizetype index)
{
    return -(mutationId * 8192 + index + 1);
}

} // namespace huntaze::sync
