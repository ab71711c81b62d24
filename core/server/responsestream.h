#pragma once

#include <QByteArray>
#include <QObject>

namespace huntaze::server {

// An answer that goes on after its head (server-sent events): its writer
// says something whenever it has something to say, until it ends it or the
// client goes. What is written before the connection takes the answer up is
// kept for it. Lives in the server's thread.
class ResponseStream : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void write(const QByteArray &bytes);
    // No more: the connection closes once what was written is sent.
    void end();
    bool isEnded() const { return m_ended; }

    // For the connection: what was written so far; later writes come as data().
    QByteArray takeUp();
    // For the connection: the client went.
    void abandon();

Q_SIGNALS:
    void data(const QByteArray &bytes);
    void ended();
    void abandoned();

private:
    QByteArray m_waiting;
    bool m_takenUp = false;
    bool m_ended = false;
};

} // namespace huntaze::server
