#include "sessioncachelistener.h"

#include "logging/logging.h"
#include "server/sessioncache.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze::server {

namespace {

const QString channel = QStringLiteral("huntaze_sessions");

QString uniqueConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("huntaze-session-cache-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

SessionCacheListener::SessionCacheListener(DatabaseConfig database, SessionCache &cache, std::chrono::milliseconds checkEvery)
    : m_database(std::move(database)), m_cache(cache), m_checkEvery(checkEvery), m_connectionName(uniqueConnectionName())
{
    m_thread.setObjectName(QStringLiteral("session cache listener"));
}

SessionCacheListener::~SessionCacheListener()
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
    m_cache.setListening(false);
}

void SessionCacheListener::start()
{
    moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(this, [this] {
        m_timer = new QTimer;
        m_timer->setInterval(m_checkEvery);
        connect(m_timer, &QTimer::timeout, this, &SessionCacheListener::check);
        m_timer->start();
        check();
    });
}

void SessionCacheListener::checkSoon()
{
    QMetaObject::invokeMethod(this, &SessionCacheListener::check, Qt::QueuedConnection);
}

void SessionCacheListener::check()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        QSqlQuery probe(db);
        if (db.isOpen() && probe.exec(QStringLiteral("SELECT 1")))
            return setListening(true);
        qCWarning(lcServer) << "session cache: lost the notification connection; caching nothing until it is back";
        setListening(false);
        probe = QSqlQuery();
        db = QSqlDatabase();
        disconnectDatabase();
    }
    setListening(connectAndListen());
}

bool SessionCacheListener::connectAndListen()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(m_database.qtDriverName(), m_connectionName);
    db.setDatabaseName(m_database.databaseName);
    db.setHostName(m_database.host);
    db.setPort(m_database.port);
    db.setUserName(m_database.user);
    db.setPassword(m_database.password);
    db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=huntaze-session-cache"));
    if (!db.open() || !db.driver()->subscribeToNotification(channel)) {
        qCWarning(lcServer) << "session cache: cannot listen for invalidations:" << db.lastError().text();
        db = QSqlDatabase();
        disconnectDatabase();
        return false;
    }
    connect(db.driver(), &QSqlDriver::notification, this, &SessionCacheListener::onNotification);
    return true;
}

void SessionCacheListener::disconnectDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

void SessionCacheListener::onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name != channel)
        return;
    m_cache.forget(payload.toString());
    Q_EMIT applied(payload.toString());
}

void SessionCacheListener::setListening(bool listening)
{
    if (listening == m_listening)
        return;
    m_listening = listening;
    m_cache.setListening(listening);
    Q_EMIT listeningChanged(listening);
}

} // namespace huntaze::server
