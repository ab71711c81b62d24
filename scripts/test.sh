#!/bin/sh
# Quick start, command 2: install what is missing, build with warnings as
# errors under AddressSanitizer and UBSan, and run every test (CTest). Tests
# that need a keyring start their own private gnome-keyring, and those that
# need PostgreSQL their own server on a free loopback port; nothing here
# touches your own session or databases.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"

build="$root/build-tests"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DHUNTAZE_WERROR=ON -DHUNTAZE_SANITIZE=ON -DHUNTAZE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --parallel
cd "$build"
# Tests that need PostgreSQL start their own throw-away server; here a
# missing one is a failure, not a skip.
HUNTAZE_REQUIRE_POSTGRES=1 ctest --output-on-failure --parallel "$(nproc)" "$@"
