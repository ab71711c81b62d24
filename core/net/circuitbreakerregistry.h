#pragma once

#include "net/circuitbreaker.h"

#include <QObject>

#include <map>
#include <memory>

namespace huntaze {

// One circuit breaker per named service ("huntaze-server", "ai-provider"), for
// the API client, the Service status view and the metrics exporter.
class CircuitBreakerRegistry : public QObject
{
    Q_OBJECT
public:
    explicit CircuitBreakerRegistry(Clock &clock = Clock::system(), QObject *parent = nullptr);

    // The breaker for `service`, created with `config` (or the defaults) on first use.
    CircuitBreaker &breaker(const QString &service, const CircuitBreakerConfig &config = {});
    QList<CircuitBreaker *> breakers() const;
    bool anyOpen() const;

Q_SIGNALS:
    // A breaker was added or changed state.
    void changed();

private:
    Clock &m_clock;
    std::map<QString, std::unique_ptr<CircuitBreaker>> m_breakers;
};

} // namespace huntaze
