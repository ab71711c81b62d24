#include "idleclosingtcpserver.h"

#include <QTcpSocket>
#include <QTimer>

namespace huntaze::server {

IdleClosingTcpServer::IdleClosingTcpServer(std::chrono::milliseconds idleTimeout, QObject *parent)
    : QTcpServer(parent), m_idleTimeout(idleTimeout)
{}

void IdleClosingTcpServer::pauseIdleTimeout(QTcpSocket *socket)
{
    if (auto *idle = socket->findChild<QTimer *>(QString::fromLatin1(idleTimerName)))
        idle->stop();
}

void IdleClosingTcpServer::resumeIdleTimeout(QTcpSocket *socket)
{
    if (auto *idle = socket->findChild<QTimer *>(QString::fromLatin1(idleTimerName)))
        idle->start();
}

void IdleClosingTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto *idle = new QTimer(socket);
    idle->setObjectName(QString::fromLatin1(idleTimerName));
    idle->setSingleShot(true);
    idle->setInterval(m_idleTimeout);
    connect(idle, &QTimer::timeout, socket, [socket] { socket->disconnectFromHost(); });
    connect(socket, &QIODevice::readyRead, idle, qOverload<>(&QTimer::start));
    idle->start();
    addPendingConnection(socket);
}

} // namespace huntaze::server
