#include "jsonwriter.h"

#include <QLocale>

#include <cmath>
#include <utility>

namespace huntaze {

JsonWriter::JsonWriter(qsizetype expectedSize)
{
    m_out.reserve(expectedSize);
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.isEmpty()) {
        if (!m_first.last())
            m_out.append(',');
        m_first.last() = false;
    }
}

JsonWriter &JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    m_first.append(true);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    m_out.append('}');
    m_first.removeLast();
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    m_first.append(true);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    m_out.append(']');
    m_first.removeLast();
    return *this;
}

JsonWriter &JsonWriter::key(QLatin1String name)
{
    separate();
    m_out.append('"');
    m_out.append(name.data(), name.size());
    m_out.append("\":", 2);
    m_afterKey = true;
    return *this;
}

void JsonWriter::writeString(QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    m_out.append('"');
    const QByteArray utf8 = text.toUtf8();
    for (const char byte : utf8) {
        const auto c = static_cast<unsigned char>(byte);
        switch (c) {
        case '"': m_out.append("\\\"", 2); break;
        case '\\': m_out.append("\\\\", 2); break;
        case '\b': m_out.append("\\b", 2); break;
        case '\f': m_out.append("\\f", 2); break;
        case '\n': m_out.append("\\n", 2); break;
        case '\r': m_out.append("\\r", 2); break;
        case '\t': m_out.append("\\t", 2); break;
        default:
            if (c < 0x20) {
                const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                m_out.append(escaped, sizeof escaped);
            } else {
                m_out.append(byte);
            }
        }
    }
    m_out.append('"');
}

JsonWriter &JsonWriter::value(QStringView text)
{
    separate();
    writeString(text);
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1String text)
{
    separate();
    writeString(QString(text));
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
    return *this;
}

JsonWriter &JsonWriter::value(double number)
{
    if (!std::isfinite(number))
        return null();
    separate();
    m_out.append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    separate();
    m_out.append(flag ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out.append("null", 4);
    return *this;
}

QByteArray JsonWriter::take()
{
    m_first.clear();
    m_afterKey = false;
    return std::exchange(m_out, QByteArray());
}

} // namespace huntaze
