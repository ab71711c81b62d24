#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

// What the CSV importers share: the problems of a file, listed by line, and
// amounts as people write them.
namespace huntaze::creatorcsv {

class RowProblems
{
public:
    void add(int line, const QString &message);
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
    // "Nothing was imported. Fix these rows…", the first ten listed.
    Error error() const;

private:
    QStringList m_problems;
};

// "12.50", "$12.50", "12,50", "1 200.00"; none when it is no amount or below zero.
std::optional<double> parseAmount(QString text);

// A column name as the importers compare it: trimmed, lower case, with
// spaces, dashes, slashes and dots as underscores ("Sent At" -> "sent_at").
QString normalisedName(const QString &name);

} // namespace huntaze::creatorcsv
