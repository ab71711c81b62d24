#pragma once

#include <QObject>

namespace huntaze {

// Tells when the network comes back, from the platform's own reachability
// (QNetworkInformation: NetworkManager on Linux, the system's on Windows and
// macOS). Where there is no backend it never says anything, and the sync's
// retry and periodic timers stand in for it.
class NetworkWatch : public QObject
{
    Q_OBJECT
public:
    explicit NetworkWatch(QObject *parent = nullptr);

    bool reachable() const { return m_reachable; }
    // What the platform says (and what tests say in its place): reachable
    // after unreachable is a return.
    void setReachable(bool reachable);

Q_SIGNALS:
    void returned();

private:
    bool m_reachable = true;
};

} // namespace huntaze
