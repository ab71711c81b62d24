#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh, unlocked
# gnome-keyring (Secret Service), in a throw-away HOME so the developer's own
# keyring is never touched. The keyring daemon quits when its session bus goes away.
set -eu
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    echo "with-keyring.sh: dbus-run-session and gnome-keyring-daemon are required (packages dbus, gnome-keyring)" >&2
    exit 1
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_DATA_HOME=$home/.local/share XDG_RUNTIME_DIR=$home/run
export HOME XDG_DATA_HOME XDG_RUNTIME_DIR
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c '
    printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh "$@"
