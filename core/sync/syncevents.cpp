#include "syncevents.h"

#include "backend/serverapi.h"
#include "common/async.h"
#include "logging/logging.h"
#include "sync/syncengine.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace huntaze::sync {

SyncEvents::SyncEvents(ServerApi &api, SyncEngine &engine, Clock &clock, QObject *parent)
    : QObject(parent), m_api(api), m_engine(engine), m_clock(clock)
{}

SyncEvents::~SyncEvents()
{
    stop();
}

void SyncEvents::start()
{
    // Started already: listens again at once if its stream is down (a sync just went through).
    if (m_started && m_listening)
        return;
    m_started = true;
    listen();
}

void SyncEvents::stop()
{
    m_started = false;
    m_again.reset();
    ++m_generation;
    m_listening = false;
    // Only a call still running: cancelling a finished future walks freed continuations on Qt 6.4.
    if (m_call.isValid() && !m_call.isFinished())
        m_call.cancel();
}

void SyncEvents::listen()
{
    m_again.reset();
    if (!m_started)
        return;
    m_parser = SseStream();
    m_listening = true;
    const int generation = ++m_generation;
    m_call = m_api.listen(
        QStringLiteral("/api/sync/events"),
        [this, generation](const QByteArray &bytes) {
            if (generation == m_generation)
                onData(bytes);
        },
        silenceLimit);
    onFinished(m_call, this, [this, generation](const Result<ApiResponse> &result) {
        if (generation == m_generation)
            onEnded(result);
    });
}

void SyncEvents::onData(const QByteArray &bytes)
{
    for (const QByteArray &data : m_parser.feed(bytes)) {
        const qint64 version = QJsonDocument::fromJson(data).object().value(QStringLiteral("version")).toInteger(-1);
        // Ready or changed: a version past the replica's means rows to pull.
        if (version > m_engine.status().cookie)
            m_engine.requestSync();
    }
}

void SyncEvents::onEnded(const Result<ApiResponse> &result)
{
    m_listening = false;
    if (!m_started)
        return;
    if (!result.ok() && result.error().code != ErrorCode::Cancelled)
        qCInfo(lcState).noquote() << "sync events ended:" << result.error().detail;
    else if (result.ok() && result.value().status >= 400)
        qCInfo(lcState).noquote() << "sync events refused: HTTP" << result.value().status;
    if (result.ok() && result.value().status == 401) {
        // The access token expired: a sync renews the session, and its end starts listening again.
        m_engine.requestSync();
        return;
    }
    m_again = m_clock.startTimer(listenAgainAfter, this, [this] { listen(); });
}

} // namespace huntaze::sync
