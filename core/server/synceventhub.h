#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <list>
#include <memory>

namespace huntaze::server {

class ResponseStream;

// The devices listening for their agency's changes (GET /api/sync/events,
// issue 13): each gets a server-sent event whenever the agency's sync version
// moves, whichever instance committed the change (DatabaseListener hears
// PostgreSQL's notification and calls changed()), so it pulls at once rather
// than at its next periodic pull. An event carries the version only: a member
// learns nothing of rows they may not see, and pulls what they may.
//
// A member holds at most maxStreamsPerMember streams: a further one ends their
// oldest (a device that reconnects without closing does not pile them up).
// A comment goes out every keepAliveInterval so proxies and the client can
// tell a quiet stream from a dead one. Lives in the server's thread.
class SyncEventHub : public QObject
{
    Q_OBJECT
public:
    static constexpr int maxStreamsPerMember = 4;
    static constexpr std::chrono::seconds keepAliveInterval{20};
    // How long a device waits before listening again after a stream ends (the SSE "retry" field).
    static constexpr std::chrono::seconds reconnectAfter{10};

    explicit SyncEventHub(QObject *parent = nullptr);
    ~SyncEventHub() override;

    // A stream for `userId` of `agencyId`, whose version is `version` now; it starts with a "ready" event.
    std::shared_ptr<ResponseStream> open(qint64 agencyId, qint64 userId, qint64 version);
    // The agency's version is now `version` (from any thread).
    void changed(qint64 agencyId, qint64 version);
    // Ends every stream (the server stops).
    void endAll();
    int streamCount() const { return static_cast<int>(m_listeners.size()); }

Q_SIGNALS:
    // After the streams of `agencyId` were told (for tests and metrics).
    void delivered(qint64 agencyId, qint64 version);

private:
    struct Listener {
        qint64 agencyId = 0;
        qint64 userId = 0;
        qint64 version = 0; // the last the device was told
        std::shared_ptr<ResponseStream> stream;
    };
    void deliver(qint64 agencyId, qint64 version);
    void drop(const ResponseStream *stream);

    std::list<Listener> m_listeners; // oldest first
    QTimer m_keepAlive;
};

} // namespace huntaze::server
