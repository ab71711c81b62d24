#!/bin/sh
# Resilience-layer benchmarks (QBENCHMARK) in an optimised build:
#   bench/apiclient.sh [build-dir]      (default: ./build-bench)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target bench_apiclient >/dev/null
"$build/bin/bench_apiclient" 2>&1 | grep -E -A1 '^RESULT|upstream requests' | grep -v '^--'
