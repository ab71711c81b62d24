#include "ssestream.h"

namespace huntaze {

QList<QByteArray> SseStream::feed(const QByteArray &chunk)
{
    m_buffer += chunk;
    return takeEvents(false);
}

QList<QByteArray> SseStream::finish()
{
    return takeEvents(true);
}

QList<QByteArray> SseStream::takeEvents(bool atEnd)
{
    m_buffer.replace("\r\n", "\n");
    QList<QByteArray> events;
    for (;;) {
        qsizetype end = m_buffer.indexOf("\n\n");
        if (end < 0) {
            if (!atEnd || m_buffer.trimmed().isEmpty())
                break;
            end = m_buffer.size();
        }
        const QByteArray block = m_buffer.left(end);
        m_buffer.remove(0, std::min(end + 2, m_buffer.size()));
        QByteArray data;
        bool hasData = false;
        for (const QByteArray &line : block.split('\n')) {
            if (!line.startsWith("data:"))
                continue; // comments (":"), "event:", "id:", "retry:"
            QByteArray value = line.mid(5);
            if (value.startsWith(' '))
                value.remove(0, 1);
            if (hasData)
                data += '\n';
            data += value;
            hasData = true;
        }
        if (hasData)
            events.append(data);
    }
    return events;
}

} // namespace huntaze
