#include "timeserieschart.h"

#include "analytics/lttb.h"
#include "widgets/chartexport.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QFile>
#include <QGraphicsLineItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QRubberBand>
#include <QTimeZone>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace huntaze::ui {

namespace {

// About one drawn point per two pixels of plot: more draws nothing more.
constexpr int pixelsPerPoint = 2;
constexpr int dragThreshold = 8;

} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget *parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    viewport()->setMouseTracking(true); // the crosshair follows the pointer without a button held
    setMinimumHeight(240);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setBackgroundVisible(false); // the card is the background, in light and dark themes
    chart()->legend()->setLabelColor(palette().color(QPalette::WindowText));
    m_crosshairLine = new QGraphicsLineItem(chart());
    m_crosshairLine->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    m_crosshairLine->setZValue(100);
    m_crosshairLine->hide();
    m_rubberBand = new QRubberBand(QRubberBand::Rectangle, viewport());
}

QList<qreal> TimeSeriesChart::localMidnights(const QList<QDate> &days)
{
    // QDate::startOfDay() reads the system's time zone on every call (a file
    // check on glibc): 8 ms a chart for five years of days. Between two of the zone's
    // transitions the offset holds, so a day there is its UTC midnight less it.
    constexpr qint64 dayMs = 86'400'000;
    const QTimeZone zone = QTimeZone::systemTimeZone();
    QList<qreal> midnights;
    midnights.reserve(days.size());
    qint64 offsetMs = 0;
    qint64 checkedFrom = std::numeric_limits<qint64>::max(); // the offset holds from this instant...
    qint64 checkedUntil = std::numeric_limits<qint64>::min(); // ...to a day before the next transition
    for (const QDate &day : days) {
        const qint64 utcMidnight = (day.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * dayMs;
        qint64 midnight = utcMidnight - offsetMs;
        if (midnight < checkedFrom || midnight + dayMs >= checkedUntil) {
            const QDateTime start = day.startOfDay();
            midnight = start.toMSecsSinceEpoch();
            offsetMs = utcMidnight - midnight;
            checkedFrom = midnight;
            const QTimeZone::OffsetData next = zone.nextTransition(QDateTime::fromMSecsSinceEpoch(midnight, QTimeZone::utc()));
            checkedUntil = next.atUtc.isValid() ? next.atUtc.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
            if (start.time() != QTime(0, 0))
                checkedUntil = std::numeric_limits<qint64>::min(); // a day that skipped its midnight: no offset to go on
        }
        midnights.append(static_cast<qreal>(midnight));
    }
    return midnights;
}

void TimeSeriesChart::setData(const QList<QDate> &buckets, const QDate &lastDay, const QList<Series> &series, bool stacked, Unit unit,
                              Format format)
{
    m_unit = unit;
    m_buckets = buckets;
    m_bucketX = localMidnights(buckets);
    m_lastDay = lastDay;
    m_series = series;
    m_stacked = stacked;
    m_format = std::move(format);
    setCrosshair(std::nullopt);
    m_drawnForWidth = -1;
    rebuild();
}

void TimeSeriesChart::rebuild()
{
    const int width = std::max(1, viewport()->width());
    m_drawnForWidth = width;
    // Which buckets to draw: all of them, or LTTB's picks over the total.
    const qsizetype target = std::max<qsizetype>(50, width / pixelsPerPoint);
    m_drawn.clear();
    if (m_buckets.size() <= target) {
        for (int i = 0; i < m_buckets.size(); ++i)
            m_drawn.append(i);
    } else {
        std::vector<analytics::SeriesPoint> totals(static_cast<std::size_t>(m_buckets.size()));
        for (qsizetype i = 0; i < m_buckets.size(); ++i) {
            qint64 sum = 0;
            for (const Series &one : std::as_const(m_series))
                sum += one.values.value(i);
            totals[static_cast<std::size_t>(i)] = {static_cast<double>(i), static_cast<double>(sum)};
        }
        for (const analytics::SeriesPoint &kept : analytics::downsampleLttb(totals, static_cast<std::size_t>(target)))
            m_drawn.append(static_cast<int>(kept.x));
    }

    QChart *plot = chart();
    plot->removeAllSeries();
    for (QAbstractAxis *axis : plot->axes()) {
        plot->removeAxis(axis); // which gives it back
        delete axis;
    }
    auto *axisX = new QDateTimeAxis;
    axisX->setFormat(m_buckets.size() > 0 && m_buckets.first().daysTo(m_lastDay) > 400 ? QStringLiteral("MMM yyyy")
                                                                                       : QStringLiteral("d MMM"));
    // At most a tick a day: more print the same day twice on a range of a few days.
    const qint64 spanDays = m_buckets.isEmpty() ? 0 : m_buckets.first().daysTo(m_buckets.last());
    axisX->setTickCount(static_cast<int>(std::clamp<qint64>(std::min<qint64>(width / 110, spanDays + 1), 2, 8)));
    auto *axisY = new QValueAxis;
    axisY->setLabelFormat(QStringLiteral("%.0f"));
    plot->addAxis(axisX, Qt::AlignBottom);
    plot->addAxis(axisY, Qt::AlignLeft);

    // The series built and the axes ranged before the chart sees any of them:
    // each series added after is laid out once, against its final axes.
    QList<qint64> below(m_drawn.size(), 0);
    qint64 highest = 0, lowest = 0;
    QLineSeries *previousUpper = nullptr;
    QList<QAbstractSeries *> built;
    for (const Series &one : std::as_const(m_series)) {
        QList<QPointF> points;
        points.reserve(m_drawn.size());
        for (qsizetype i = 0; i < m_drawn.size(); ++i) {
            const int bucket = m_drawn.at(i);
            const qint64 value = one.values.value(bucket) + (m_stacked ? below.at(i) : 0);
            if (m_stacked)
                below[i] = value;
            highest = std::max(highest, value);
            lowest = std::min(lowest, value);
            points.append({xOf(bucket), drawn(value)});
        }
        // All the points at once: one change signal, not one per point.
        auto *upper = new QLineSeries;
        upper->replace(points);
        QAbstractSeries *drawn = upper;
        if (m_stacked) {
            QLineSeries *lower = nullptr;
            if (previousUpper) {
                lower = new QLineSeries;
                lower->replace(previousUpper->points());
            }
            auto *area = new QAreaSeries(upper, lower);
            // An area does not own its lines: it takes them with it when the chart deletes it.
            upper->setParent(area);
            if (lower)
                lower->setParent(area);
            area->setColor(one.color);
            area->setBorderColor(one.color.darker(115));
            drawn = area;
            previousUpper = upper;
        } else {
            upper->setColor(one.color);
            upper->setPen(QPen(one.color, 2));
        }
        drawn->setName(one.name);
        built.append(drawn);
    }
    if (!m_buckets.isEmpty()) {
        axisX->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_bucketX.first())),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(m_bucketX.last())));
        axisY->setRange(drawn(lowest), std::max<qreal>(1.0, drawn(highest) * 1.05));
        axisY->applyNiceNumbers();
    }
    for (QAbstractSeries *series : std::as_const(built)) {
        plot->addSeries(series);
        series->attachAxis(axisX);
        series->attachAxis(axisY);
    }
}

