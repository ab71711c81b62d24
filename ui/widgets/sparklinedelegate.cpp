#include "sparklinedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace huntaze::ui {

SparklineDelegate::SparklineDelegate(int role, QObject *parent) : QStyledItemDelegate(parent), m_role(role)
{}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    const QList<qint64> values = index.data(m_role).value<QList<qint64>>();
    if (values.isEmpty())
        return;
    const QRectF area = QRectF(option.rect).adjusted(6, 5, -8, -5);
    const auto [lowest, highest] = std::minmax_element(values.cbegin(), values.cend());
    const double span = std::max<double>(1.0, static_cast<double>(*highest - *lowest));
    const auto point = [&](qsizetype i) {
        const double x = values.size() == 1 ? area.center().x()
                                            : area.left() + area.width() * static_cast<double>(i) / static_cast<double>(values.size() - 1);
        const double y = area.bottom() - area.height() * static_cast<double>(values.at(i) - *lowest) / span;
        return QPointF(x, y);
    };
    QPainterPath line(point(0));
    for (qsizetype i = 1; i < values.size(); ++i)
        line.lineTo(point(i));
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QColor colour = selected ? option.palette.color(QPalette::HighlightedText) : option.palette.color(QPalette::Link);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(colour, 1.5));
    painter->drawPath(line);
    painter->setBrush(colour);
    painter->drawEllipse(point(values.size() - 1), 2.5, 2.5);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize text = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(text.width(), 110), std::max(text.height(), 26)};
}

} // namespace huntaze::ui
