#include "mappedcsv.h"

#include "importing/csvrows.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QPromise>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

namespace huntaze::creatorcsv {

namespace {

struct FieldSpec {
    const char *key;
    const char *name; // translated in context huntaze::creatorcsv
    bool required;
    QStringList usualNames; // normalised
};

const QList<FieldSpec> &specsOf(MappedFile file)
{
    static const QList<FieldSpec> statement{
        {"occurredAt",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Date and time"),
         true,
         {QStringLiteral("date"), QStringLiteral("date_time"), QStringLiteral("datetime"), QStringLiteral("time"),
          QStringLiteral("created_at"), QStringLiteral("occurred_at"), QStringLiteral("occurredat"), QStringLiteral("timestamp")}},
        {"kind",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Type"),
         true,
         {QStringLiteral("type"), QStringLiteral("kind"), QStringLiteral("category"), QStringLiteral("source")}},
        {"gross",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Amount (gross)"),
         true,
         {QStringLiteral("gross"), QStringLiteral("amount"), QStringLiteral("gross_amount"), QStringLiteral("price"),
          QStringLiteral("total")}},
        {"net",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Net amount"),
         false,
         {QStringLiteral("net"), QStringLiteral("net_amount"), QStringLiteral("earnings"), QStringLiteral("payout")}},
        {"fan",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Fan"),
         false,
         {QStringLiteral("fan"), QStringLiteral("user"), QStringLiteral("username"), QStringLiteral("from"), QStringLiteral("fan_name"),
          QStringLiteral("subscriber")}},
        {"reference",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Reference"),
         false,
         {QStringLiteral("reference"), QStringLiteral("id"), QStringLiteral("transaction_id"), QStringLiteral("transaction"),
          QStringLiteral("ref")}},
        {"currency", QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Currency"), false, {QStringLiteral("currency")}},
    };
    static const QList<FieldSpec> messageLog{
        {"sentAt",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Date and time"),
         true,
         {QStringLiteral("date"), QStringLiteral("date_time"), QStringLiteral("datetime"), QStringLiteral("time"),
          QStringLiteral("sent_at"), QStringLiteral("created_at"), QStringLiteral("timestamp")}},
        {"from",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Written by (fan or team)"),
         true,
         {QStringLiteral("from"), QStringLiteral("direction"), QStringLiteral("sender"), QStringLiteral("sender_type"),
          QStringLiteral("author"), QStringLiteral("in_out")}},
        {"fan",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Fan"),
         true,
         {QStringLiteral("fan"), QStringLiteral("fan_name"), QStringLiteral("fan_username"), QStringLiteral("user"),
          QStringLiteral("username"), QStringLiteral("subscriber"), QStringLiteral("conversation"), QStringLiteral("chat_with")}},
        {"member",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Team member (email)"),
         false,
         {QStringLiteral("member"), QStringLiteral("chatter"), QStringLiteral("team_member"), QStringLiteral("sent_by"),
          QStringLiteral("member_email"), QStringLiteral("chatter_email"), QStringLiteral("agent"), QStringLiteral("email")}},
        {"price",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Price"),
         false,
         {QStringLiteral("price"), QStringLiteral("ppv_price"), QStringLiteral("message_price"), QStringLiteral("amount"),
          QStringLiteral("cost")}},
        {"bought",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Bought"),
         false,
         {QStringLiteral("bought"), QStringLiteral("purchased"), QStringLiteral("unlocked"), QStringLiteral("paid"),
          QStringLiteral("is_bought"), QStringLiteral("is_purchased")}},
        {"reference",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Reference"),
         false,
         {QStringLiteral("reference"), QStringLiteral("id"), QStringLiteral("message_id"), QStringLiteral("ref")}},
        {"currency", QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Currency"), false, {QStringLiteral("currency")}},
    };
    static const QList<FieldSpec> engagement{
        {"post",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Post (id or link)"),
         true,
         {QStringLiteral("post"), QStringLiteral("post_id"), QStringLiteral("id"), QStringLiteral("link"), QStringLiteral("url"),
          QStringLiteral("post_url"), QStringLiteral("permalink"), QStringLiteral("media_id")}},
        {"postedAt",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Posted at"),
         true,
         {QStringLiteral("posted_at"), QStringLiteral("posted"), QStringLiteral("published_at"), QStringLiteral("published"),
          QStringLiteral("post_date"), QStringLiteral("date_posted"), QStringLiteral("publish_time"), QStringLiteral("created_at"),
          QStringLiteral("date"), QStringLiteral("time")}},
        {"day",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Day of the figures"),
         false,
         {QStringLiteral("day"), QStringLiteral("stats_date"), QStringLiteral("report_date"), QStringLiteral("metrics_date"),
          QStringLiteral("date")}}, // "date" only when the post's time has a column of its own
        {"likes",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Likes"),
         false,
         {QStringLiteral("likes"), QStringLiteral("like_count"), QStringLiteral("reactions"), QStringLiteral("hearts")}},
        {"comments",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Comments"),
         false,
         {QStringLiteral("comments"), QStringLiteral("comment_count"), QStringLiteral("replies")}},
        {"views",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Views"),
         false,
         {QStringLiteral("views"), QStringLiteral("view_count"), QStringLiteral("impressions"), QStringLiteral("plays"),
          QStringLiteral("reach")}},
        {"caption",
         QT_TRANSLATE_NOOP("huntaze::creatorcsv", "Caption"),
         false,
         {QStringLiteral("caption"), QStringLiteral("text"), QStringLiteral("title"), QStringLiteral("description")}},
    };
    switch (file) {
    case MappedFile::Statement: return statement;
    case MappedFile::MessageLog: return messageLog;
    case MappedFile::Engagement: break;
    }
    return engagement;
}

QString nameOf(const FieldSpec &spec)
{
    return QCoreApplication::translate("huntaze::creatorcsv", spec.name);
}

// One line of the file as its fields, with what is wrong in it.
class MappedRow
{
public:
    MappedRow(const CsvRecord &record, const ColumnChoice &columns, const QStringList &header, RowProblems &problems)
        : m_record(record), m_columns(columns), m_header(header), m_problems(problems)
    {}

    QString value(const QString &key) const
    {
        const int column = m_columns.column(key);
        return column >= 0 ? m_record.fields.value(column).trimmed() : QString();
    }
    // `message` (translated) takes the column's name and the value as %1 and %2.
    void refuse(const QString &key, const QString &message) const
    {
        m_problems.add(m_record.line, message.arg(m_header.value(m_columns.column(key)).trimmed(), value(key)));
    }

private:
    const CsvRecord &m_record;
    const ColumnChoice &m_columns;
    const QStringList &m_header;
    RowProblems &m_problems;
};

// An instant with its offset, as the rules take it: kept as written when it
// has one, else read in `zone`. Empty when it is no time at all.
QString instantFrom(const QString &text, const QTimeZone &zone)
{
    static const QRegularExpression withOffset(QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)$"));
    if (text.size() > 10 && withOffset.match(text).hasMatch())
        return text;
    QDateTime local;
    for (const char *format : {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm"}) {
        local = QDateTime::fromString(text, QString::fromLatin1(format));
        if (local.isValid())
            break;
    }
    if (!local.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (text.size() != 10 || !day.isValid())
            return {};
        local = QDateTime(day, QTime(0, 0));
    }
    return QDateTime(local.date(), local.time(), zone).toUTC().toString(Qt::ISODateWithMs);
}

void readInstant(const MappedRow &row, const QString &key, const QTimeZone &zone, QJsonObject &line)
{
    const QString when = instantFrom(row.value(key), zone);
    if (when.isEmpty())
        row.refuse(key, QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not a date and time like 2026-03-01 18:30."));
    line.insert(key, when);
}

void readAmount(const MappedRow &row, const QString &key, QJsonObject &line)
{
    const QString text = row.value(key);
    if (text.isEmpty())
        return;
    if (const std::optional<double> amount = parseAmount(text))
        line.insert(key, *amount);
    else
        row.refuse(key, QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not an amount like 12.50."));
}

void copyTexts(const MappedRow &row, std::initializer_list<QString> keys, QJsonObject &line)
{
    for (const QString &key : keys) {
        if (const QString text = row.value(key); !text.isEmpty())
            line.insert(key, text);
    }
}

struct KindAlias {
    const char *alias;
    analytics::EarningKind kind;
};
// What statements call each kind, normalised; our own ids are taken as well.
constexpr KindAlias kindAliases[] = {
    {"subscription", analytics::EarningKind::NewSubscription},
    {"new_subscription", analytics::EarningKind::NewSubscription},
    {"new_subscriber", analytics::EarningKind::NewSubscription},
    {"renewal", analytics::EarningKind::Renewal},
    {"recurring_subscription", analytics::EarningKind::Renewal},
    {"rebill", analytics::EarningKind::Renewal},
    {"resubscription", analytics::EarningKind::Renewal},
    {"expired", analytics::EarningKind::ExpiredSubscription},
    {"expiration", analytics::EarningKind::ExpiredSubscription},
    {"tips", analytics::EarningKind::Tip},
    {"post", analytics::EarningKind::PaidPost},
    {"ppv_post", analytics::EarningKind::PaidPost},
    {"message", analytics::EarningKind::PaidMessage},
    {"ppv", analytics::EarningKind::PaidMessage},
    {"ppv_message", analytics::EarningKind::PaidMessage},
    {"chat_message", analytics::EarningKind::PaidMessage},
    {"mass", analytics::EarningKind::MassMessage},
    {"mass_ppv", analytics::EarningKind::MassMessage},
    {"live", analytics::EarningKind::Stream},
    {"live_stream", analytics::EarningKind::Stream},
    {"referrals", analytics::EarningKind::Referral},
    {"customs", analytics::EarningKind::Custom},
    {"custom_request", analytics::EarningKind::Custom},
};

std::optional<analytics::EarningKind> kindOf(const QString &text)
{
    const QString key = normalisedName(text);
    if (const std::optional<analytics::EarningKind> own = analytics::kindFromId(key))
        return own;
    for (const KindAlias &alias : kindAliases) {
        if (key == QLatin1String(alias.alias))
            return alias.kind;
    }
    return std::nullopt;
}

void statementLine(const MappedRow &row, const FileOptions &options, QJsonObject &line)
{
    readInstant(row, QStringLiteral("occurredAt"), options.zone, line);
    if (const std::optional<analytics::EarningKind> kind = kindOf(row.value(QStringLiteral("kind"))))
        line.insert(QStringLiteral("kind"), analytics::kindId(*kind));
    else
        row.refuse(QStringLiteral("kind"),
                   QCoreApplication::translate("huntaze::creatorcsv",
                                               "%1 \"%2\" is not a kind of earning (subscription, renewal, expired, "
                                               "tip, post, message, mass message, stream, referral, custom)."));
    readAmount(row, QStringLiteral("gross"), line);
    readAmount(row, QStringLiteral("net"), line);
    copyTexts(row, {QStringLiteral("fan"), QStringLiteral("reference"), QStringLiteral("currency")}, line);
}

std::optional<bool> fromFan(const QString &text)
{
    static const QStringList fan{QStringLiteral("fan"),     QStringLiteral("in"),       QStringLiteral("incoming"),
                                 QStringLiteral("inbound"), QStringLiteral("received"), QStringLiteral("from_fan")};
    static const QStringList team{QStringLiteral("team"),     QStringLiteral("creator"),  QStringLiteral("model"),
                                  QStringLiteral("chatter"),  QStringLiteral("agency"),   QStringLiteral("out"),
                                  QStringLiteral("outgoing"), QStringLiteral("outbound"), QStringLiteral("sent"),
                                  QStringLiteral("to_fan")};
    const QString word = normalisedName(text);
    if (fan.contains(word))
        return true;
    if (team.contains(word))
        return false;
    return std::nullopt;
}

std::optional<bool> yesOrNo(const QString &text)
{
    static const QStringList yes{QStringLiteral("yes"),    QStringLiteral("y"),         QStringLiteral("true"),    QStringLiteral("1"),
                                 QStringLiteral("bought"), QStringLiteral("purchased"), QStringLiteral("unlocked")};
    static const QStringList no{QStringLiteral("no"), QStringLiteral("n"),          QStringLiteral("false"),
                                QStringLiteral("0"),  QStringLiteral("not_bought"), QStringLiteral("locked")};
    const QString word = normalisedName(text);
    if (yes.contains(word))
        return true;
    if (no.contains(word))
        return false;
    return std::nullopt;
}

void messageLine(const MappedRow &row, const FileOptions &options, QJsonObject &line)
{
    readInstant(row, QStringLiteral("sentAt"), options.zone, line);
    const std::optional<bool> byFan = fromFan(row.value(QStringLiteral("from")));
    if (byFan)
        line.insert(QStringLiteral("from"), *byFan ? QStringLiteral("fan") : QStringLiteral("team"));
    else
        row.refuse(QStringLiteral("from"),
                   QCoreApplication::translate("huntaze::creatorcsv",
                                               "%1 \"%2\" does not say who wrote: fan or team (in or out, "
                                               "received or sent)."));
    copyTexts(row, {QStringLiteral("fan"), QStringLiteral("reference"), QStringLiteral("currency")}, line);
    // A fan's line may repeat its conversation's chatter, or carry a price of nothing.
    const bool fansLine = byFan.value_or(false);
    if (!fansLine)
        copyTexts(row, {QStringLiteral("member")}, line);
    if (!fansLine || parseAmount(row.value(QStringLiteral("price"))).value_or(0) != 0)
        readAmount(row, QStringLiteral("price"), line);
    if (const QString bought = row.value(QStringLiteral("bought")); !bought.isEmpty()) {
        const std::optional<bool> yes = yesOrNo(bought);
        if (!yes)
            row.refuse(QStringLiteral("bought"), QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not yes or no."));
        else if (*yes || line.contains(QStringLiteral("price")))
            line.insert(QStringLiteral("bought"), *yes);
    }
}

// "1,204", "1 204" or "1204"; none when it is no whole number of at least 0.
std::optional<qint64> parseCount(QString text)
{
    text.remove(u',').remove(u' ').remove(QChar(0x00A0)).remove(QChar(0x202F));
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok && value >= 0 ? std::optional<qint64>(value) : std::nullopt;
}

void engagementLine(const MappedRow &row, const FileOptions &options, QJsonObject &line)
{
    copyTexts(row, {QStringLiteral("post"), QStringLiteral("caption")}, line);
    readInstant(row, QStringLiteral("postedAt"), options.zone, line);
    if (const QString day = row.value(QStringLiteral("day")); !day.isEmpty()) {
        const QDate date = QDate::fromString(day.left(10), Qt::ISODate);
        if (date.isValid() && (day.size() == 10 || !instantFrom(day, options.zone).isEmpty()))
            line.insert(QStringLiteral("day"), date.toString(Qt::ISODate));
        else
            row.refuse(QStringLiteral("day"),
                       QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not a date like 2026-03-01."));
    }
    for (const QString &key : {QStringLiteral("likes"), QStringLiteral("comments"), QStringLiteral("views")}) {
        const QString text = row.value(key);
        if (text.isEmpty())
            continue;
        if (const std::optional<qint64> count = parseCount(text))
            line.insert(key, *count);
        else
            row.refuse(key, QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not a whole number."));
    }
}

template <typename Line>
Result<QList<Line>> linesFrom(MappedFile file, const QList<CsvRecord> &records, const ColumnChoice &columns, const FileOptions &options,
                              void (*toLine)(const MappedRow &, const FileOptions &, QJsonObject &))
{
    if (records.isEmpty())
        return Error::validation(QStringLiteral("file"), QCoreApplication::translate("huntaze::creatorcsv", "The file is empty."));
    if (const QStringList missing = columns.missing(file); !missing.isEmpty())
        return Error::validation(
            QStringLiteral("file"),
            QCoreApplication::translate("huntaze::creatorcsv", "Choose the column of: %1.").arg(missing.join(QStringLiteral(", "))));
    const QStringList &header = records.first().fields;
    // The rules name the line's fields; the problems name the file's columns.
    QHash<QString, QString> columnNames;
    for (const MappedField &field : mappedFields(file))
        columnNames.insert(field.key, header.value(columns.column(field.key)).trimmed());
    QList<Line> lines;
    lines.reserve(records.size() - 1);
    RowProblems problems;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord &record = records.at(i);
        const MappedRow row(record, columns, header, problems);
        const qsizetype problemsBefore = problems.count();
        QJsonObject line;
        toLine(row, options, line);
        if (problems.count() != problemsBefore)
            continue;
        const Result<Line> parsed = Line::parse(line, options.accountCurrency);
        problems.check(record.line, parsed, columnNames);
        if (parsed.ok())
            lines.append(parsed.value());
    }
    if (!problems.isEmpty())
        return problems.error();
    return lines;
}

template <typename Line, typename Convert> QFuture<Result<QList<Line>>> onWorker(Convert convert)
{
    return QtConcurrent::run([convert](QPromise<Result<QList<Line>>> &promise) {
        promise.setProgressRange(0, 100);
        if (promise.isCanceled())
            return;
        promise.addResult(convert());
        promise.setProgressValue(100);
    });
}

} // namespace

QList<MappedField> mappedFields(MappedFile file)
{
    QList<MappedField> fields;
    for (const FieldSpec &spec : specsOf(file))
        fields.append({QString::fromLatin1(spec.key), nameOf(spec), spec.required});
    return fields;
}

QStringList ColumnChoice::missing(MappedFile file) const
{
    QStringList absent;
    for (const FieldSpec &spec : specsOf(file)) {
        if (spec.required && column(QString::fromLatin1(spec.key)) < 0)
            absent.append(nameOf(spec));
    }
    return absent;
}

ColumnChoice guessColumns(MappedFile file, const QStringList &header)
{
    QStringList names;
    for (const QString &name : header)
        names.append(normalisedName(name));
    // A field's usual names come strongest first ("posted_at" before "date"); a column serves one field.
    ColumnChoice columns;
    QList<int> taken;
    for (const FieldSpec &spec : specsOf(file)) {
        for (const QString &usual : spec.usualNames) {
            const int column = static_cast<int>(names.indexOf(usual));
            if (column >= 0 && !taken.contains(column)) {
                columns.index.insert(QString::fromLatin1(spec.key), column);
                taken.append(column);
                break;
            }
        }
    }
    return columns;
}

Result<QList<analytics::EarningEvent>> earningsFrom(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                    const FileOptions &options)
{
    return linesFrom<analytics::EarningEvent>(MappedFile::Statement, records, columns, options, statementLine);
}

Result<QList<analytics::MessageEvent>> messagesFrom(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                    const FileOptions &options)
{
    return linesFrom<analytics::MessageEvent>(MappedFile::MessageLog, records, columns, options, messageLine);
}

Result<QList<analytics::PostEngagement>> engagementFrom(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                        const FileOptions &options)
{
    return linesFrom<analytics::PostEngagement>(MappedFile::Engagement, records, columns, options, engagementLine);
}

QFuture<Result<QList<analytics::EarningEvent>>> convertEarnings(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                                const FileOptions &options)
{
    return onWorker<analytics::EarningEvent>([records, columns, options] { return earningsFrom(records, columns, options); });
}

QFuture<Result<QList<analytics::MessageEvent>>> convertMessages(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                                const FileOptions &options)
{
    return onWorker<analytics::MessageEvent>([records, columns, options] { return messagesFrom(records, columns, options); });
}

QFuture<Result<QList<analytics::PostEngagement>>> convertEngagement(const QList<CsvRecord> &records, const ColumnChoice &columns,
                                                                    const FileOptions &options)
{
    return onWorker<analytics::PostEngagement>([records, columns, options] { return engagementFrom(records, columns, options); });
}

} // namespace huntaze::creatorcsv