QDate TimeSeriesChart::lastDayOf(int bucket) const
{
    return bucket + 1 < m_buckets.size() ? m_buckets.at(bucket + 1).addDays(-1) : m_lastDay;
}

std::optional<int> TimeSeriesChart::bucketAt(const QPoint &viewportPoint) const
{
    if (m_buckets.isEmpty())
        return std::nullopt;
    const QPointF inChart = chart()->mapFromScene(mapToScene(viewportPoint));
    const QRectF plot = chart()->plotArea();
    if (!plot.adjusted(-4, 0, 4, 0).contains(inChart))
        return std::nullopt;
    const qreal first = m_bucketX.first();
    const qreal last = m_bucketX.last();
    const qreal x = plot.width() > 0 ? first + (inChart.x() - plot.left()) / plot.width() * (last - first) : first;
    const auto after = std::lower_bound(m_bucketX.cbegin(), m_bucketX.cend(), x);
    int index = static_cast<int>(after - m_bucketX.cbegin());
    if (index >= m_bucketX.size())
        return static_cast<int>(m_bucketX.size()) - 1;
    if (index > 0 && std::abs(xOf(index - 1) - x) < std::abs(xOf(index) - x))
        --index;
    return index;
}

qreal TimeSeriesChart::plotX(int bucket) const
{
    // The axis spans the first bucket to the last (rebuild()).
    const QRectF plot = chart()->plotArea();
    const qreal first = m_bucketX.first();
    const qreal last = m_bucketX.last();
    return last > first ? plot.left() + (xOf(bucket) - first) / (last - first) * plot.width() : plot.center().x();
}

QPoint TimeSeriesChart::pointOf(int bucket) const
{
    if (bucket < 0 || bucket >= m_buckets.size())
        return {};
    const QPointF inChart(plotX(bucket), chart()->plotArea().center().y());
    return mapFromScene(chart()->mapToScene(inChart));
}

void TimeSeriesChart::setCrosshair(std::optional<int> bucket)
{
    if (bucket && (*bucket < 0 || *bucket >= m_buckets.size()))
        bucket.reset();
    m_crosshair = bucket;
    if (!bucket) {
        m_crosshairLine->hide();
        return;
    }
    const QRectF plot = chart()->plotArea();
    const qreal x = plotX(*bucket);
    m_crosshairLine->setLine(x, plot.top(), x, plot.bottom());
    m_crosshairLine->show();
}

