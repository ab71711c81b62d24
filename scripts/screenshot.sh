#!/bin/sh
# Regenerates docs/screenshots/*.png: the GUI test signs up a creator, fills
# the profile and grabs each page, in a real X server (Xvfb).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-screenshot}
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --target tst_mainwindow tst_fanspage tst_pricingpage tst_messagespage tst_ideaspage tst_captionspage \
    tst_backendchooser >/dev/null
mkdir -p "$root/docs/screenshots"
HUNTAZE_SCREENSHOT_DIR="$root/docs/screenshots" xvfb-run -a -s '-screen 0 1280x800x24' \
    env QT_QPA_PLATFORM=xcb "$build/tests/ui/tst_mainwindow" \
    newUserSignsUpEditsProfileAndIsRememberedAfterRestart sidebarBecomesOverlayBelow1024 \
    settingsArePersistedAndAppearanceAppliesAtOnce pausedServiceTurnsIndicatorAmberAndIsListed >/dev/null
for test in "tst_fanspage demoDataFillsBothTables" "tst_pricingpage demoHistoryGivesAMeasuredRecommendation" \
    "tst_messagespage previewPersonalisesForSelectedFans" "tst_ideaspage generatesIdeasWithinPlatformLimits:onlyfans-5" \
    "tst_captionspage hashtagsRankedByOwnHistory" "tst_backendchooser huntazeServerIsKeptForTheNextStart"; do
    set -- $test
    HUNTAZE_SCREENSHOT_DIR="$root/docs/screenshots" xvfb-run -a -s '-screen 0 1280x800x24' \
        env QT_QPA_PLATFORM=xcb "$build/tests/ui/$1" "$2" >/dev/null
done
ls "$root"/docs/screenshots/*.png
