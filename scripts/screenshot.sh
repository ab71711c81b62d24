#!/bin/sh
# Regenerates docs/screenshots/*.png: the GUI test signs up a creator, fills
# the profile and grabs each page, in a real X server (Xvfb).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-screenshot}
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target tst_mainwindow >/dev/null
mkdir -p "$root/docs/screenshots"
HUNTAZE_SCREENSHOT_DIR="$root/docs/screenshots" xvfb-run -a -s '-screen 0 1280x800x24' \
    env QT_QPA_PLATFORM=xcb "$build/tests/ui/tst_mainwindow" \
    newUserSignsUpEditsProfileAndIsRememberedAfterRestart sidebarBecomesOverlayBelow1024 \
    settingsArePersistedAndAppearanceAppliesAtOnce >/dev/null
ls "$root"/docs/screenshots/*.png
