#!/bin/sh
# Analytics benchmarks (QBENCHMARK) in an optimised build:
#   bench/analytics.sh [build-dir]      (default: ./build-bench)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target bench_analytics >/dev/null
# Filling the agencies (10 M lines each) outlasts QTest's 5-minute watchdog.
QTEST_FUNCTION_TIMEOUT=3600000 "$build/bin/bench_analytics" -minimumtotal 200 2>&1 | grep -E -A1 "RESULT" | grep -v "^--"
