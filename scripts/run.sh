#!/bin/sh
# Quick start, command 1: install what is missing, build, and launch Huntaze
# on the embedded backend (data in ~/.local/share/Huntaze/huntaze).
# Extra arguments go to the app, e.g. `scripts/run.sh --data-dir /tmp/try`.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"

build="$root/build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --parallel

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "Built $build/bin/huntaze, but there is no display to show it on (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
    echo "Run it from a desktop session, or try it headless: xvfb-run -a $build/bin/huntaze" >&2
    exit 1
fi
exec "$build/bin/huntaze" "$@"
