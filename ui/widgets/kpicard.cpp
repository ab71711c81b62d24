#include "kpicard.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace huntaze::ui {

KpiCard::KpiCard(const QString &title, QWidget *parent) : QFrame(parent), m_title(title)
{
    setFrameShape(QFrame::StyledPanel);
    setProperty("kpi", true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(2);
    auto *heading = new QLabel(title, this);
    heading->setForegroundRole(QPalette::PlaceholderText);
    m_value = new QLabel(QStringLiteral("–"), this);
    m_value->setStyleSheet(QStringLiteral("font-size: 20px; font-weight: 600;"));
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_change = new QLabel(this);
    layout->addWidget(heading);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    setAccessibleName(title);
}

void KpiCard::setFigure(const QString &value, std::optional<double> change, bool higherIsBetter)
{
    m_value->setText(value);
    if (!change) {
        m_change->setText(tr("No earlier figure"));
        m_change->setStyleSheet({});
        m_change->setForegroundRole(QPalette::PlaceholderText);
    } else {
        const double percent = *change * 100.0;
        const QString amount = QLocale().toString(std::abs(percent), 'f', std::abs(percent) < 10 ? 1 : 0);
        if (std::abs(percent) < 0.05) {
            m_change->setText(tr("No change"));
            m_change->setStyleSheet({});
            m_change->setForegroundRole(QPalette::PlaceholderText);
        } else {
            const bool up = percent > 0;
            m_change->setText(up ? tr("▲ %1% vs previous period").arg(amount) : tr("▼ %1% vs previous period").arg(amount));
            const bool good = up == higherIsBetter;
            m_change->setForegroundRole(QPalette::WindowText);
            m_change->setStyleSheet(good ? QStringLiteral("color: #1a7f37;") : QStringLiteral("color: #cf222e;"));
        }
    }
    setAccessibleName(tr("%1: %2, %3").arg(m_title, value, m_change->text()));
}

QString KpiCard::value() const
{
    return m_value->text();
}

QString KpiCard::changeText() const
{
    return m_change->text();
}

} // namespace huntaze::ui
