#include "servicestatusindicator.h"

#include "net/circuitbreakerregistry.h"

#include <QPainter>
#include <QPixmap>
#include <QTimer>

namespace huntaze::ui {

namespace {
QIcon dot(const QColor &color)
{
    QPixmap pixmap(24, 24);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(6, 6, 12, 12));
    return QIcon(pixmap);
}
} // namespace

ServiceStatusIndicator::ServiceStatusIndicator(CircuitBreakerRegistry &breakers, QWidget *parent)
    : QToolButton(parent), m_breakers(breakers)
{
    setObjectName(QStringLiteral("serviceStatusIndicator"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(12, 12));
    // While a service is paused, its breaker reopens for probes by time alone.
    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &ServiceStatusIndicator::refresh);
    connect(&m_breakers, &CircuitBreakerRegistry::changed, this, &ServiceStatusIndicator::refresh);
    refresh();
}

void ServiceStatusIndicator::refresh()
{
    QStringList paused;
    for (CircuitBreaker *breaker : m_breakers.breakers()) {
        if (breaker->state() == CircuitBreaker::State::Open)
            paused.append(breaker->name());
    }
    m_warning = !paused.isEmpty();
    setIcon(dot(m_warning ? QColor(0xf5, 0x9e, 0x0b) : QColor(0x10, 0xb9, 0x81)));
    setText(m_warning ? tr("Service paused") : tr("Services OK"));
    const QString tip = m_warning ? tr("Paused after repeated failures: %1. Click for details.").arg(paused.join(QStringLiteral(", ")))
                                  : tr("Every online service Huntaze uses is working. Click for details.");
    setToolTip(tip);
    setAccessibleName(text());
    setAccessibleDescription(tip);
    if (m_warning)
        m_ticker->start();
    else
        m_ticker->stop();
}

} // namespace huntaze::ui
