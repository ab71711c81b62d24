#pragma once

#include "storage/databaseconfig.h"

#include <QObject>
#include <QSqlDriver>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <atomic>
#include <chrono>
#include <memory>

namespace huntaze::server {

class SessionCache;
class SyncEventHub;

// Listens on its own PostgreSQL connection, in its own thread, for what other
// instances' commits tell every instance: sessions that the session cache
// must forget (channel `huntaze_sessions`), and agencies whose sync version
// moved (channel `huntaze_sync`, handed to the SyncEventHub that pokes
// listening devices). It tells the cache whether it is listening: a lost
// connection empties the cache and stops it keeping anything until the
// listener is back (`checkEvery` bounds how long a silent loss goes unseen).
class DatabaseListener : public QObject
{
    Q_OBJECT
public:
    // Either may be null: that channel is not listened to.
    DatabaseListener(DatabaseConfig database, SessionCache *cache, SyncEventHub *syncEvents, std::chrono::milliseconds checkEvery);
    ~DatabaseListener() override;

    // Moves to a thread of its own and connects (then checks, and reconnects, every `checkEvery`).
    void start();
    // Checks the connection now (the timer does it on its own), from any thread.
    void checkSoon();
    // Subscribed to the channels now (from any thread).
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    void listeningChanged(bool listening);
    // Each session notification, once the cache has applied it.
    void applied(const QString &payload);

private:
    void check();
    bool connectAndListen();
    void disconnectDatabase();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void setListening(bool listening);

    DatabaseConfig m_database;
    SessionCache *m_cache;
    SyncEventHub *m_syncEvents;
    std::chrono::milliseconds m_checkEvery;
    QString m_connectionName;
    QThread m_thread;
    QTimer *m_timer = nullptr; // lives in m_thread
    std::atomic<bool> m_listening = false;
};

} // namespace huntaze::server
