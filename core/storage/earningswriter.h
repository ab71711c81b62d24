#pragma once

#include "analytics/earnings.h"
#include "common/result.h"

#include <QSqlDatabase>

#include <QStringList>

#include <memory>
#include <vector>

namespace huntaze {

// One earnings event as stored: the event and where it counts.
struct EarningRow {
    qint64 agencyId = 0;
    qint64 creatorId = 0;
    const analytics::EarningEvent *event = nullptr;
    QByteArray identity;
    QDate localDay;
    int localHour = 0;
};

// Writes event rows, skipping those already there. Imports of years of
// statements spend most of their time here: on SQLite it binds through
// SQLite's own API, row by row (QSqlQuery's QVariant binding cost more than
// SQLite itself); on PostgreSQL the rows go by COPY (BulkUpsert), as a round
// trip per row cost more than the row. The same SQL on both.
class EarningsWriter
{
public:
    virtual ~EarningsWriter() = default;
    // One flag per row, in order: true when the row was new, false when its
    // identity was there already (a statement imported again, or a line twice in one).
    virtual Result<std::vector<bool>> write(const std::vector<EarningRow> &rows) = 0;

    static Result<std::unique_ptr<EarningsWriter>> open(QSqlDatabase &db);

protected:
    static const char *const table;
    static const char *const conflict;
    static QStringList columns();
};

} // namespace huntaze
