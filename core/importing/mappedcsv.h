#pragma once

#include "analytics/earnings.h"
#include "analytics/engagement.h"
#include "analytics/messages.h"
#include "common/result.h"
#include "importing/csvreader.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QTimeZone>

// Files whose columns the user maps (issue 12): earnings statements, the
// team's message logs and the platforms' engagement exports. Platforms and chat tools name their columns
// differently, so the columns are guessed from the header, then confirmed
// (or chosen) by the user. Times without an offset are in the file's time
// zone; amounts are in the account's currency (a line in another is refused
// by line). Every line goes through the domain's rules (EarningEvent::parse,
// MessageEvent::parse), the ones every backend applies; any bad line refuses
// the whole file, listed by line.
namespace huntaze::creatorcsv {

enum class MappedFile { Statement, MessageLog, Engagement };

// One field of such a file: its key (the field the domain's rule reads, so
// a rule's complaint names the file's column), its name as the column
// dialog shows it, and whether every file must have it.
struct MappedField {
    QString key;
    QString name;
    bool required = false;
};
// Statements: occurredAt, kind, gross (required), net, fan, reference, currency.
// Message logs: sentAt, from, fan (required), member (the team member's
// email), price, bought, reference, currency.
// Engagement exports: post, postedAt (required), day, likes, comments, views, caption.
QList<MappedField> mappedFields(MappedFile file);

// Which column of the file holds each field (-1: none).
struct ColumnChoice {
    QHash<QString, int> index;

    int column(const QString &key) const { return index.value(key, -1); }
    // The names of the required fields without a column.
    QStringList missing(MappedFile file) const;
};
// From names such as "Date", "created_at", "Type", "Amount", "Net", "User",
// "Transaction ID", "Direction", "Chatter", "Price", "Unlocked".
ColumnChoice guessColumns(MappedFile file, const QStringList &header);

struct FileOptions {
    QTimeZone zone = QTimeZone::utc(); // for times written without an offset
    QString accountCurrency = QStringLiteral("USD");
};
// `records` starts with the header, as CsvReader returns it.
Result<QList<analytics::EarningEvent>> earningsFrom(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                    const FileOptions &options);
// Who wrote a message is read from words such as fan, in, received (the
// fan) or team, creator, chatter, out, sent (the team); a bought column
// from yes/no, true/false, 1/0. The member column is read on the team's
// messages only (logs often repeat the conversation's chatter on every line).
Result<QList<analytics::MessageEvent>> messagesFrom(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                    const FileOptions &options);

// Counts may be written with thousands separators ("1,204"); a day column
// holds the day the figures are for (a date, or a date and time).
Result<QList<analytics::PostEngagement>> engagementFrom(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                        const FileOptions &options);

// The same on a worker thread.
QFuture<Result<QList<analytics::EarningEvent>>> convertEarnings(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                                const FileOptions &options);
QFuture<Result<QList<analytics::MessageEvent>>> convertMessages(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                                const FileOptions &options);
QFuture<Result<QList<analytics::PostEngagement>>> convertEngagement(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                                    const FileOptions &options);

} // namespace huntaze::creatorcsv
