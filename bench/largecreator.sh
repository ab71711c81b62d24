#!/bin/sh
# The desktop with a large creator: longest UI-thread stall and memory while
# signing in and opening each page (bench/bench_largecreator.cpp).
#   bench/largecreator.sh [build-dir]     (default ./build-bench)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target bench_largecreator >/dev/null
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='huntaze.*.info=false' "$build/bin/bench_largecreator"
