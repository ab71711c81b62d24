#pragma once

#include <QStyledItemDelegate>

namespace huntaze::ui {

// Draws the numbers a cell holds under `role` (QList<qint64>) as a small line
// from its lowest to its highest value, ending in a dot: a trend to read at a
// glance beside the exact figures. The cell's tooltip carries the values.
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    SparklineDelegate(int role, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace huntaze::ui
