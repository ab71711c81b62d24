#include "servicestatusview.h"
#include "widgets/card.h"

#include "net/circuitbreakerregistry.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace huntaze::ui {

ServiceStatusView::ServiceStatusView(CircuitBreakerRegistry &breakers, QWidget *parent) : QWidget(parent), m_breakers(breakers)
{
    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("serviceTable"));
    m_table->setAccessibleName(tr("Online services"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setHeaderLabels({tr("Service"), tr("State"), tr("Recent failures"), tr("Next try")});
    m_table->header()->setStretchLastSection(true);
    m_table->setMinimumHeight(120);

    m_empty = makeNote(tr("No online service has been used yet. With the embedded backend Huntaze works fully offline."), this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addWidget(m_table);

    // Time alone moves a paused service to "testing recovery": tick while visible.
    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &ServiceStatusView::refresh);
    connect(&m_breakers, &CircuitBreakerRegistry::changed, this, &ServiceStatusView::refresh);
    refresh();
}

void ServiceStatusView::refresh()
{
    const QList<CircuitBreaker *> breakers = m_breakers.breakers();
    m_empty->setVisible(breakers.isEmpty());
    m_table->setVisible(!breakers.isEmpty());
    m_table->clear();
    const QLocale locale;
    for (CircuitBreaker *breaker : breakers) {
        const CircuitBreaker::Metrics metrics = breaker->metrics();
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(0, breaker->name());
        item->setText(1, toDisplayString(metrics.state));
        item->setText(2,
                      metrics.windowCalls == 0 ? tr("No calls yet")
                                               : tr("%1 of the last %n calls", nullptr, metrics.windowCalls)
                                                     .arg(locale.toString(metrics.failureRate * 100.0, 'f', 0) + locale.percent()));
        item->setText(3,
                      metrics.state == CircuitBreaker::State::Open
                          ? locale.toString(metrics.retryAt.toLocalTime().time(), QLocale::ShortFormat)
                          : QString());
        if (metrics.state != CircuitBreaker::State::Closed)
            item->setForeground(1, QColor(0xd9, 0x77, 0x06));
    }
    for (int column = 0; column < 3; ++column)
        m_table->resizeColumnToContents(column);
}

void ServiceStatusView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_ticker->start();
}

void ServiceStatusView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_ticker->stop();
}

} // namespace huntaze::ui
