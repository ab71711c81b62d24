#!/bin/sh
# Sync through a local huntaze-server over its own PostgreSQL: 10,000 drafts
# (or $2) pushed from one desktop's replica and pulled by another, a creator
# with 50,000 fans synced whole, and the poke's latency (bench/bench_sync.cpp).
#   bench/sync.sh [build-dir] [drafts]     (default ./build-bench, 10000)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target bench_sync >/dev/null
QT_LOGGING_RULES='huntaze.*.info=false' "$build/bin/bench_sync" "${2:-10000}"
