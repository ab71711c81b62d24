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
deb=$(ls "$work"/huntaze_*.deb)
server_deb=$(ls "$work"/huntaze-server_*.deb)
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/files"
dpkg-deb -c "$server_deb" | awk '{print $6}' >"$work/server-files"

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
if grep -q huntaze-server "$work/files"; then
    echo "WRONG: the desktop package carries the server"
    status=1
fi
if grep -qx ./usr/bin/huntaze-server "$work/server-files"; then echo "ok: huntaze-server packaged"; else
    echo "MISSING from the server package: ./usr/bin/huntaze-server"
    status=1
fi
server_depends=$(dpkg-deb -f "$server_deb" Depends)
for dependency in libqt6sql6-psql libsodium23; do
    case "$server_depends" in
    *"$dependency"*) echo "ok: server depends on $dependency" ;;
    *) echo "MISSING server dependency: $dependency"; status=1 ;;
    esac
done
case "$server_depends" in
*libqt6widgets6* | *libqt6keychain*) echo "WRONG: the server depends on Qt Widgets or the keychain: $server_depends"; status=1 ;;
esac
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dependency in libqt6widgets6 libqt6sql6-sqlite libsodium23 libqt6keychain1 fonts-noto-color-emoji; do
    case "$depends" in
    *"$dependency"*) echo "ok: depends on $dependency" ;;
    *) echo "MISSING dependency: $dependency"; status=1 ;;
    esac
done
# The French translation is compiled into the binary: its --help speaks French.
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -x "$server_deb" "$work/root"
version=$("$work/root/usr/bin/huntaze-server" --version 2>&1 || true)
case "$version" in
"huntaze-server "*) echo "ok: $version" ;;
*) echo "WRONG: huntaze-server --version said: $version"; status=1 ;;
esac
help=$(QT_QPA_PLATFORM=offscreen LANG=fr_FR.UTF-8 LC_ALL= LANGUAGE= HOME="$work" "$work/root/usr/bin/huntaze" --help 2>&1 || true)
case "$help" in
*"hors ligne"*) echo "ok: the packaged binary speaks French" ;;
*) echo "MISSING: French translation in the packaged binary; --help said:"; echo "$help"; status=1 ;;
esac
for expected in ./usr/lib/systemd/system/huntaze-server.service ./usr/share/doc/huntaze-server/environment.example \
    ./usr/share/huntaze-server/grafana/huntaze-server.json ./usr/share/huntaze-server/nginx/huntaze-server.conf; do
    if grep -qx "$expected" "$work/server-files"; then echo "ok: $expected"; else
        echo "MISSING from the server package: $expected"
        status=1
    fi
done
# The unit as packaged, pointed at the packaged binary: systemd-analyze prints
# nothing (and exits 0) only when every key is known and every path is right.
if command -v systemd-analyze >/dev/null; then
    mkdir -p "$work/unit"
    sed "s|^ExecStart=/usr/bin/huntaze-server|ExecStart=$work/root/usr/bin/huntaze-server|" \
        "$work/root/usr/lib/systemd/system/huntaze-server.service" >"$work/unit/huntaze-server.service"
    if said=$(systemd-analyze verify "$work/unit/huntaze-server.service" 2>&1) && [ -z "$said" ]; then
        echo "ok: systemd-analyze verify huntaze-server.service"
    else
        echo "WRONG: systemd-analyze verify huntaze-server.service said: $said"
        status=1
    fi
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$source_dir/packaging/huntaze.desktop" && echo "ok: desktop file valid" || status=1
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --pedantic "$source_dir/packaging/io.huntaze.huntaze.metainfo.xml" || status=1
fi
exit $status