QString TimeSeriesChart::describeBucket(int bucket) const
{
    if (bucket < 0 || bucket >= m_buckets.size())
        return {};
    const QLocale locale;
    const QDate first = m_buckets.at(bucket);
    const QDate last = lastDayOf(bucket);
    QStringList lines{first == last
                          ? locale.toString(first, QLocale::LongFormat)
                          : tr("%1 to %2").arg(locale.toString(first, QLocale::ShortFormat), locale.toString(last, QLocale::ShortFormat))};
    qint64 total = 0;
    for (const Series &one : m_series) {
        const qint64 value = one.values.value(bucket);
        total += value;
        lines.append(tr("%1: %2").arg(one.name, m_format ? m_format(value) : QString::number(value)));
    }
    if (m_stacked && m_series.size() > 1)
        lines.append(tr("Total: %1").arg(m_format ? m_format(total) : QString::number(total)));
    return lines.join(u'\n');
}

QString TimeSeriesChart::csv() const
{
    QStringList header{QStringLiteral("day")};
    for (const Series &one : m_series)
        header.append(chartexport::csvField(one.name));
    QString out = header.join(u',') + QStringLiteral("\r\n");
    for (qsizetype i = 0; i < m_buckets.size(); ++i) {
        QStringList row{m_buckets.at(i).toString(Qt::ISODate)};
        for (const Series &one : m_series) {
            const qint64 value = one.values.value(i);
            if (m_unit == Unit::Count)
                row.append(QString::number(value));
            else
                row.append(chartexport::csvAmount(value));
        }
        out += row.join(u',') + QStringLiteral("\r\n");
    }
    return out;
}

bool TimeSeriesChart::exportCsv(const QString &path, QString *error) const
{
    return chartexport::saveText(path, csv(), error);
}

bool TimeSeriesChart::exportPng(const QString &path, QString *error)
{
    const bool crosshairShown = m_crosshairLine->isVisible();
    m_crosshairLine->hide();
    const bool saved = chartexport::savePng(this, path, error);
    m_crosshairLine->setVisible(crosshairShown);
    return saved;
}

void TimeSeriesChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && bucketAt(event->position().toPoint())) {
        m_dragStart = event->position().toPoint();
        m_rubberBand->setGeometry(QRect(*m_dragStart, QSize(1, 1)));
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (m_dragStart) {
        const QRectF plot = chart()->plotArea();
        const QPoint top = mapFromScene(chart()->mapToScene(plot.topLeft()));
        const QPoint bottom = mapFromScene(chart()->mapToScene(plot.bottomRight()));
        m_rubberBand->setGeometry(
            QRect(QPoint(std::min(m_dragStart->x(), at.x()), top.y()), QPoint(std::max(m_dragStart->x(), at.x()), bottom.y())));
        m_rubberBand->setVisible(std::abs(at.x() - m_dragStart->x()) >= dragThreshold);
    }
    const std::optional<int> bucket = bucketAt(at);
    if (bucket != m_crosshair) {
        setCrosshair(bucket);
        Q_EMIT bucketHovered(bucket);
    }
    if (bucket)
        QToolTip::showText(event->globalPosition().toPoint(), describeBucket(*bucket), this);
    else
        QToolTip::hideText();
    QChartView::mouseMoveEvent(event);
}

void TimeSeriesChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragStart) {
        const QPoint start = *m_dragStart;
        m_dragStart.reset();
        m_rubberBand->hide();
        const QPoint end = event->position().toPoint();
        if (std::abs(end.x() - start.x()) >= dragThreshold) {
            // Outside the plot counts as its edge, so a drag past the end takes the last bucket.
            const auto clampedBucket = [this](QPoint point) {
                const QRectF plot = chart()->plotArea();
                const QPoint left = mapFromScene(chart()->mapToScene(plot.topLeft()));
                const QPoint right = mapFromScene(chart()->mapToScene(plot.bottomRight()));
                point.setX(std::clamp(point.x(), left.x(), right.x()));
                point.setY((left.y() + right.y()) / 2);
                return bucketAt(point);
            };
            const std::optional<int> first = clampedBucket(QPoint(std::min(start.x(), end.x()), start.y()));
            const std::optional<int> last = clampedBucket(QPoint(std::max(start.x(), end.x()), start.y()));
            if (first && last)
                Q_EMIT rangeSelected(m_buckets.at(*first), lastDayOf(*last));
        }
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeSeriesChart::leaveEvent(QEvent *event)
{
    setCrosshair(std::nullopt);
    Q_EMIT bucketHovered(std::nullopt);
    QChartView::leaveEvent(event);
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    // Redrawn for the new width only when that changes what is drawn.
    if (m_buckets.size() > 50 && viewport()->width() != m_drawnForWidth)
        rebuild();
    if (m_crosshair)
        setCrosshair(m_crosshair);
}

} // namespace huntaze::ui
