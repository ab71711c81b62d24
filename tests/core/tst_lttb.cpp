// Largest-Triangle-Three-Buckets (issue 12): long series are reduced to about
// a chart's width for drawing, keeping the first and last points and the
// lowest and highest values, with exactly the number of points asked for.
#include "analytics/lttb.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace huntaze::analytics;

namespace {

std::vector<SeriesPoint> randomWalk(std::size_t size, quint32 seed)
{
    QRandomGenerator random(seed);
    std::vector<SeriesPoint> points;
    points.reserve(size);
    double y = 100;
    for (std::size_t i = 0; i < size; ++i) {
        y += random.bounded(21) - 10;
        if (random.bounded(1000) == 0)
            y += random.bounded(2) ? 500 : -500; // a spike, as a whale's day or an outage
        points.push_back({static_cast<double>(i) * 86'400'000.0, y});
    }
    return points;
}

// Steinarsson's reference algorithm, without kept extremes, for comparison.
std::vector<SeriesPoint> referenceLttb(const std::vector<SeriesPoint> &data, std::size_t threshold)
{
    std::vector<SeriesPoint> sampled{data.front()};
    // floor(k * every) + 1 with every = (n - 2) / (threshold - 2), in whole numbers.
    const auto boundary = [&](std::size_t k) { return k * (data.size() - 2) / (threshold - 2) + 1; };
    std::size_t a = 0;
    for (std::size_t i = 0; i < threshold - 2; ++i) {
        std::size_t avgStart = boundary(i + 1);
        std::size_t avgEnd = std::min(boundary(i + 2), data.size());
        double avgX = 0, avgY = 0;
        for (std::size_t j = avgStart; j < avgEnd; ++j) {
            avgX += data[j].x;
            avgY += data[j].y;
        }
        avgX /= static_cast<double>(avgEnd - avgStart);
        avgY /= static_cast<double>(avgEnd - avgStart);
        const std::size_t rangeStart = boundary(i);
        const std::size_t rangeEnd = boundary(i + 1);
        double largest = -1;
        std::size_t next = rangeStart;
        for (std::size_t j = rangeStart; j < rangeEnd; ++j) {
            const double area = std::abs((data[a].x - avgX) * (data[j].y - data[a].y) - (data[a].x - data[j].x) * (avgY - data[a].y));
            if (area > largest) {
                largest = area;
                next = j;
            }
        }
        sampled.push_back(data[next]);
        a = next;
    }
    sampled.push_back(data.back());
    return sampled;
}

} // namespace

class TestLttb : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsEndsExtremesAndTheCount_data();
    void keepsEndsExtremesAndTheCount();
    void shortSeriesAreLeftWhole();
    void matchesTheReferenceWhenTheExtremesAreAtTheEnds();
    void aFlatSeriesStaysFlat();
};

void TestLttb::keepsEndsExtremesAndTheCount_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("count");
    QTest::addColumn<quint32>("seed");
    for (const auto &[size, count] : std::initializer_list<std::pair<int, int>>{
             {10, 2}, {10, 3}, {10, 4}, {11, 9}, {100, 10}, {1000, 37}, {1000, 999}, {50'000, 800}, {200'000, 2000}}) {
        for (quint32 seed : {1u, 2u, 3u})
            QTest::addRow("%d to %d, seed %u", size, count, seed) << size << count << seed;
    }
}

void TestLttb::keepsEndsExtremesAndTheCount()
{
    QFETCH(int, size);
    QFETCH(int, count);
    QFETCH(quint32, seed);
    const std::vector<SeriesPoint> points = randomWalk(static_cast<std::size_t>(size), seed);
    const std::vector<SeriesPoint> drawn = downsampleLttb(points, static_cast<std::size_t>(count));

    QCOMPARE(drawn.size(), static_cast<std::size_t>(count));
    QCOMPARE(drawn.front(), points.front());
    QCOMPARE(drawn.back(), points.back());
    const auto byY = [](const SeriesPoint &a, const SeriesPoint &b) { return a.y < b.y; };
    const double highest = std::max_element(points.begin(), points.end(), byY)->y;
    const double lowest = std::min_element(points.begin(), points.end(), byY)->y;
    if (count >= 3)
        QCOMPARE(std::max_element(drawn.begin(), drawn.end(), byY)->y, highest);
    if (count > 3)
        QCOMPARE(std::min_element(drawn.begin(), drawn.end(), byY)->y, lowest);
    // Real points, in order, none twice.
    for (std::size_t i = 1; i < drawn.size(); ++i)
        QVERIFY(drawn[i - 1].x < drawn[i].x);
    for (const SeriesPoint &point : drawn) {
        const std::size_t index = static_cast<std::size_t>(point.x / 86'400'000.0);
        QCOMPARE(points[index], point);
    }
}

void TestLttb::shortSeriesAreLeftWhole()
{
    const std::vector<SeriesPoint> points = randomWalk(50, 7);
    QCOMPARE(downsampleLttb(points, 50), points);
    QCOMPARE(downsampleLttb(points, 4000), points);
    QVERIFY(downsampleLttb(std::vector<SeriesPoint>{}, 10).empty());
    const std::vector<SeriesPoint> one{{1, 2}};
    QCOMPARE(downsampleLttb(one, 10), one);
    QCOMPARE(downsampleLttb(points, 0).size(), std::size_t(2)); // the ends, at least
}

void TestLttb::matchesTheReferenceWhenTheExtremesAreAtTheEnds()
{
    // A rising series with noise: its lowest is first and its highest last, so
    // nothing is forced in between and the result is plain LTTB.
    QRandomGenerator random(11);
    std::vector<SeriesPoint> points;
    for (int i = 0; i < 5000; ++i)
        points.push_back({static_cast<double>(i), i * 10.0 + random.bounded(9)});
    points.front().y = -1;
    points.back().y = 1e9;
    const std::vector<SeriesPoint> ours = downsampleLttb(points, 300);
    const std::vector<SeriesPoint> reference = referenceLttb(points, 300);
    QCOMPARE(ours.size(), reference.size());
    for (std::size_t i = 0; i < ours.size(); ++i)
        QVERIFY2(ours[i] == reference[i], qPrintable(QStringLiteral("point %1: x %2 vs %3").arg(i).arg(ours[i].x).arg(reference[i].x)));
}

void TestLttb::aFlatSeriesStaysFlat()
{
    std::vector<SeriesPoint> points;
    for (int i = 0; i < 1000; ++i)
        points.push_back({static_cast<double>(i), 5});
    const std::vector<SeriesPoint> drawn = downsampleLttb(points, 20);
    QCOMPARE(drawn.size(), std::size_t(20));
    QVERIFY(std::all_of(drawn.begin(), drawn.end(), [](const SeriesPoint &p) { return p.y == 5; }));
}

QTEST_APPLESS_MAIN(TestLttb)
#include "tst_lttb.moc"
