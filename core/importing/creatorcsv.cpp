#include "creatorcsv.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QPromise>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace huntaze::creatorcsv {

namespace {

constexpr int maxProblemsShown = 10;

class RowProblems
{
public:
    void add(int line, const QString &message)
    {
        m_problems.append(QCoreApplication::translate("huntaze::creatorcsv", "Line %1: %2").arg(line).arg(message));
    }
    // A row that read cleanly must still pass the domain's rules (rules.h),
    // the same ones every backend applies; `columns` maps its field names
    // ("totalSpend") to this file's column names ("total_spend").
    template <typename T> void check(int line, const Result<T> &valid, const QHash<QString, QString> &columns)
    {
        if (!valid.ok())
            add(line, QStringLiteral("%1: %2").arg(columns.value(valid.error().field, valid.error().field), valid.error().message));
    }
    qsizetype count() const { return m_problems.size(); }
    bool isEmpty() const { return m_problems.isEmpty(); }
    Error error() const
    {
        QStringList shown = m_problems.mid(0, maxProblemsShown);
        const int hidden = static_cast<int>(m_problems.size()) - maxProblemsShown;
        if (hidden > 0)
            shown.append(QCoreApplication::translate("huntaze::creatorcsv", "…and %n more problems.", nullptr, hidden));
        Error error = Error::validation(
            QStringLiteral("file"),
            QCoreApplication::translate("huntaze::creatorcsv", "Nothing was imported. Fix these rows and try again:\n%1")
                .arg(shown.join(u'\n')));
        error.detail = QStringLiteral("%1 bad rows").arg(m_problems.size());
        return error;
    }

private:
    QStringList m_problems;
};

// Column positions by name, from the header record.
class Columns
{
public:
    static Result<Columns> fromHeader(const QList<CsvRecord> &records, const QStringList &required)
    {
        if (records.isEmpty())
            return Error::validation(QStringLiteral("file"), QCoreApplication::translate("huntaze::creatorcsv", "The file is empty."));
        Columns columns;
        const QStringList &header = records.first().fields;
        for (qsizetype i = 0; i < header.size(); ++i)
            columns.m_index.insert(header.at(i).trimmed().toLower().replace(u' ', u'_'), static_cast<int>(i));
        QStringList missing;
        for (const QString &name : required) {
            if (!columns.m_index.contains(name))
                missing.append(name);
        }
        if (!missing.isEmpty())
            return Error::validation(
                QStringLiteral("file"),
                QCoreApplication::translate("huntaze::creatorcsv", "The first line must name the columns; missing: %1.")
                    .arg(missing.join(QStringLiteral(", "))));
        return columns;
    }

    QString value(const CsvRecord &record, const QString &name) const
    {
        const int index = m_index.value(name, -1);
        return index >= 0 ? record.fields.value(index).trimmed() : QString();
    }

private:
    QHash<QString, int> m_index;
};

std::optional<double> parseAmount(QString text)
{
    text.remove(u'$').remove(u'€').remove(u'£').remove(u' ');
    if (!text.contains(u'.') && text.count(u',') == 1)
        text.replace(u',', u'.');
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && value >= 0 ? std::optional<double>(value) : std::nullopt;
}

std::optional<int> parseCount(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

std::optional<QDate> parseDate(const QString &text, bool &bad)
{
    bad = false;
    if (text.isEmpty())
        return QDate();
    const QDate date = QDate::fromString(text.left(10), Qt::ISODate);
    bad = !date.isValid();
    return date;
}

template <typename T>
QFuture<Result<QList<T>>> readFile(const QString &path, std::function<Result<QList<T>>(const QList<CsvRecord> &)> convert)
{
    return QtConcurrent::run([path, convert](QPromise<Result<QList<T>>> &promise) {
        promise.setProgressRange(0, 100);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            promise.addResult(
                Error(ErrorCode::NotFound,
                      QCoreApplication::translate("huntaze::creatorcsv", "Cannot open %1: %2").arg(path, file.errorString())));
            return;
        }
        const QByteArray data = file.readAll();
        const Result<QList<CsvRecord>> records = CsvReader::read(data, [&promise](double share) {
            promise.setProgressValue(static_cast<int>(share * 90));
            return !promise.isCanceled();
        });
        if (!records.ok()) {
            promise.addResult(records.error());
            return;
        }
        promise.addResult(convert(records.value()));
        promise.setProgressValue(100);
    });
}

} // namespace

