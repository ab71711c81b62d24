#include "networkwatch.h"

#include <QNetworkInformation>

namespace huntaze {

NetworkWatch::NetworkWatch(QObject *parent) : QObject(parent)
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return;
    QNetworkInformation *information = QNetworkInformation::instance();
    const auto follow = [this](QNetworkInformation::Reachability reachability) {
        // Unknown says nothing either way; only a network known to be gone makes the next "online" a return.
        if (reachability != QNetworkInformation::Reachability::Unknown)
            setReachable(reachability == QNetworkInformation::Reachability::Online);
    };
    follow(information->reachability());
    connect(information, &QNetworkInformation::reachabilityChanged, this, follow);
}

void NetworkWatch::setReachable(bool reachable)
{
    const bool back = reachable && !m_reachable;
    m_reachable = reachable;
    if (back)
        Q_EMIT returned();
}

} // namespace huntaze
