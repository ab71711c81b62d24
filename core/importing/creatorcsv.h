#pragma once

#include "analytics/earnings.h"
#include "common/result.h"
#include "domain/fan.h"
#include "importing/csvreader.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QTimeZone>

namespace huntaze::creatorcsv {

// Turns CSV exports into fans and offers. The first record names the columns
// (any order, any case; extra columns are ignored):
//   fans:   name, tags (separated by ;), total_spend, last_purchase, last_active (YYYY-MM-DD)
//   offers: title, price, recipients, purchases, sent_on (YYYY-MM-DD)
//   posts:  caption, hashtags (#a #b, or a;b), engagement (or likes, comments, shares), platform, posted_on
// Any bad row refuses the whole file, with every problem listed by line, so
// nothing is ever half-imported.
Result<QList<Fan>> fansFrom(const QList<CsvRecord> &records);
Result<QList<Offer>> offersFrom(const QList<CsvRecord> &records);
Result<QList<Post>> postsFrom(const QList<CsvRecord> &records);

// Reads and converts a file on a worker thread, reporting progress (0-100) on
// the future; QFuture::cancel() stops it.
QFuture<Result<QList<Fan>>> readFans(const QString &path);
QFuture<Result<QList<Offer>>> readOffers(const QString &path);
QFuture<Result<QList<Post>>> readPosts(const QString &path);

// Earnings statements (issue 12). Platforms name their columns differently,
// so the columns are mapped: guessed from the header, confirmed (or chosen)
// by the user. Times without an offset are in the file's time zone; amounts
// are in the account's currency (a line in another is refused by line).
// Every line goes through EarningEvent::parse, the rules every backend
// applies; any bad line refuses the whole file, listed by line.
enum class StatementField { Date, Type, Gross, Net, Fan, Reference, Currency };
QList<StatementField> statementFields();
bool isRequired(StatementField field); // date, type and gross
QString statementFieldName(StatementField field); // "Date and time", translated

// Which column of the file holds each field (-1: none).
struct StatementColumns {
    QHash<StatementField, int> index;

    int column(StatementField field) const { return index.value(field, -1); }
    QList<StatementField> missing() const; // required fields without a column
};
// From names such as "Date", "created_at", "Type", "Amount", "Net", "User", "Transaction ID".
StatementColumns guessStatementColumns(const QStringList &header);

struct StatementOptions {
    QTimeZone zone = QTimeZone::utc(); // for times written without an offset
    QString accountCurrency = QStringLiteral("USD");
};
// `records` starts with the header, as CsvReader returns it.
Result<QList<analytics::EarningEvent>> earningsFrom(const QList<CsvRecord> &records, const StatementColumns &columns,
                                                    const StatementOptions &options);

// Reads a CSV file on a worker thread (progress 0-100, cancellable); the
// first record is its header.
QFuture<Result<QList<CsvRecord>>> readRecords(const QString &path);
// earningsFrom on a worker thread.
QFuture<Result<QList<analytics::EarningEvent>>> convertEarnings(const QList<CsvRecord> &records, const StatementColumns &columns,
                                                                const StatementOptions &options);

} // namespace huntaze::creatorcsv
