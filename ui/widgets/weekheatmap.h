#pragma once

#include "analytics/earningsreport.h"

#include <QWidget>

#include <functional>
#include <optional>

namespace huntaze::ui {

// A figure by weekday and hour of the day as a grid of shades (earnings, or
// what posts put up then drew): the best time to post and to staff chatters.
// Each cell's exact figure is its tooltip; the best hour is in the accessible
// description.
class WeekHeatmap : public QWidget
{
    Q_OBJECT
public:
    // A cell's figure as its tooltip reads it.
    using Format = std::function<QString(int weekday, int hour, qint64 value)>;
    explicit WeekHeatmap(QWidget *parent = nullptr);

    // `emptyDescription`: what the accessible description says when every cell is empty.
    void setData(const analytics::WeekHeatmap &cells, Format format, const QString &emptyDescription);
    // Weekday (0 Monday) and hour of the highest cell; none when all are empty.
    std::optional<std::pair<int, int>> best() const;
    // "Tuesday 21:00-22:00: $12.00", for the cell under `point`; empty outside.
    QString describeAt(const QPoint &point) const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF cellRect(int weekday, int hour) const;
    QString describe(int weekday, int hour) const;

    analytics::WeekHeatmap m_cells{};
    Format m_format;
};

} // namespace huntaze::ui
