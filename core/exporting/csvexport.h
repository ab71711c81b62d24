#pragma once

#include "common/result.h"

#include <QList>
#include <QString>
#include <QStringList>

// CSV files Huntaze writes (fan messages, reports) for spreadsheets.
namespace huntaze::csvexport {

// One field, quoted. A text a spreadsheet would run as a formula (starting
// with =, +, -, @, a tab or a carriage return: "CSV injection") gets a
// leading apostrophe, which spreadsheets show as plain text.
QString field(const QString &value);

// Writes the rows (UTF-8 with a byte-order mark, so Excel reads accents)
// all or nothing: through a temporary file renamed over `path` once
// complete, so a failure (full disk, cancelled write) leaves the old file
// whole.
Result<void> write(const QString &path, const QList<QStringList> &rows);

} // namespace huntaze::csvexport
