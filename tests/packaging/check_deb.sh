#!/bin/sh
# Builds the Debian package from the build tree and checks what a user gets:
# the binary, the menu entry, the AppStream metadata and the icon; validates
# the desktop file and metainfo where the validators are installed.
set -eu
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/*.deb)
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/files"

status=0
for expected in ./usr/bin/huntaze ./usr/share/applications/huntaze.desktop \
    ./usr/share/metainfo/io.huntaze.huntaze.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/huntaze.svg; do
    if grep -qx "$expected" "$work/files"; then
        echo "ok: $expected"
    else
        echo "MISSING from package: $expected"
        status=1
    fi
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dependency in libqt6widgets6 libqt6sql6-sqlite libsodium23 libqt6keychain1; do
    case "$depends" in
    *"$dependency"*) echo "ok: depends on $dependency" ;;
    *) echo "MISSING dependency: $dependency"; status=1 ;;
    esac
done
# The French translation is compiled into the binary: its --help speaks French.
dpkg-deb -x "$deb" "$work/root"
help=$(QT_QPA_PLATFORM=offscreen LANG=fr_FR.UTF-8 LC_ALL= LANGUAGE= HOME="$work" "$work/root/usr/bin/huntaze" --help 2>&1 || true)
case "$help" in
*"hors ligne"*) echo "ok: the packaged binary speaks French" ;;
*) echo "MISSING: French translation in the packaged binary; --help said:"; echo "$help"; status=1 ;;
esac
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$source_dir/packaging/huntaze.desktop" && echo "ok: desktop file valid" || status=1
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --pedantic "$source_dir/packaging/io.huntaze.huntaze.metainfo.xml" || status=1
fi
exit $status
