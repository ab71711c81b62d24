#pragma once

#include "storage/databaseconfig.h"

#include <QObject>
#include <QSqlDriver>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <chrono>
#include <memory>

namespace huntaze::server {

class SessionCache;

// Listens on its own PostgreSQL connection, in its own thread, for the
// notifications that invalidate the session cache (channel
// `huntaze_sessions`), and tells the cache whether it is listening: a lost
// connection empties the cache and stops it keeping anything until the
// listener is back (`checkEvery` bounds how long a silent loss goes unseen).
class SessionCacheListener : public QObject
{
    Q_OBJECT
public:
    SessionCacheListener(DatabaseConfig database, SessionCache &cache, std::chrono::milliseconds checkEvery);
    ~SessionCacheListener() override;

    // Moves to a thread of its own and connects (then checks, and reconnects, every `checkEvery`).
    void start();
    // Checks the connection now (the timer does it on its own), from any thread.
    void checkSoon();

Q_SIGNALS:
    void listeningChanged(bool listening);
    // Each notification, once the cache has applied it.
    void applied(const QString &payload);

private:
    void check();
    bool connectAndListen();
    void disconnectDatabase();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void setListening(bool listening);

    DatabaseConfig m_database;
    SessionCache &m_cache;
    std::chrono::milliseconds m_checkEvery;
    QString m_connectionName;
    QThread m_thread;
    QTimer *m_timer = nullptr; // lives in m_thread
    bool m_listening = false;
};

} // namespace huntaze::server
