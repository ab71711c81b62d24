#include "weekheatmap.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace huntaze::ui {

namespace {
constexpr int labelWidth = 44;
constexpr int labelHeight = 18;
} // namespace

WeekHeatmap::WeekHeatmap(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(7 * 14 + labelHeight);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

QSize WeekHeatmap::sizeHint() const
{
    return {labelWidth + 24 * 26, labelHeight + 7 * 24};
}

void WeekHeatmap::setData(const analytics::WeekHeatmap &cells, Format format, const QString &emptyDescription)
{
    m_cells = cells;
    m_format = std::move(format);
    const std::optional<std::pair<int, int>> top = best();
    setAccessibleDescription(top ? tr("Best time: %1").arg(describe(top->first, top->second)) : emptyDescription);
    update();
}

std::optional<std::pair<int, int>> WeekHeatmap::best() const
{
    std::optional<std::pair<int, int>> top;
    qint64 highest = 0;
    for (int day = 0; day < 7; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            if (m_cells[day][hour] > highest) {
                highest = m_cells[day][hour];
                top = std::pair(day, hour);
            }
        }
    }
    return top;
}

QRectF WeekHeatmap::cellRect(int weekday, int hour) const
{
    const qreal width = static_cast<qreal>(this->width() - labelWidth) / 24.0;
    const qreal height = static_cast<qreal>(this->height() - labelHeight) / 7.0;
    return {labelWidth + hour * width, weekday * height, width, height};
}

QString WeekHeatmap::describe(int weekday, int hour) const
{
    const qint64 value = m_cells[weekday][hour];
    return tr("%1 %2:00-%3:00: %4")
        .arg(QLocale().dayName(weekday + 1, QLocale::LongFormat))
        .arg(hour, 2, 10, QLatin1Char('0'))
        .arg((hour + 1) % 24, 2, 10, QLatin1Char('0'))
        .arg(m_format ? m_format(weekday, hour, value) : QString::number(value));
}

QString WeekHeatmap::describeAt(const QPoint &point) const
{
    for (int day = 0; day < 7; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            if (cellRect(day, hour).contains(point))
                return describe(day, hour);
        }
    }
    return {};
}

void WeekHeatmap::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    qint64 highest = 0;
    for (const auto &day : m_cells)
        highest = std::max(highest, *std::max_element(day.cbegin(), day.cend()));
    const QColor empty = palette().color(QPalette::AlternateBase);
    const QColor full = palette().color(QPalette::Highlight);
    const QLocale locale;
    painter.setPen(palette().color(QPalette::WindowText));
    for (int day = 0; day < 7; ++day) {
        const QRectF row = cellRect(day, 0);
        painter.drawText(QRectF(0, row.top(), labelWidth - 4, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                         locale.dayName(day + 1, QLocale::ShortFormat));
        for (int hour = 0; hour < 24; ++hour) {
            const qreal share = highest > 0 ? static_cast<qreal>(m_cells[day][hour]) / static_cast<qreal>(highest) : 0.0;
            const QColor shade = QColor::fromRgbF(empty.redF() + (full.redF() - empty.redF()) * share,
                                                  empty.greenF() + (full.greenF() - empty.greenF()) * share,
                                                  empty.blueF() + (full.blueF() - empty.blueF()) * share);
            painter.fillRect(cellRect(day, hour).adjusted(1, 1, -1, -1), shade);
        }
    }
    for (int hour = 0; hour < 24; hour += 3) {
        const QRectF cell = cellRect(6, hour);
        painter.drawText(QRectF(cell.left(), cell.bottom(), cell.width() * 3, labelHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("%1h").arg(hour));
    }
}

bool WeekHeatmap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = describeAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace huntaze::ui