Result<QList<Fan>> fansFrom(const QList<CsvRecord> &records)
{
    const Result<Columns> columns = Columns::fromHeader(records, {QStringLiteral("name")});
    if (!columns.ok())
        return columns.error();
    QList<Fan> fans;
    RowProblems problems;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord &record = records.at(i);
        const Columns &c = columns.value();
        Fan fan;
        const qsizetype problemsBefore = problems.count();
        fan.name = c.value(record, QStringLiteral("name")).simplified();
        for (const QString &tag : c.value(record, QStringLiteral("tags")).split(u';', Qt::SkipEmptyParts))
            fan.tags.append(tag.trimmed());
        const QString spend = c.value(record, QStringLiteral("total_spend"));
        if (!spend.isEmpty()) {
            if (const auto amount = parseAmount(spend))
                fan.totalSpend = *amount;
            else
                problems.add(
                    record.line,
                    QCoreApplication::translate("huntaze::creatorcsv", "total_spend \"%1\" is not an amount like 12.50.").arg(spend));
        }
        fan.lastPurchase = c.value(record, QStringLiteral("last_purchase"));
        bool badDate = false;
        const QString active = c.value(record, QStringLiteral("last_active"));
        fan.lastActive = parseDate(active, badDate).value_or(QDate());
        if (badDate)
            problems.add(
                record.line,
                QCoreApplication::translate("huntaze::creatorcsv", "last_active \"%1\" is not a date like 2026-01-31.").arg(active));
        if (problems.count() == problemsBefore) {
            const Result<Fan> valid = validateFan(fan);
            problems.check(record.line, valid,
                           {{QStringLiteral("totalSpend"), QStringLiteral("total_spend")},
                            {QStringLiteral("lastPurchase"), QStringLiteral("last_purchase")}});
            if (valid.ok())
                fans.append(valid.value());
        }
    }
    if (!problems.isEmpty())
        return problems.error();
    return fans;
}

Result<QList<Offer>> offersFrom(const QList<CsvRecord> &records)
{
    const Result<Columns> columns
        = Columns::fromHeader(records, {QStringLiteral("price"), QStringLiteral("recipients"), QStringLiteral("purchases")});
    if (!columns.ok())
        return columns.error();
    QList<Offer> offers;
    RowProblems problems;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord &record = records.at(i);
        const Columns &c = columns.value();
        Offer offer;
        const qsizetype problemsBefore = problems.count();
        offer.title = c.value(record, QStringLiteral("title"));
        const QString price = c.value(record, QStringLiteral("price"));
        if (const auto amount = parseAmount(price))
            offer.price = *amount;
        else
            problems.add(record.line,
                         QCoreApplication::translate("huntaze::creatorcsv", "price \"%1\" is not an amount like 12.50.").arg(price));
        const QString recipients = c.value(record, QStringLiteral("recipients"));
        const QString purchases = c.value(record, QStringLiteral("purchases"));
        const auto recipientCount = parseCount(recipients);
        const auto purchaseCount = parseCount(purchases);
        if (!recipientCount)
            problems.add(record.line,
                         QCoreApplication::translate("huntaze::creatorcsv", "recipients \"%1\" is not a whole number.").arg(recipients));
        if (!purchaseCount)
            problems.add(record.line,
                         QCoreApplication::translate("huntaze::creatorcsv", "purchases \"%1\" is not a whole number.").arg(purchases));
        offer.recipients = recipientCount.value_or(0);
        offer.purchases = purchaseCount.value_or(0);
        bool badDate = false;
        const QString sent = c.value(record, QStringLiteral("sent_on"));
        offer.sentOn = parseDate(sent, badDate).value_or(QDate());
        if (badDate)
            problems.add(record.line,
                         QCoreApplication::translate("huntaze::creatorcsv", "sent_on \"%1\" is not a date like 2026-01-31.").arg(sent));
        if (problems.count() == problemsBefore) {
            const Result<Offer> valid = validateOffer(offer);
            problems.check(record.line, valid, {});
            if (valid.ok())
                offers.append(valid.value());
        }
    }
    if (!problems.isEmpty())
        return problems.error();
    return offers;
}

