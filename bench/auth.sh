#!/bin/sh
# An authenticated read, side by side with the seed's own stack, in one run:
#   bench/auth.sh [seconds] [connections]      (default: 10 s, 32)
# Both answer GET /api/me for 10,000 bearer tokens ("tok1".."tok10000",
# stored as SHA-256 digests), taken in turn by wrk with the anchor's own
# script (../shared/anchors/nextjs/bench-auth.lua):
#   - the seed's stack (../shared/anchors/nextjs/start.sh): Next.js 14 + pg,
#     which hashes the token and looks it up in PostgreSQL on every request;
#   - huntaze-server (RelWithDebInfo) over its own throw-away PostgreSQL, run
#     as production runs it (runtime role, row-level security), its 10,000
#     sessions belonging to 10,000 admins of one agency; request log lines
#     and rate limits off (one budget per member would refuse a load generator).
# Each side gets a warm-up run, then the measured one, then the other side:
# the 2 cores are shared by the server, its PostgreSQL and wrk. Prints
# requests/s, p50, p99, the servers' resident memory after the run, and the ratios.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
connections=${2:-32}
anchor=$(cd "$root/../shared/anchors/nextjs" && pwd)
build=$root/build-bench
command -v wrk >/dev/null || { echo "bench/auth.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "bench/auth.sh runs PostgreSQL as the postgres user: run it as root" >&2; exit 1; }
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target huntaze-server >/dev/null

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d /tmp/huntaze-auth-bench-XXXXXX)
chown postgres "$work"
server_pid="" anchor_stop=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
    [ -n "$anchor_stop" ] && "$anchor_stop" || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "starting the seed's stack (npm install and next build: about half a minute)..."
anchor_port=$(free_port)
anchor_out=$(bash "$anchor/start.sh" "$anchor_port")
anchor_url=$(echo "$anchor_out" | sed -n 's/^NEXT_URL=//p')
anchor_stop=$(echo "$anchor_out" | sed -n 's/^STOP=//p')

pg_port=$(free_port)
runuser -u postgres -- "$pgbin/initdb" -D "$work/data" -A trust -U postgres --no-sync >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w \
    -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
psql="psql -q -h 127.0.0.1 -p $pg_port -U postgres"
$psql -c 'CREATE ROLE huntaze_owner LOGIN' -c 'CREATE DATABASE huntaze OWNER huntaze_owner' \
    -c 'CREATE ROLE huntaze_runtime NOLOGIN' -c 'CREATE ROLE huntaze_app LOGIN IN ROLE huntaze_runtime' >/dev/null
server_port=$(free_port)
server_url=http://127.0.0.1:$server_port
QT_LOGGING_RULES='huntaze.server.info=false;huntaze.requests.info=false' \
HUNTAZE_RATE_API_PER_MINUTE=0 HUNTAZE_RATE_ANONYMOUS_PER_MINUTE=0 HUNTAZE_RATE_SIGN_IN_PER_ACCOUNT=0 \
HUNTAZE_DATABASE_URL=postgresql://huntaze_app@127.0.0.1:$pg_port/huntaze \
HUNTAZE_MIGRATION_DATABASE_URL=postgresql://huntaze_owner@127.0.0.1:$pg_port/huntaze \
    "$build/bin/huntaze-server" --listen "127.0.0.1:$server_port" 2>>"$work/server.log" &
server_pid=$!
for _ in $(seq 50); do curl -sf "$server_url/health" >/dev/null && break; sleep 0.2; done
curl -sf -X POST "$server_url/api/auth/sign-up" -H 'Content-Type: application/json' \
    -d '{"email":"owner@example.com","password":"a long bench password","displayName":"Bench"}' >/dev/null
# The anchor's users and tokens, as members of the owner's agency (as the superuser: no policy in the way).
$psql -d huntaze >/dev/null <<'SQL'
INSERT INTO users (email, password_hash, created_at)
    SELECT 'user' || g || '@example.com', 'not a hash: nobody signs in with it', now() FROM generate_series(1, 10000) g;
INSERT INTO members (agency_id, user_id, role, joined_at)
    SELECT (SELECT agency_id FROM members LIMIT 1), id, 'admin', now() FROM users WHERE email LIKE 'user%@example.com';
INSERT INTO sessions (token_digest, user_id, agency_id, created_at, last_used_at, family, expires_at)
    SELECT sha256(('tok' || g)::bytea), u.id, m.agency_id, now(), now(), sha256(('family' || g)::bytea), now() + interval '1 day'
      FROM generate_series(1, 10000) g
      JOIN users u ON u.email = 'user' || g || '@example.com'
      JOIN members m ON m.user_id = u.id;
SQL
curl -sf -H 'Authorization: Bearer tok1' "$server_url/api/me" >/dev/null || { echo "bench/auth.sh: huntaze-server refuses tok1" >&2; exit 1; }
curl -sf -H 'Authorization: Bearer tok1' "$anchor_url/api/me" >/dev/null || { echo "bench/auth.sh: the anchor refuses tok1" >&2; exit 1; }

rss_of() { # resident memory of a process and its children, MiB
    pids=$(pgrep -g "$(ps -o pgid= -p "$1" | tr -d ' ')" 2>/dev/null || echo "$1")
    ps -o rss= -p "$(echo $pids | tr ' ' ',')" | awk '{s += $1} END {printf "%.1f", s / 1024}'
}
measure() { # url -> "req/s p50 p99 non2xx"
    wrk -t2 -c"$connections" -d2s -s "$anchor/bench-auth.lua" "$1" >/dev/null 2>&1
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$anchor/bench-auth.lua" "$1" 2>&1)
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "50%" {print $2}') \
$(echo "$out" | awk '$1 == "99%" {print $2}') $(echo "$out" | awk '/Non-2xx/ {print $NF}')"
}
ours=$(measure "$server_url")
ours_rss=$(ps -o rss= -p "$server_pid" | awk '{printf "%.1f", $1 / 1024}')
theirs=$(measure "$anchor_url")
anchor_pid=$(pgrep -f "next-server" | head -1 || true)
theirs_rss=$( [ -n "$anchor_pid" ] && rss_of "$anchor_pid" || echo "?")

echo
echo "GET /api/me, 10,000 tokens in turn, $connections connections, ${seconds}s, $(nproc) cores shared by server, PostgreSQL and wrk"
printf '%-34s %10s %9s %9s %12s %s\n' "" "req/s" "p50" "p99" "RSS (MiB)" ""
set -- $ours; printf '%-34s %10s %9s %9s %12s %s\n' "huntaze-server (C++/Qt)" "$1" "$2" "$3" "$ours_rss" "${4:+($4 non-2xx)}"
ours_rps=$1
set -- $theirs; printf '%-34s %10s %9s %9s %12s %s\n' "seed stack (Next.js 14 + pg)" "$1" "$2" "$3" "$theirs_rss" "${4:+($4 non-2xx)}"
python3 -c "print(f'ratio: {$ours_rps / $1:.1f}x the requests/s')"
