#include "databaselistener.h"

#include "logging/logging.h"
#include "server/sessioncache.h"
#include "server/synceventhub.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze::server {

namespace {

const QString sessionChannel = QStringLiteral("huntaze_sessions");
const QString syncChannel = QStringLiteral("huntaze_sync");

QString uniqueConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("huntaze-session-cache-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

DatabaseListener::DatabaseListener(DatabaseConfig database, SessionCache *cache, SyncEventHub *syncEvents,
                                   std::chrono::milliseconds checkEvery)
    : m_database(std::move(database)),
      m_cache(cache),
      m_syncEvents(syncEvents),
      m_checkEvery(checkEvery),
      m_connectionName(uniqueConnectionName())
{
    m_thread.setObjectName(QStringLiteral("database listener"));
}

DatabaseListener::~DatabaseListener()
{
    if (m_thread.isRunning()) {
        // The connection and the timer belong to the thread: end them there.
        QMetaObject::invokeMethod(
            this,
            [this] {
                delete m_timer;
                m_timer = nullptr;
                disconnectDatabase();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    if (m_cache)
        m_cache->setListening(false);
}

void DatabaseListener::start()
{
    moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(this, [this] {
        m_timer = new QTimer;
        m_timer->setInterval(m_checkEvery);
        connect(m_timer, &QTimer::timeout, this, &DatabaseListener::check);
        m_timer->start();
        check();
    });
}

void DatabaseListener::checkSoon()
{
    QMetaObject::invokeMethod(this, &DatabaseListener::check, Qt::QueuedConnection);
}

void DatabaseListener::check()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        QSqlQuery probe(db);
        if (db.isOpen() && probe.exec(QStringLiteral("SELECT 1")))
            return setListening(true);
        qCWarning(lcServer) << "lost the notification connection; caching no session until it is back";
        setListening(false);
        probe = QSqlQuery();
        db = QSqlDatabase();
        disconnectDatabase();
    }
    setListening(connectAndListen());
}

bool DatabaseListener::connectAndListen()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(m_database.qtDriverName(), m_connectionName);
    db.setDatabaseName(m_database.databaseName);
    db.setHostName(m_database.host);
    db.setPort(m_database.port);
    db.setUserName(m_database.user);
    db.setPassword(m_database.password);
    db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=huntaze-listener"));
    const bool subscribed = db.open() && (!m_cache || db.driver()->subscribeToNotification(sessionChannel))
        && (!m_syncEvents || db.driver()->subscribeToNotification(syncChannel));
    if (!subscribed) {
        qCWarning(lcServer) << "cannot listen for other instances' notifications:" << db.lastError().text();
        db = QSqlDatabase();
        disconnectDatabase();
        return false;
    }
    connect(db.driver(), &QSqlDriver::notification, this, &DatabaseListener::onNotification);
    return true;
}

void DatabaseListener::disconnectDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

void DatabaseListener::onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name == syncChannel && m_syncEvents) {
        // "<agency>:<version>", as the sync_counters trigger (0039) sends it.
        const QStringList parts = payload.toString().split(u':');
        bool agencyOk = false;
        bool versionOk = false;
        const qint64 agencyId = parts.value(0).toLongLong(&agencyOk);
        const qint64 version = parts.value(1).toLongLong(&versionOk);
        if (parts.size() == 2 && agencyOk && versionOk)
            m_syncEvents->changed(agencyId, version);
        return;
    }
    if (name != sessionChannel || !m_cache)
        return;
    m_cache->forget(payload.toString());
    Q_EMIT applied(payload.toString());
}

void DatabaseListener::setListening(bool listening)
{
    if (listening == m_listening)
        return;
    m_listening = listening;
    if (m_cache)
        m_cache->setListening(listening);
    Q_EMIT listeningChanged(listening);
}

} // namespace huntaze::server
