#include "creatorcsv.h"

#include "importing/csvrows.h"

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

QFuture<Result<QList<CsvRecord>>> readRecords(const QString &path)
{
    return readFile<CsvRecord>(path, [](const QList<CsvRecord> &records) -> Result<QList<CsvRecord>> {
        if (records.isEmpty())
            return Error::validation(QStringLiteral("file"), QCoreApplication::translate("huntaze::creatorcsv", "The file is empty."));
        return records;
    });
}

} // namespace huntaze::creatorcsv
