#include "lttb.h"

#include <algorithm>
#include <cmath>

namespace huntaze::analytics {

namespace {

// Plain LTTB of points[first..last] (inclusive) with both ends kept and
// `picks` points chosen in between (picks <= last - first - 1), appended to `out`
// after points[first] (which the caller appended).
void lttbBetween(std::span<const SeriesPoint> points, std::size_t first, std::size_t last, std::size_t picks, std::vector<SeriesPoint> &out)
{
    const std::size_t interior = last - first - 1;
    if (picks == 0)
        return;
    if (picks >= interior) {
        out.insert(out.end(), points.begin() + static_cast<std::ptrdiff_t>(first + 1), points.begin() + static_cast<std::ptrdiff_t>(last));
        return;
    }
    // Bucket b covers interior indices from first + 1 + floor(b * interior / picks)
    // to the next bucket's start, in whole numbers (a double's rounding would move
    // the last boundary by one).
    const auto bucketStart = [&](std::size_t b) { return first + 1 + b * interior / picks; };
    SeriesPoint previous = points[first];
    for (std::size_t b = 0; b < picks; ++b) {
        const std::size_t begin = bucketStart(b);
        const std::size_t end = b + 1 < picks ? bucketStart(b + 1) : last; // exclusive
        // The next bucket's average (the segment's fixed end after the last bucket).
        double nextX = points[last].x;
        double nextY = points[last].y;
        if (b + 1 < picks) {
            const std::size_t nextBegin = end;
            const std::size_t nextEnd = b + 2 < picks ? bucketStart(b + 2) : last;
            double sumX = 0, sumY = 0;
            for (std::size_t i = nextBegin; i < nextEnd; ++i) {
                sumX += points[i].x;
                sumY += points[i].y;
            }
            const double n = static_cast<double>(nextEnd - nextBegin);
            nextX = sumX / n;
            nextY = sumY / n;
        }
        // The point forming the largest triangle with the previous pick and that average.
        double largest = -1;
        std::size_t chosen = begin;
        for (std::size_t i = begin; i < end; ++i) {
            const double area
                = std::abs((previous.x - nextX) * (points[i].y - previous.y) - (previous.x - points[i].x) * (nextY - previous.y));
            if (area > largest) {
                largest = area;
                chosen = i;
            }
        }
        out.push_back(points[chosen]);
        previous = points[chosen];
    }
}

} // namespace

std::vector<SeriesPoint> downsampleLttb(std::span<const SeriesPoint> points, std::size_t count)
{
    const std::size_t n = points.size();
    if (count >= n)
        return {points.begin(), points.end()};
    count = std::max<std::size_t>(count, 2);
    // The points every drawing keeps, in x order.
    std::size_t lowest = 0, highest = 0;
    for (std::size_t i = 1; i < n; ++i) {
        if (points[i].y < points[lowest].y)
            lowest = i;
        if (points[i].y > points[highest].y)
            highest = i;
    }
    std::vector<std::size_t> anchors{0, n - 1};
    for (const std::size_t extreme : {highest, lowest}) {
        if (anchors.size() < count && std::find(anchors.begin(), anchors.end(), extreme) == anchors.end())
            anchors.push_back(extreme);
    }
    std::sort(anchors.begin(), anchors.end());

    // The other picks, shared by segment length (largest remainders get the rest).
    const std::size_t budget = count - anchors.size();
    const std::size_t interior = n - anchors.size();
    std::vector<std::size_t> picks(anchors.size() - 1, 0);
    std::vector<std::pair<double, std::size_t>> remainders;
    std::size_t given = 0;
    for (std::size_t s = 0; s + 1 < anchors.size(); ++s) {
        const std::size_t length = anchors[s + 1] - anchors[s] - 1;
        const double share
            = interior == 0 ? 0.0 : static_cast<double>(budget) * static_cast<double>(length) / static_cast<double>(interior);
        picks[s] = static_cast<std::size_t>(std::floor(share));
        given += picks[s];
        remainders.push_back({share - std::floor(share), s});
    }
    std::sort(remainders.begin(), remainders.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (std::size_t r = 0; given < budget && r < remainders.size(); ++r) {
        const std::size_t s = remainders[r].second;
        if (picks[s] < anchors[s + 1] - anchors[s] - 1) {
            ++picks[s];
            ++given;
        }
    }

    std::vector<SeriesPoint> out;
    out.reserve(count);
    for (std::size_t s = 0; s + 1 < anchors.size(); ++s) {
        out.push_back(points[anchors[s]]);
        lttbBetween(points, anchors[s], anchors[s + 1], picks[s], out);
    }
    out.push_back(points[anchors.back()]);
    return out;
}

} // namespace huntaze::analytics
