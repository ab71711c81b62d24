#!/bin/sh
# The Dashboard with millions of statement lines: time from a period click to
# the charts painted, UI-thread stalls and memory (bench/bench_dashboardpaint.cpp).
#   bench/dashboardpaint.sh [lines] [build-dir]     (default 10000000 lines, ./build-bench)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
lines=${1:-10000000}
build=${2:-$root/build-bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target bench_dashboardpaint >/dev/null
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='huntaze.*.info=false' "$build/bin/bench_dashboardpaint" "$lines"
