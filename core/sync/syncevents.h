#pragma once

#include "common/result.h"
#include "net/apirequest.h"
#include "net/clock.h"
#include "net/ssestream.h"

#include <QFuture>
#include <QObject>

#include <chrono>
#include <memory>

namespace huntaze {
class ServerApi;
} // namespace huntaze

namespace huntaze::sync {

class SyncEngine;

// Listens to the server's sync events (GET /api/sync/events, issue 13) while
// a replica is open: when the agency's version moves past what the replica
// has, the engine syncs at once, so another member's edit shows in moments
// instead of at the next periodic pull (which stays as the fallback). A
// stream that ends or cannot start is listened to again after
// `listenAgainAfter`; one refused for an expired access token asks for a
// sync, which renews the session, and listens again when it is over.
class SyncEvents : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds listenAgainAfter{10000};
    // The server says something every 20 s; this much silence means the stream is dead.
    static constexpr std::chrono::milliseconds silenceLimit{50000};

    SyncEvents(ServerApi &api, SyncEngine &engine, Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~SyncEvents() override;

    // Listens (again at once, when started already and its stream is down).
    void start();
    void stop();
    // A stream is open (or being opened).
    bool isListening() const { return m_listening; }

private:
    void listen();
    void onData(const QByteArray &bytes);
    void onEnded(const Result<ApiResponse> &result);

    ServerApi &m_api;
    SyncEngine &m_engine;
    Clock &m_clock;
    SseStream m_parser;
    QFuture<Result<ApiResponse>> m_call;
    std::unique_ptr<ClockTimer> m_again;
    bool m_started = false;
    bool m_listening = false;
    int m_generation = 0; // each stream's answer is for its own generation only
};

} // namespace huntaze::sync
