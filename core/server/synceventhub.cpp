#include "synceventhub.h"

#include "server/responsestream.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace huntaze::server {

namespace {

QByteArray sseEvent(const char *name, qint64 version)
{
    const QByteArray data = QJsonDocument(QJsonObject{{QStringLiteral("version"), version}}).toJson(QJsonDocument::Compact);
    return QByteArray("event: ") + name + "\ndata: " + data + "\n\n";
}

} // namespace

SyncEventHub::SyncEventHub(QObject *parent) : QObject(parent)
{
    m_keepAlive.setInterval(keepAliveInterval);
    connect(&m_keepAlive, &QTimer::timeout, this, [this] {
        for (const Listener &listener : m_listeners)
            listener.stream->write(QByteArrayLiteral(": still here\n\n"));
    });
}

SyncEventHub::~SyncEventHub()
{
    endAll();
}

std::shared_ptr<ResponseStream> SyncEventHub::open(qint64 agencyId, qint64 userId, qint64 version)
{
    int held = 0;
    for (auto it = m_listeners.rbegin(); it != m_listeners.rend(); ++it) {
        if (it->userId == userId && ++held >= maxStreamsPerMember) {
            // Their oldest beyond the allowance ends (ending it drops it from the list).
            it->stream->end();
            break;
        }
    }
    auto stream = std::make_shared<ResponseStream>();
    const ResponseStream *key = stream.get();
    connect(stream.get(), &ResponseStream::ended, this, [this, key] { drop(key); });
    connect(stream.get(), &ResponseStream::abandoned, this, [this, key] { drop(key); });
    stream->write("retry: " + QByteArray::number(std::chrono::milliseconds(reconnectAfter).count()) + "\n" + sseEvent("ready", version));
    m_listeners.push_back({agencyId, userId, version, stream});
    if (!m_keepAlive.isActive())
        m_keepAlive.start();
    return stream;
}

void SyncEventHub::changed(qint64 agencyId, qint64 version)
{
    QMetaObject::invokeMethod(
        this, [this, agencyId, version] { deliver(agencyId, version); }, Qt::QueuedConnection);
}

void SyncEventHub::deliver(qint64 agencyId, qint64 version)
{
    for (Listener &listener : m_listeners) {
        // Notifications may arrive out of order across commits: a device is told of a version once, and never of an older one.
        if (listener.agencyId != agencyId || version <= listener.version)
            continue;
        listener.version = version;
        listener.stream->write(sseEvent("changed", version));
    }
    Q_EMIT delivered(agencyId, version);
}

void SyncEventHub::drop(const ResponseStream *stream)
{
    const auto found = std::find_if(m_listeners.begin(), m_listeners.end(),
                                    [stream](const Listener &listener) { return listener.stream.get() == stream; });
    if (found == m_listeners.end())
        return;
    // Called from the stream's own signal: it is let go once that signal is over.
    QMetaObject::invokeMethod(
        this, [held = std::move(found->stream)] {}, Qt::QueuedConnection);
    m_listeners.erase(found);
    if (m_listeners.empty())
        m_keepAlive.stop();
}

void SyncEventHub::endAll()
{
    // Ending drops each from the list: end copies.
    std::list<Listener> ending = m_listeners;
    for (Listener &listener : ending)
        listener.stream->end();
    m_listeners.clear();
    m_keepAlive.stop();
}

} // namespace huntaze::server
