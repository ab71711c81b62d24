#pragma once

#include <QToolButton>

class QTimer;

namespace huntaze {
class CircuitBreakerRegistry;
}

namespace huntaze::ui {

// A dot in the status bar: green while every online service works, amber
// while any is paused by its circuit breaker. Clicking it opens the details.
class ServiceStatusIndicator : public QToolButton
{
    Q_OBJECT
public:
    explicit ServiceStatusIndicator(CircuitBreakerRegistry &breakers, QWidget *parent = nullptr);

    bool isWarning() const { return m_warning; }

private:
    void refresh();

    CircuitBreakerRegistry &m_breakers;
    QTimer *m_ticker;
    bool m_warning = false;
};

} // namespace huntaze::ui
