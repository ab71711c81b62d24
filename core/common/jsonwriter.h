#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QList>
#include <QStringView>

namespace huntaze {

// Writes compact JSON straight into bytes, for answers with thousands of
// values (a creator's fans), where building a QJsonObject per row and then
// serializing it costs several times the database work. Output is what
// QJsonDocument::toJson(Compact) writes for the same values: UTF-8, strings
// escaped the same way, doubles in their shortest exact form. Keys and
// values go in the order written; the caller keeps the structure valid.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype expectedSize = 0);

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    // Inside an object: the next value's name (ASCII names only).
    JsonWriter &key(QLatin1String name);

    JsonWriter &value(QStringView text);
    JsonWriter &value(QLatin1String text);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(double number); // not finite: null, as QJsonDocument writes it
    JsonWriter &value(bool flag);
    JsonWriter &null();

    QByteArray take();

private:
    void separate();
    void writeString(QStringView text);

    QByteArray m_out;
    QList<bool> m_first; // per open object or array: nothing written in it yet
    bool m_afterKey = false;
};

} // namespace huntaze
