#pragma once

#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;

namespace huntaze {
class CircuitBreakerRegistry;
}

namespace huntaze::ui {

// Lists each online service Huntaze talks to with its circuit breaker's
// state, its recent failure rate and, when paused, when it will try again.
class ServiceStatusView : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceStatusView(CircuitBreakerRegistry &breakers, QWidget *parent = nullptr);

    QTreeWidget *table() const { return m_table; }

    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    CircuitBreakerRegistry &m_breakers;
    QTreeWidget *m_table;
    QLabel *m_empty;
    QTimer *m_ticker;
};

} // namespace huntaze::ui
