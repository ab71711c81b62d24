#!/bin/sh
# Start-up benchmark: time from process start to the main window's first
# paint, and resident memory at that moment, for Huntaze and for a bare Qt
# window with one chart (the yardstick), under a real X server (Xvfb).
#
#   bench/startup.sh [runs] [build-dir]      (defaults: 15 runs, ./build)
#
# Prints the median and range of each, and Huntaze's ratio to the yardstick.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-15}
build=${2:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target huntaze bench_reference_chart >/dev/null

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# Each program runs once unmeasured first (the database exists, caches are
# warm, as for a returning user), then `runs` times.
xvfb-run -a -s '-screen 0 1280x800x24' env QT_QPA_PLATFORM=xcb HOME="$data" sh -c '
    runs=$1; build=$2; data=$3
    run() {
        label=$1; shift
        "$@" >/dev/null 2>&1 || true
        i=0
        while [ "$i" -lt "$runs" ]; do
            "$@" 2>/dev/null | grep "^startup_ms=" | sed "s/^/$label /"
            i=$((i + 1))
        done
    }
    run reference "$build/bin/bench_reference_chart"
    run huntaze "$build/bin/huntaze" --bench-startup --data-dir "$data/huntaze"
' sh "$runs" "$build" "$data" >"$data/results.txt"

awk '
function median(values, n,    i, j, t) {
    for (i = 2; i <= n; i++) { t = values[i]; for (j = i - 1; j >= 1 && values[j] > t; j--) values[j + 1] = values[j]; values[j + 1] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
}
{
    split($2, ms, "="); split($3, rss, "=")
    n[$1]++; t[$1, n[$1]] = ms[2]; r[$1, n[$1]] = rss[2] / 1024
}
END {
    for (label in n) {
        for (i = 1; i <= n[label]; i++) { tv[i] = t[label, i]; rv[i] = r[label, i] }
        mt[label] = median(tv, n[label]); mr[label] = median(rv, n[label])
        lo = tv[1]; hi = tv[n[label]]
        printf "%-10s runs=%d  first paint: median %.1f ms (%.1f-%.1f)  RSS: median %.1f MiB\n", label, n[label], mt[label], lo, hi, mr[label]
    }
    if (mt["reference"] > 0)
        printf "ratio      time %.2fx  memory %.2fx  (targets: <= 4x time, <= 2x memory)\n", mt["huntaze"] / mt["reference"], mr["huntaze"] / mr["reference"]
}' "$data/results.txt"
