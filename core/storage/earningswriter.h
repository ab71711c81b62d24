#pragma once

#include "analytics/earnings.h"
#include "common/result.h"

#include <QSqlDatabase>

#include <memory>

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

// Writes event rows, one at a time, skipping those already there. Imports
// of years of statements spend most of their time here: on SQLite it binds
// through SQLite's own API (QSqlQuery's QVariant binding cost more than
// SQLite itself), on PostgreSQL through QSqlQuery. The same SQL on both.
class EarningsWriter
{
public:
    virtual ~EarningsWriter() = default;
    // True when the row was new, false when its identity was there already.
    virtual Result<bool> write(const EarningRow &row) = 0;

    static Result<std::unique_ptr<EarningsWriter>> open(QSqlDatabase &db);

protected:
    static const char *const insertSql;
};

} // namespace huntaze