Result<QList<Post>> postsFrom(const QList<CsvRecord> &records)
{
    const Result<Columns> columns = Columns::fromHeader(records, {QStringLiteral("hashtags")});
    if (!columns.ok())
        return columns.error();
    static const QRegularExpression separators(QStringLiteral("[\\s,;#]+"));
    QList<Post> posts;
    RowProblems problems;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord &record = records.at(i);
        const Columns &c = columns.value();
        Post post;
        const qsizetype problemsBefore = problems.count();
        post.caption = c.value(record, QStringLiteral("caption"));
        post.platform = c.value(record, QStringLiteral("platform")).toLower();
        for (const QString &tag : c.value(record, QStringLiteral("hashtags")).split(separators, Qt::SkipEmptyParts))
            post.hashtags.append(tag.toLower());
        const QString engagement = c.value(record, QStringLiteral("engagement"));
        if (!engagement.isEmpty()) {
            if (const auto count = parseCount(engagement))
                post.engagement = *count;
            else
                problems.add(
                    record.line,
                    QCoreApplication::translate("huntaze::creatorcsv", "engagement \"%1\" is not a whole number.").arg(engagement));
        } else {
            for (const char *column : {"likes", "comments", "shares"}) {
                const QString value = c.value(record, QString::fromLatin1(column));
                if (value.isEmpty())
                    continue;
                if (const auto count = parseCount(value))
                    post.engagement += *count;
                else
                    problems.add(record.line,
                                 QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not a whole number.")
                                     .arg(QString::fromLatin1(column), value));
            }
        }
        bool badDate = false;
        const QString posted = c.value(record, QStringLiteral("posted_on"));
        post.postedOn = parseDate(posted, badDate).value_or(QDate());
        if (badDate)
            problems.add(record.line,
                         QCoreApplication::translate("huntaze::creatorcsv", "posted_on \"%1\" is not a date like 2026-01-31.").arg(posted));
        if (problems.count() == problemsBefore) {
            const Result<Post> valid = validatePost(post);
            problems.check(record.line, valid, {});
            if (valid.ok())
                posts.append(valid.value());
        }
    }
    if (!problems.isEmpty())
        return problems.error();
    return posts;
}

QFuture<Result<QList<Fan>>> readFans(const QString &path)
{
    return readFile<Fan>(path, fansFrom);
}

QFuture<Result<QList<Offer>>> readOffers(const QString &path)
{
    return readFile<Offer>(path, offersFrom);
}

QFuture<Result<QList<Post>>> readPosts(const QString &path)
{
    return readFile<Post>(path, postsFrom);
}

