#pragma once

#include <QTcpServer>
#include <QTcpSocket>

#include <chrono>

namespace huntaze::server {

// A QTcpServer whose connections close after a stretch of silence: Qt
// HttpServer 6.4 keeps an idle or half-sent connection open forever, so a few
// hundred silent clients could use up the server's file descriptors. Any byte
// received restarts the clock.
class IdleClosingTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit IdleClosingTcpServer(std::chrono::milliseconds idleTimeout, QObject *parent = nullptr);

    // A request being answered is not idleness (an AI answer may take a
    // minute): the HTTP layer pauses the clock until its answers are out.
    static void pauseIdleTimeout(QTcpSocket *socket);
    static void resumeIdleTimeout(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    static constexpr const char *idleTimerName = "huntaze-idle-timeout";
    std::chrono::milliseconds m_idleTimeout;
};

} // namespace huntaze::server
