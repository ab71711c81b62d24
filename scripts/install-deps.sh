#!/bin/sh
# Installs the Debian 12 packages Huntaze needs to build, run and test, and
# only those that are missing. Needs root or sudo.
set -eu

packages="cmake ninja-build g++ lld pkg-config file dpkg-dev
qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
qt6-translations-l10n libqt6sql6-sqlite qt6-qpa-plugins libgl-dev libxkbcommon-dev
qt6-charts-dev libqt6opengl6-dev
qtkeychain-qt6-dev libsodium-dev
xvfb xauth dbus dbus-x11 gnome-keyring libsecret-1-0
appstream desktop-file-utils fonts-noto-color-emoji
libcsv-dev libboost-dev libsqlite3-dev
libqt6sql6-psql libpq-dev postgresql-15
redis-server libhiredis-dev
libgit2-dev
prometheus-cpp-dev prometheus systemd
nginx openssl"

missing=""
for package in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
    *"ok installed"*) ;;
    *) missing="$missing $package" ;;
    esac
done

if [ -z "$missing" ]; then
    echo "install-deps: all Debian packages are present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null; then
    sudo="sudo"
else
    echo "install-deps: these packages are missing and neither root nor sudo is available:$missing" >&2
    exit 1
fi

echo "install-deps: installing$missing"
$sudo apt-get update -q
# shellcheck disable=SC2086 # the list is meant to split
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
