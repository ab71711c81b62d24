#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>

// Lists of whole numbers in the analytics' JSON (series, grids, bands).
namespace huntaze::analytics::json {

inline QJsonArray numbers(const QList<qint64> &values)
{
    QJsonArray array;
    for (qint64 value : values)
        array.append(value);
    return array;
}

inline QList<qint64> numbersFrom(const QJsonValue &value)
{
    QList<qint64> values;
    for (const QJsonValue &item : value.toArray())
        values.append(item.toInteger());
    return values;
}

} // namespace huntaze::analytics::json
