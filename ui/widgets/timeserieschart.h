#pragma once

#include <QChartView>
#include <QColor>
#include <QDate>
#include <QList>

#include <functional>
#include <optional>

class QGraphicsLineItem;
class QRubberBand;

namespace huntaze::ui {

// A chart of values per day, week or month (the Dashboard's): series drawn
// stacked (areas) or side by side (lines). Long series are reduced for
// drawing with LTTB to about the chart's width (downsampleLttb: the best and
// worst buckets always stay); the crosshair, tooltips and exports use every
// bucket's exact value. Dragging across the chart asks for that range
// (rangeSelected); hovering shows a crosshair that other charts can follow
// (bucketHovered / setCrosshair).
class TimeSeriesChart : public QChartView
{
    Q_OBJECT
public:
    struct Series {
        QString name;
        QList<qint64> values; // one per bucket
        QColor color;
    };
    using Format = std::function<QString(qint64)>;
    // What the values are: cents (drawn and exported in units with two decimals) or counts.
    enum class Unit { Cents, Count };

    explicit TimeSeriesChart(QWidget *parent = nullptr);

    // `buckets`: each bucket's first day; `lastDay`: the range's last day (the last bucket's end).
    void setData(const QList<QDate> &buckets, const QDate &lastDay, const QList<Series> &series, bool stacked, Unit unit, Format format);
    qsizetype bucketCount() const { return m_buckets.size(); }
    // How many buckets are drawn (fewer than bucketCount() when reduced).
    qsizetype pointsDrawn() const { return m_drawn.size(); }

    // The bucket under the crosshair; none hides it.
    void setCrosshair(std::optional<int> bucket);
    std::optional<int> crosshair() const { return m_crosshair; }
    // The bucket's day and every series' exact value, one per line.
    QString describeBucket(int bucket) const;
    // The bucket at a point of the viewport; none outside the plot.
    std::optional<int> bucketAt(const QPoint &viewportPoint) const;
    // Where bucket `bucket` is drawn, in viewport coordinates.
    QPoint pointOf(int bucket) const;

    // The whole data, one row per bucket: "day,<series>..." exactly (amounts with two decimals, whatever the locale).
    QString csv() const;
    bool exportCsv(const QString &path, QString *error) const;
    bool exportPng(const QString &path, QString *error);

    // Each day's local midnight in ms since the epoch, as QDate::startOfDay()
    // gives it (`days` in any order; ascending is fastest).
    static QList<qreal> localMidnights(const QList<QDate> &days);

Q_SIGNALS:
    void rangeSelected(const QDate &from, const QDate &to);
    void bucketHovered(std::optional<int> bucket);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    QDate lastDayOf(int bucket) const;
    // Where a bucket is drawn across the plot, in chart coordinates.
    qreal plotX(int bucket) const;
    // Where a bucket's first day sits on the time axis (local midnight, in ms), worked out once per setData().
    qreal xOf(qsizetype bucket) const { return m_bucketX.at(bucket); }
    // A value as drawn on the axis: cents in units.
    qreal drawn(qint64 value) const { return m_unit == Unit::Cents ? static_cast<qreal>(value) / 100.0 : static_cast<qreal>(value); }

    QList<QDate> m_buckets;
    QList<qreal> m_bucketX; // xOf()
    QDate m_lastDay;
    QList<Series> m_series;
    bool m_stacked = false;
    Unit m_unit = Unit::Cents;
    Format m_format;
    QList<int> m_drawn; // bucket indices drawn
    std::optional<int> m_crosshair;
    QGraphicsLineItem *m_crosshairLine = nullptr;
    std::optional<QPoint> m_dragStart;
    QRubberBand *m_rubberBand = nullptr;
    int m_drawnForWidth = -1;
};

} // namespace huntaze::ui
