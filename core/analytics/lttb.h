#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace huntaze::analytics {

struct SeriesPoint {
    double x = 0; // time (ms since the epoch) or any increasing position
    double y = 0;

    friend bool operator==(const SeriesPoint &, const SeriesPoint &) = default;
};

// Largest-Triangle-Three-Buckets (Steinarsson, 2013): `count` of `points`
// (sorted by x) that draw like all of them, for a chart about `count` pixels
// wide. Exports use the full series; this is for drawing only.
//
// Always keeps the first and last points and the lowest and highest y (a
// chart of earnings must not lose its best day): those split the series into
// segments, the remaining picks are shared among them in proportion to their
// length, and each segment is reduced by LTTB between its fixed ends. The
// result has exactly min(count, points.size()) points, in x order, each one
// of the input's. A count below 2 is taken as 2 (the ends), and 3 keeps the
// higher-priority extreme (the highest y) with the ends.
std::vector<SeriesPoint> downsampleLttb(std::span<const SeriesPoint> points, std::size_t count);

} // namespace huntaze::analytics
