#!/bin/sh
# huntaze-server under load (wrk), against a throw-away PostgreSQL:
#   bench/server.sh [seconds per route] [connections]     (default: 10 s, 32)
#   BASELINE=<git revision> bench/server.sh ...            (also compare with it)
# Reports requests/s and latency per route, and each route's throughput as a
# ratio of /health (one HTTP round trip plus one SELECT 1: the floor).
# The server runs as production's does (docs/server.md): the owner role
# migrates, an unprivileged runtime role serves, under row-level security.
# With BASELINE, that revision's server is built in a worktree and measured
# on /api/me and /api/fans in the same run, against its own database on the
# same PostgreSQL, and the ratios are printed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
connections=${2:-32}
build=$root/build-bench
command -v wrk >/dev/null || { echo "bench/server.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target huntaze-server >/dev/null

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d /tmp/huntaze-bench-XXXXXX)
as_pg=""
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; as_pg="runuser -u postgres --"; fi
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    $as_pg "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

pg_port=$(free_port)
$as_pg "$pgbin/initdb" -D "$work/data" -A trust -U postgres --no-sync >/dev/null
$as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w \
    -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c 'CREATE ROLE huntaze_owner LOGIN' -c 'CREATE DATABASE huntaze OWNER huntaze_owner' \
    -c 'CREATE ROLE huntaze_runtime NOLOGIN' -c 'CREATE ROLE huntaze_app LOGIN IN ROLE huntaze_runtime' >/dev/null

# The bench measures the server, not its rate limits: one seeded member sends
# every request, far past any budget meant for a person (older revisions
# ignore these).
export HUNTAZE_RATE_API_PER_MINUTE=0 HUNTAZE_RATE_AI_PER_MINUTE=0 HUNTAZE_RATE_ANONYMOUS_PER_MINUTE=0 HUNTAZE_RATE_SIGN_IN_PER_ACCOUNT=0

# start_server <binary> <database> [runtime role]: sets $url and $server_pid.
start_server() {
    port=$(free_port)
    url=http://127.0.0.1:$port
    if [ -n "${3:-}" ]; then
        QT_LOGGING_RULES='huntaze.server.info=false;huntaze.requests.info=false' \
        HUNTAZE_DATABASE_URL=postgresql://$3@127.0.0.1:$pg_port/$2 \
        HUNTAZE_MIGRATION_DATABASE_URL=postgresql://huntaze_owner@127.0.0.1:$pg_port/$2 \
            "$1" --listen "127.0.0.1:$port" 2>>"$work/server.log" &
    else
        QT_LOGGING_RULES='huntaze.server.info=false;huntaze.requests.info=false' HUNTAZE_DATABASE_URL=postgresql://postgres@127.0.0.1:$pg_port/$2 \
            "$1" --listen "127.0.0.1:$port" 2>>"$work/server.log" &
    fi
    server_pid=$!
    for _ in $(seq 50); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
}

