#include "circuitbreakerregistry.h"

namespace huntaze {

CircuitBreakerRegistry::CircuitBreakerRegistry(Clock &clock, QObject *parent) : QObject(parent), m_clock(clock)
{}

CircuitBreaker &CircuitBreakerRegistry::breaker(const QString &service, const CircuitBreakerConfig &config)
{
    auto found = m_breakers.find(service);
    if (found != m_breakers.end())
        return *found->second;
    auto created = std::make_unique<CircuitBreaker>(service, config, m_clock);
    connect(created.get(), &CircuitBreaker::stateChanged, this, &CircuitBreakerRegistry::changed);
    CircuitBreaker &result = *created;
    m_breakers.emplace(service, std::move(created));
    Q_EMIT changed();
    return result;
}

QList<CircuitBreaker *> CircuitBreakerRegistry::breakers() const
{
    QList<CircuitBreaker *> list;
    for (const auto &[name, breaker] : m_breakers)
        list.append(breaker.get());
    return list;
}

bool CircuitBreakerRegistry::anyOpen() const
{
    for (const auto &[name, breaker] : m_breakers) {
        if (breaker->state() == CircuitBreaker::State::Open)
            return true;
    }
    return false;
}

} // namespace huntaze
