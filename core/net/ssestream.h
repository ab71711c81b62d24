#pragma once

#include <QByteArray>
#include <QList>

namespace huntaze {

// Server-sent events (the text/event-stream format OpenAI-compatible servers
// stream with): feed it bytes as they arrive, in chunks of any size, and it
// returns the data of each complete event. A chunk may end in the middle of a
// line, a JSON value, or a multi-byte character; the rest waits for the next chunk.
class SseStream
{
public:
    // The `data` of every event completed by this chunk ("data:" lines of one
    // event joined by newlines), in order. Comments and other fields are skipped.
    QList<QByteArray> feed(const QByteArray &chunk);
    // Whatever is buffered when the stream ends without a final blank line.
    QList<QByteArray> finish();

private:
    QList<QByteArray> takeEvents(bool atEnd);

    QByteArray m_buffer;
};

} // namespace huntaze