namespace {

QString normalised(const QString &name)
{
    QString key = name.trimmed().toLower();
    for (QChar &c : key) {
        if (c == u' ' || c == u'-' || c == u'/' || c == u'.')
            c = u'_';
    }
    return key;
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
    const QString key = normalised(text);
    if (const std::optional<analytics::EarningKind> own = analytics::kindFromId(key))
        return own;
    for (const KindAlias &alias : kindAliases) {
        if (key == QLatin1String(alias.alias))
            return alias.kind;
    }
    return std::nullopt;
}

// An instant with its offset, as EarningEvent::parse takes it: kept as written
// when it has one, else read in `zone`. Empty when it is no time at all.
QString instantFrom(const QString &text, const QTimeZone &zone)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression withOffset(QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)$"));
    if (trimmed.size() > 10 && withOffset.match(trimmed).hasMatch())
        return trimmed;
    QDateTime local;
    for (const char *format : {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm"}) {
        local = QDateTime::fromString(trimmed, QString::fromLatin1(format));
        if (local.isValid())
            break;
    }
    if (!local.isValid()) {
        const QDate day = QDate::fromString(trimmed, Qt::ISODate);
        if (trimmed.size() != 10 || !day.isValid())
            return {};
        local = QDateTime(day, QTime(0, 0));
    }
    return QDateTime(local.date(), local.time(), zone).toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QList<StatementField> statementFields()
{
    return {StatementField::Date, StatementField::Type,      StatementField::Gross,   StatementField::Net,
            StatementField::Fan,  StatementField::Reference, StatementField::Currency};
}

bool isRequired(StatementField field)
{
    return field == StatementField::Date || field == StatementField::Type || field == StatementField::Gross;
}

QString statementFieldName(StatementField field)
{
    switch (field) {
    case StatementField::Date: return QCoreApplication::translate("huntaze::creatorcsv", "Date and time");
    case StatementField::Type: return QCoreApplication::translate("huntaze::creatorcsv", "Type");
    case StatementField::Gross: return QCoreApplication::translate("huntaze::creatorcsv", "Amount (gross)");
    case StatementField::Net: return QCoreApplication::translate("huntaze::creatorcsv", "Net amount");
    case StatementField::Fan: return QCoreApplication::translate("huntaze::creatorcsv", "Fan");
    case StatementField::Reference: return QCoreApplication::translate("huntaze::creatorcsv", "Reference");
    case StatementField::Currency: return QCoreApplication::translate("huntaze::creatorcsv", "Currency");
    }
    return {};
}

QList<StatementField> StatementColumns::missing() const
{
    QList<StatementField> absent;
    for (StatementField field : statementFields()) {
        if (isRequired(field) && column(field) < 0)
            absent.append(field);
    }
    return absent;
}

StatementColumns guessStatementColumns(const QStringList &header)
{
    static const QHash<StatementField, QStringList> names{
        {StatementField::Date,
         {QStringLiteral("date"), QStringLiteral("date_time"), QStringLiteral("datetime"), QStringLiteral("time"),
          QStringLiteral("created_at"), QStringLiteral("occurred_at"), QStringLiteral("occurredat"), QStringLiteral("timestamp")}},
        {StatementField::Type, {QStringLiteral("type"), QStringLiteral("kind"), QStringLiteral("category"), QStringLiteral("source")}},
        {StatementField::Gross,
         {QStringLiteral("gross"), QStringLiteral("amount"), QStringLiteral("gross_amount"), QStringLiteral("price"),
          QStringLiteral("total")}},
        {StatementField::Net, {QStringLiteral("net"), QStringLiteral("net_amount"), QStringLiteral("earnings"), QStringLiteral("payout")}},
        {StatementField::Fan,
         {QStringLiteral("fan"), QStringLiteral("user"), QStringLiteral("username"), QStringLiteral("from"), QStringLiteral("fan_name"),
          QStringLiteral("subscriber")}},
        {StatementField::Reference,
         {QStringLiteral("reference"), QStringLiteral("id"), QStringLiteral("transaction_id"), QStringLiteral("transaction"),
          QStringLiteral("ref")}},
        {StatementField::Currency, {QStringLiteral("currency")}},
    };
    StatementColumns columns;
    for (StatementField field : statementFields()) {
        for (qsizetype i = 0; i < header.size() && columns.column(field) < 0; ++i) {
            if (names.value(field).contains(normalised(header.at(i))))
                columns.index.insert(field, static_cast<int>(i));
        }
    }
    return columns;
}

Result<QList<analytics::EarningEvent>> earningsFrom(const QList<CsvRecord> &records, const StatementColumns &columns,
                                                    const StatementOptions &options)
{
    if (records.isEmpty())
        return Error::validation(QStringLiteral("file"), QCoreApplication::translate("huntaze::creatorcsv", "The file is empty."));
    if (const QList<StatementField> missing = columns.missing(); !missing.isEmpty()) {
        QStringList names;
        for (StatementField field : missing)
            names.append(statementFieldName(field));
        return Error::validation(
            QStringLiteral("file"),
            QCoreApplication::translate("huntaze::creatorcsv", "Choose the column of: %1.").arg(names.join(QStringLiteral(", "))));
    }
    const QStringList &header = records.first().fields;
    const auto headerOf = [&](StatementField field) { return header.value(columns.column(field)).trimmed(); };
    // The rules name the event's fields; the problems name the file's columns.
    const QHash<QString, QString> columnNames{
        {QStringLiteral("occurredAt"), headerOf(StatementField::Date)},  {QStringLiteral("kind"), headerOf(StatementField::Type)},
        {QStringLiteral("gross"), headerOf(StatementField::Gross)},      {QStringLiteral("net"), headerOf(StatementField::Net)},
        {QStringLiteral("fan"), headerOf(StatementField::Fan)},          {QStringLiteral("reference"), headerOf(StatementField::Reference)},
        {QStringLiteral("currency"), headerOf(StatementField::Currency)}};
    QList<analytics::EarningEvent> events;
    events.reserve(records.size() - 1);
    RowProblems problems;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const CsvRecord &record = records.at(i);
        const auto value = [&](StatementField field) {
            const int column = columns.column(field);
            return column >= 0 ? record.fields.value(column).trimmed() : QString();
        };
        const qsizetype problemsBefore = problems.count();
        QJsonObject line;
        const QString when = instantFrom(value(StatementField::Date), options.zone);
        if (when.isEmpty())
            problems.add(record.line,
                         QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not a date and time like 2026-03-01 18:30.")
                             .arg(headerOf(StatementField::Date), value(StatementField::Date)));
        line.insert(QStringLiteral("occurredAt"), when);
        const std::optional<analytics::EarningKind> kind = kindOf(value(StatementField::Type));
        if (!kind)
            problems.add(record.line,
                         QCoreApplication::translate("huntaze::creatorcsv",
                                                     "%1 \"%2\" is not a kind of earning (subscription, renewal, expired, tip, "
                                                     "post, message, mass message, stream, referral, custom).")
                             .arg(headerOf(StatementField::Type), value(StatementField::Type)));
        else
            line.insert(QStringLiteral("kind"), analytics::kindId(*kind));
        for (const auto &[field, key] :
             {std::pair(StatementField::Gross, QStringLiteral("gross")), std::pair(StatementField::Net, QStringLiteral("net"))}) {
            const QString text = value(field);
            if (text.isEmpty())
                continue;
            if (const std::optional<double> amount = parseAmount(text))
                line.insert(key, *amount);
            else
                problems.add(record.line,
                             QCoreApplication::translate("huntaze::creatorcsv", "%1 \"%2\" is not an amount like 12.50.")
                                 .arg(headerOf(field), text));
        }
        for (const auto &[field, key] :
             {std::pair(StatementField::Fan, QStringLiteral("fan")), std::pair(StatementField::Reference, QStringLiteral("reference")),
              std::pair(StatementField::Currency, QStringLiteral("currency"))}) {
            if (const QString text = value(field); !text.isEmpty())
                line.insert(key, text);
        }
        if (problems.count() != problemsBefore)
            continue;
        const Result<analytics::EarningEvent> event = analytics::EarningEvent::parse(line, options.accountCurrency);
        problems.check(record.line, event, columnNames);
        if (event.ok())
            events.append(event.value());
    }
    if (!problems.isEmpty())
        return problems.error();
    return events;
}

QFuture<Result<QList<CsvRecord>>> readRecords(const QString &path)
{
    return readFile<CsvRecord>(path, [](const QList<CsvRecord> &records) -> Result<QList<CsvRecord>> {
        if (records.isEmpty())
            return Error::validation(QStringLiteral("file"), QCoreApplication::translate("huntaze::creatorcsv", "The file is empty."));
        return records;
    });
}

QFuture<Result<QList<analytics::EarningEvent>>> convertEarnings(const QList<CsvRecord> &records, const StatementColumns &columns,
                                                                const StatementOptions &options)
{
    return QtConcurrent::run([records, columns, options](QPromise<Result<QList<analytics::EarningEvent>>> &promise) {
        promise.setProgressRange(0, 100);
        if (promise.isCanceled())
            return;
        promise.addResult(earningsFrom(records, columns, options));
        promise.setProgressValue(100);
    });
}

} // namespace huntaze::creatorcsv
