#pragma once

#include "common/result.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace huntaze {

class JsonWriter;

// A fan of the creator, as the message tools see them.
struct Fan {
    qint64 id = 0;
    QString name;
    QStringList tags;
    double totalSpend = 0;
    QString lastPurchase; // what they bought last
    QDate lastActive;

    QString firstName() const;
    int daysInactive(const QDate &today) const; // -1 when never active
    QJsonObject toJson() const;
    // The same fields, written straight into `out` (a long list is several
    // times cheaper this way); without what the fan spent and bought last
    // when `withEarnings` is false.
    void writeJson(JsonWriter &out, bool withEarnings = true) const;
    static Fan fromJson(const QJsonObject &json);
    // A row sent by a client: wrong types and values are errors naming the field.
    static Result<Fan> parse(const QJsonValue &row);
    friend bool operator==(const Fan &, const Fan &) = default;
};

// A paid offer (PPV message, locked post) and how it sold.
struct Offer {
    qint64 id = 0;
    QString title;
    double price = 0;
    int recipients = 0;
    int purchases = 0;
    QDate sentOn;

    QJsonObject toJson() const;
    static Offer fromJson(const QJsonObject &json);
    static Result<Offer> parse(const QJsonValue &row);
    friend bool operator==(const Offer &, const Offer &) = default;
};

// A past post and the engagement it brought (likes + comments + shares).
struct Post {
    qint64 id = 0;
    QString platform;
    QString caption;
    QStringList hashtags; // without '#'
    int engagement = 0;
    QDate postedOn;

    QJsonObject toJson() const;
    static Post fromJson(const QJsonObject &json);
    static Result<Post> parse(const QJsonValue &row);
    friend bool operator==(const Post &, const Post &) = default;
};

// Rows fit to keep (rules.h), normalised (amounts in whole cents, names
// trimmed). The same rules on every backend and in every import; an error
// names the field as the JSON API spells it ("totalSpend").
Result<Fan> validateFan(Fan fan);
Result<Offer> validateOffer(Offer offer);
Result<Post> validatePost(Post post);

// A row of an import refused by the domain's rules, named by its place:
// "offers[3].price: … Nothing was imported." The one form for every import
// (the routes, a pushed import, the replica).
Error importRowError(const QString &list, qsizetype index, const Error &problem);

// A row made in code refused by the domain's rules, named by its line: "Row 4:
// … Nothing was imported." (its field "fans[3].name").
Error rowError(const QString &list, qsizetype index, const Error &problem);

// Rows made in code (a file read, another backend's) through `validate`,
// normalised; the first bad one names itself and nothing is taken.
template <typename T> Result<QList<T>> checkRows(const QString &list, QList<T> rows, Result<T> (*validate)(T))
{
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Result<T> valid = validate(rows.at(i));
        if (!valid.ok())
            return rowError(list, i, valid.error());
        rows[i] = std::move(valid).value();
    }
    return rows;
}

// Every row of `list` through T::parse; the first bad one names itself and
// nothing is taken.
template <typename T> Result<QList<T>> parseRows(const QString &list, const QJsonArray &rows)
{
    QList<T> items;
    items.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        Result<T> row = T::parse(rows.at(i));
        if (!row.ok())
            return importRowError(list, i, row.error());
        items.append(std::move(row).value());
    }
    return items;
}

} // namespace huntaze