# seed: an account with 500 fans and 50 offers; sets $token.
seed() {
token=$(curl -sf -X POST "$url/api/auth/sign-up" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"a long bench password","displayName":"Bench"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 - "$url" "$token" <<'PY'
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
def post(path, body):
    request = urllib.request.Request(url + path, json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
post("/api/fans/import", {"fans": [{"name": f"Fan {i}", "tags": ["vip"] if i % 10 == 0 else [],
     "totalSpend": i % 300, "lastPurchase": "Beach set" if i % 3 else "Gym video",
     "lastActive": "2026-11-%02d" % (1 + i % 28)} for i in range(500)]})
post("/api/offers/import", {"offers": [{"price": 5 + (i % 8) * 5, "recipients": 200,
     "purchases": max(1, 40 - (i % 8) * 5)} for i in range(50)]})
PY
}

start_server "$build/bin/huntaze-server" huntaze huntaze_app
seed
creator=$(curl -sf "$url/api/me" -H "Authorization: Bearer $token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["user"].get("creatorId", ""))')

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BODY")
LUA
echo "huntaze-server, $connections connections, ${seconds}s per route, $(nproc) cores shared by server, PostgreSQL and wrk"
printf '%-46s %10s %9s %9s %9s\n' route "req/s" "p50" "p99" "vs health"
floor=""
run() {
    name=$1; shift
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" 2>&1)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    [ -z "$floor" ] && floor=$rps
    ratio=$(python3 -c "print(f'{$rps / $floor:.2f}x')")
    printf '%-46s %10s %9s %9s %9s %s\n' "$name" "$rps" "$p50" "$p99" "$ratio" "${errors:+($errors non-2xx)}"
}
auth="Authorization: Bearer $token"
run "GET /health" "$url/health"
run "GET /api/me" -H "$auth" "$url/api/me"
run "GET /api/fans (500 fans)" -H "$auth" "$url/api/fans"
run "GET /api/fans?creator= (500 fans)" -H "$auth" "$url/api/fans?creator=$creator"
BODY='{"platform":"instagram","count":5,"theme":"beach day"}' \
    run "POST content-ideas/generate (offline AI)" -H "$auth" -s "$work/post.lua" "$url/api/content-ideas/generate"
BODY='{}' run "POST tools/pricing-optimizer (50 offers)" -H "$auth" -s "$work/post.lua" "$url/api/ai-assistant/tools/pricing-optimizer"
BODY='{"email":"bench@example.com","password":"a long bench password"}' \
    run "POST /api/auth/sign-in (Argon2id)" -s "$work/post.lua" "$url/api/auth/sign-in"

# A burst of sign-ins (each an Argon2id hash: 64 MiB, ~70 ms of one core) must not
# starve everyone else: /api/me measured while 16 clients keep signing in.
BODY='{"email":"bench@example.com","password":"a long bench password"}' \
    wrk -t1 -c16 -d"$((seconds + 2))s" -s "$work/post.lua" "$url/api/auth/sign-in" >"$work/storm.txt" 2>&1 &
storm_pid=$!
sleep 1
run "GET /api/me during a sign-in storm (16 clients)" -H "$auth" "$url/api/me"
wait "$storm_pid"
echo "  sign-ins meanwhile: $(awk '/Requests\/sec/ {print $2}' "$work/storm.txt") req/s"
echo "server RSS after the run: $(ps -o rss= -p "$server_pid" | awk '{printf "%.1f MiB", $1/1024}')"

[ -z "${BASELINE:-}" ] && exit 0
# The same two routes on BASELINE's server and this one's, alternating three
# times so that both meet the same machine state; each figure is the median of
# its three runs, the ratio this / baseline.
# Built once per revision and kept (build-bench-baseline/<sha>), like build-bench.
baseline_sha=$(git -C "$root" rev-parse --short "$BASELINE")
baseline_build=$root/build-bench-baseline/$baseline_sha
if [ ! -x "$baseline_build/bin/huntaze-server" ]; then
    git -C "$root" worktree add --detach "$work/baseline" "$BASELINE" >/dev/null 2>&1
    cmake -S "$work/baseline" -B "$baseline_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUNTAZE_BUILD_TESTS=OFF >/dev/null
    cmake --build "$baseline_build" --target huntaze-server >/dev/null
    git -C "$root" worktree remove --force "$work/baseline"
fi
current_url=$url current_token=$token current_pid=$server_pid
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c 'CREATE DATABASE baseline' >/dev/null
start_server "$baseline_build/bin/huntaze-server" baseline
seed
baseline_url=$url baseline_token=$token baseline_pid=$server_pid
echo
echo "this tree vs $BASELINE ($(git -C "$root" rev-parse --short "$BASELINE")), same PostgreSQL, ${seconds}s each"
printf '%-30s %12s %12s %8s
' route "baseline/s" "this/s" ratio
rate() { wrk -t2 -c"$connections" -d"${seconds}s" -H "Authorization: Bearer $2" "$1" 2>&1 | awk '/Requests\/sec/ {print $2}'; }
median() { python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }
for path in /api/me /api/fans; do
    befores="" afters=""
    for _ in 1 2 3; do
        befores="$befores $(rate "$baseline_url$path" "$baseline_token")"
        afters="$afters $(rate "$current_url$path" "$current_token")"
    done
    before=$(median $befores) after=$(median $afters)
    printf '%-30s %12s %12s %8s   (runs: %s | %s)\n' "GET $path" "$before" "$after" "$(python3 -c "print(f'{$after / $before:.2f}')")" \
        "$(echo $befores)" "$(echo $afters)"
done
kill "$baseline_pid"; wait "$baseline_pid" 2>/dev/null || true
server_pid=$current_pid
