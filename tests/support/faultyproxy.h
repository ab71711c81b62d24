#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace huntaze::test {

// An HTTP proxy on 127.0.0.1 between a desktop and a real server that breaks
// the requests a test names (issue 13: the desktop's own sync engine through
// a faulty network). Each request is passed on whole with "Connection: close"
// and its answer passed back, unless a fault waits for its path:
// - LoseAnswer: the server gets it and answers (it committed), the desktop's
//   connection is reset instead of the answer;
// - SendTwice: the server gets it twice in a row; the desktop gets the second answer;
// - NeverArrives: the desktop's connection is reset before the server sees it.
// Answers that never end (event streams) do not go through it.
class FaultyProxy : public QObject
{
    Q_OBJECT
public:
    enum class Fault { LoseAnswer, SendTwice, NeverArrives };
    Q_ENUM(Fault)

    explicit FaultyProxy(QUrl upstream, QObject *parent = nullptr);
    ~FaultyProxy() override;

    QUrl url() const;
    // The next request whose path starts with `pathPrefix` meets `fault` (faults queue per prefix).
    void failNext(const QByteArray &pathPrefix, Fault fault);
    // Every request whose path starts with `pathPrefix` meets `fault` until clearFaults().
    void failEvery(const QByteArray &pathPrefix, Fault fault) { m_lasting.append({pathPrefix, fault}); }
    void clearFaults()
    {
        m_faults.clear();
        m_lasting.clear();
    }
    // How many requests whose path starts with `pathPrefix` reached the server.
    int forwarded(const QByteArray &pathPrefix) const;
    // Faults met so far.
    int faultsMet() const { return m_faultsMet; }

private:
    struct Exchange;
    void onReadyRead(QTcpSocket *client);
    void forward(QTcpSocket *client, QByteArray request, const QByteArray &path, int sendsLeft, bool loseAnswer);

    QUrl m_upstream;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<std::pair<QByteArray, Fault>> m_faults;
    QList<std::pair<QByteArray, Fault>> m_lasting;
    QList<QByteArray> m_forwardedPaths;
    int m_faultsMet = 0;
};

} // namespace huntaze::test
