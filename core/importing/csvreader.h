#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <functional>

namespace huntaze {

struct CsvRecord {
    int line = 0; // where the record starts (1-based); quoted fields may span lines
    QStringList fields;
};

// RFC 4180 CSV through libcsv (quotes, doubled quotes, commas and newlines
// inside quoted fields, CRLF or LF), in strict mode so a stray quote is an
// error with its line instead of a silently shifted column. A UTF-8 byte
// order mark, as Excel writes, is skipped; blank lines are ignored.
class CsvReader
{
public:
    // `progress` gets the share of bytes read (0..1); returning false cancels.
    using Progress = std::function<bool(double)>;

    static Result<QList<CsvRecord>> read(const QByteArray &data, const Progress &progress = {});
};

} // namespace huntaze
