#!/usr/bin/env bash
# Benchmarks Tereze end to end and prints the figures.
#
#   bench/run.sh BUILD_DIR      (BUILD_DIR holds tereze, tereze-load, tereze-sqlite-ceiling)
#
# For SQLite, then for a throwaway PostgreSQL (scripts/pg-test-server.sh):
#   write-closed  POST /api/v1/employees, closed loop, 64 connections, 10 s (max throughput)
#   write-open    POST /api/v1/employees, open loop at 5000/s, 10 s (p99 without coordinated omission)
#   read-closed   GET /api/v1/employees/1, closed loop, 64 connections, 10 s
#   intake-closed POST /api/v1/applications (accepted: application, documents, consent,
#                 timeline event, audit record and outbox SMS in one transaction), closed loop
#   intake-open   the same, open loop at INTAKE_RATE (5000/s: half the 10,000/s target)
#   scan-collect  POST /api/v1/scans "collect" of the applications just accepted, one each,
#                 closed loop, SCAN_DURATION_S (3 s: the accepted ones run out after that)
#   scan-batch100 POST /api/v1/scans/batch, stacks of 100 "collect" scans, 16 connections,
#                 BATCH_DURATION_S (2 s); "scans-in-100s" is the collect events the database
#                 gained per second (counted with sqlite3 / psql, not taken from the client)
# the queue (tereze-queue-bench): call-next in the engine with 100 windows and 2,000 waiting
# (microseconds), and 1,000 board WebSockets each receiving 30 calls (ms from call-next sent);
# the monthly report (tereze-report-bench): a generated month of 350 branches and 3 million
# applications, the report of every branch (national_ms, shown in the p99 column) and of one
# (one_branch_ms, the p50 column), the best of 3 runs, with the core count;
# plus tereze-sqlite-ceiling (batch 256, 200k rows): SQLite's own limit with the
# server's durability settings. Each server is fresh: demo loaded, access log off.
# The load generator runs on the same machine (and cores) as the server.
# Takes about two minutes, and some ten more to generate the report benchmark's month (REPORT_BRANCHES,
# REPORT_PER_BRANCH make it smaller); everything is removed on exit. Env: DURATION_S (10),
# CONNS (64), RATE (5000), SKIP_PG=1 to skip PostgreSQL.
set -uo pipefail

BUILD="${1:-}"
[[ -n "$BUILD" && -x "$BUILD/tereze" && -x "$BUILD/tereze-load" && -x "$BUILD/tereze-sqlite-ceiling" &&
   -x "$BUILD/tereze-queue-bench" ]] ||
  { echo "usage: $0 BUILD_DIR (with tereze, tereze-load, tereze-sqlite-ceiling built)" >&2; exit 2; }
BUILD="$(cd "$BUILD" && pwd)"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION_S="${DURATION_S:-10}"
CONNS="${CONNS:-64}"
RATE="${RATE:-5000}"
INTAKE_RATE="${INTAKE_RATE:-5000}"

DIR="$(mktemp -d /tmp/tereze-bench.XXXXXX)"
chmod 755 "$DIR"
PGDIR="$DIR/pg"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  if [[ -e "$PGDIR" ]]; then "$ROOT/scripts/pg-test-server.sh" stop "$PGDIR" >/dev/null 2>&1; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "bench: error: $*" >&2; [[ -f "$DIR/server.log" ]] && tail -n 10 "$DIR/server.log" >&2; exit 1; }

BODY='{"login":"b-{seq}-{run}","surname":"S","name":"N","position":"P","branch_id":1,"roles":["operator"]}'
declare -a SUMMARY=()

start_server() {  # DB_URL [LOGIN]
  : >"$DIR/server.log"
  # A test clock on a Tuesday morning: intake is refused outside opening hours.
  "$BUILD/tereze" serve --db "$1" --listen 127.0.0.1:0 --access-log off \
    --test-clock 2026-11-24T10:00:00+05:00 >>"$DIR/server.log" 2>&1 &
  SERVER_PID=$!
  local port=""
  for _ in $(seq 1 200); do
    port=$(sed -n 's/.*serving on http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$DIR/server.log" | head -n 1)
    URL="http://127.0.0.1:$port"
    [[ -n "$port" ]] && curl -fsS --max-time 1 "$URL/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "server exited at start"
    sleep 0.05
  done
  curl -fsS --max-time 1 "$URL/healthz" >/dev/null 2>&1 || die "server did not start"
  TOKEN=$(curl -sS --max-time 10 -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    --data "{\"login\":\"${2:-admin}\",\"password\":\"tereze-demo\"}" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
  [[ -n "$TOKEN" ]] || die "${2:-admin} login failed"
}
stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
# Writer counters from /metrics: commits and batch sizes so far.
writer_stats() {
  curl -s --max-time 5 "$URL/metrics" |
    awk '/^tereze_writer_commits_total/ {c=$2} /^tereze_writer_batch_size_sum/ {s=$2}
         /^tereze_writer_batch_size_count/ {n=$2}
         END {printf "%d %d %d", c, s, n}'
}
# Other work on the machine skews every figure here: say how idle it was.
idle_check() {  # PHASE
  local -a a b
  read -r -a a </proc/stat; sleep 1; read -r -a b </proc/stat
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  local pct=$(( total > 0 ? 100 * idle / total : 0 ))
  echo "bench: machine ${pct}% idle before $1 (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  (( pct >= 90 )) || echo "bench: WARNING: something else is using the CPU; figures will be low and noisy"
}
# One number from the database under test (read while the server runs: WAL / MVCC).
sql_count() {  # DB_URL SQL
  if [[ "$1" == sqlite:* ]]; then sqlite3 "${1#sqlite:}" "$2"; else psql -qtA "$1" -c "$2"; fi
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

load() {  # DB_LABEL NAME ARGS...
  local db=$1 name=$2
  shift 2
  local before after line
  before=$(writer_stats)
  line=$("$BUILD/tereze-load" --url "$URL" --token "$TOKEN" --name "$db-$name" \
    --duration-s "$DURATION_S" "$@" 2>"$DIR/load.err")
  after=$(writer_stats)
  LAST_LINE=$line
  echo "$line"
  grep -v '^$' "$DIR/load.err" | head -n 3 | sed 's/^/  (stderr) /'
  read -r c0 s0 _ <<<"$before"
  read -r c1 s1 _ <<<"$after"
  local commits=$((c1 - c0)) cmds=$((s1 - s0))
  if (( commits > 0 )); then
    echo "  writer: $commits commits, $cmds commands, $(awk -v a="$cmds" -v b="$commits" 'BEGIN{printf "%.1f", a/b}') commands/commit"
  fi
  SUMMARY+=("$(printf '%-8s %-13s %10s %9s %9s %9s %7s' "$db" "$name" \
    "$(field "$line" ops_per_s)" "$(field "$line" p50_ms)" "$(field "$line" p99_ms)" \
    "$(field "$line" max_ms)" "$(field "$line" errors)")")
}

suite() {  # DB_LABEL
  idle_check "$1"
  load "$1" write-closed --method POST --path /api/v1/employees --body-template "$BODY" \
    --connections "$CONNS"
  load "$1" write-open --method POST --path /api/v1/employees --body-template "$BODY" \
    --connections "$CONNS" --rate "$RATE"
  load "$1" read-closed --method GET --path /api/v1/employees/1 --connections "$CONNS"
}

# An application as the desk sends it: service 00803008, one document, a written consent,
# a phone (so an SMS goes into the outbox). The IIN is valid (data/gbd/people.json).
APPLICATION='{"service_code":"00803008","lang":"kk","applicant":{"iin":"850314301120","surname":"Жүсіпбеков","name":"Төлеген","patronymic":"Шаһмарұлы","phone":"+77011234567","id_document":{"type":"id_card","number":"045123456","valid_until":"2030-01-01"}},"documents":[{"code":"application","kind":"original","pages":2}],"consents":[{"kind":"written","reference":"WC-{run}-{seq}"}]}'

intake_suite() {  # DB_LABEL DB_URL
  start_server "$2" operator
  local operator_token=$TOKEN
  idle_check "$1 intake"
  load "$1" intake-closed --method POST --path /api/v1/applications --body-template "$APPLICATION" \
    --connections "$CONNS"
  load "$1" intake-open --method POST --path /api/v1/applications --body-template "$APPLICATION" \
    --connections "$CONNS" --rate "$INTAKE_RATE"
  # Scans by the collection sector, each moving one accepted package (ids from 1).
  TOKEN=$(curl -sS --max-time 10 -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    --data '{"login":"collection","password":"tereze-demo"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
  DURATION_S_SAVED=$DURATION_S
  DURATION_S=${SCAN_DURATION_S:-3}
  load "$1" scan-collect --method POST --path /api/v1/scans \
    --body-template '{"barcode":"{barcode}","action":"collect"}' --connections "$CONNS" --seq-start 1
  # Stacks of 100 scans per request (POST /api/v1/scans/batch), on packages the single scans
  # did not reach; the figure is the collect events the database gained, per second.
  local next before_events after_events wall
  next=$(( $(sql_count "$2" "SELECT COALESCE(MAX(id), 0) FROM applications WHERE stage = 'collected'") + 1 ))
  before_events=$(sql_count "$2" "SELECT count(*) FROM application_events WHERE kind = 'collect'")
  DURATION_S=${BATCH_DURATION_S:-2}
  load "$1" scan-batch100 --method POST --path /api/v1/scans/batch \
    --body-template '{"action":"collect","barcodes":[{barcodes}]}' --connections 16 \
    --seq-start "$next" --seq-per-request 100
  after_events=$(sql_count "$2" "SELECT count(*) FROM application_events WHERE kind = 'collect'")
  wall=$(awk -v l="$LAST_LINE" 'BEGIN{n=split(l,a," "); for(i=1;i<=n;i++) if (a[i] ~ /^wall_s=/) {sub("wall_s=","",a[i]); print a[i]}}')
  echo "  verified: $((after_events - before_events)) packages collected in ${wall}s = $(awk -v n=$((after_events - before_events)) -v w="$wall" 'BEGIN{printf "%.0f", n/w}') durable scans/s"
  SUMMARY+=("$(printf '%-8s %-13s %10s %9s %9s %9s %7s' "$1" "scans-in-100s" \
    "$(awk -v n=$((after_events - before_events)) -v w="$wall" 'BEGIN{printf "%.0f", n/w}')" - - - -)")
  DURATION_S=$DURATION_S_SAVED
  TOKEN=$operator_token
  stop_server
}

echo "bench: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $("$BUILD/tereze" version)"
echo "bench: duration ${DURATION_S}s per run, $CONNS connections, open-loop rate $RATE/s; load generator on the same machine"

# --- SQLite ---------------------------------------------------------------------
echo "== sqlite"
"$BUILD/tereze" demo --db "sqlite:$DIR/bench.db" --catalog "$ROOT/data/catalog/services.json" >/dev/null ||
  die "demo (sqlite)"
start_server "sqlite:$DIR/bench.db"
suite sqlite
stop_server
intake_suite sqlite "sqlite:$DIR/bench.db"

echo "== queue (R8, R16)"
idle_check queue
line=$("$BUILD/tereze-queue-bench" engine) || die "tereze-queue-bench engine failed"
echo "$line"
SUMMARY+=("$(printf '%-8s %-13s %10s %9s %9s %9s %7s' engine call-next-us - \
  "$(field "$line" p50_us)" "$(field "$line" p99_us)" "$(field "$line" max_us)" -)")
start_server "sqlite:$DIR/bench.db" operator
line=$("$BUILD/tereze-queue-bench" boards --url "$URL" --token "$TOKEN" --clients 1000 --calls 30) ||
  echo "bench: board fan-out did not complete"
echo "$line"
SUMMARY+=("$(printf '%-8s %-13s %10s %9s %9s %9s %7s' sqlite board-1000-ms - \
  "$(field "$line" p50_ms)" "$(field "$line" p99_ms)" "$(field "$line" max_ms)" -)")
stop_server

echo "== sqlite ceiling (no HTTP)"
idle_check ceiling
line=$("$BUILD/tereze-sqlite-ceiling" --db "$DIR/ceiling.db" --batch 256 --rows 200000 --max-duration-s 60) ||
  die "tereze-sqlite-ceiling failed"
echo "$line"
SUMMARY+=("$(printf '%-8s %-13s %10s %9s %9s %9s %7s' sqlite ceiling-b256 \
  "$(sed -n 's/.*[ ]\(writes_per_s\|ops_per_s\|rows_per_s\)=\([^ ]*\).*/\2/p' <<<" $line")" - - - -)")

echo "== monthly report (R37): 350 branches, 3 million applications in the month"
if [[ -x "$BUILD/tereze-report-bench" ]]; then
  idle_check report
  line=$("$BUILD/tereze-report-bench" --db "$DIR/report.db" --branches "${REPORT_BRANCHES:-350}" \
    --per-branch "${REPORT_PER_BRANCH:-8572}" --threads 2 2>"$DIR/report.err") ||
    { tail -n 3 "$DIR/report.err"; die "tereze-report-bench failed"; }
  echo "$line"
  SUMMARY+=("$(printf '%-8s %-13s %10s %9s %9s %9s %7s' sqlite report-month - \
    "$(field "$line" one_branch_ms)" "$(field "$line" national_ms)" - -)")
  rm -f "$DIR/report.db"*
fi

# --- PostgreSQL -----------------------------------------------------------------
if [[ "${SKIP_PG:-0}" != 1 ]]; then
  echo "== postgresql"
  if PG_URL=$("$ROOT/scripts/pg-test-server.sh" start "$PGDIR" 2>"$DIR/pg.log"); then
    "$BUILD/tereze" demo --db "$PG_URL" --catalog "$ROOT/data/catalog/services.json" >/dev/null ||
      die "demo (postgresql)"
    start_server "$PG_URL"
    suite postgres
    stop_server
    intake_suite postgres "$PG_URL"
    "$ROOT/scripts/pg-test-server.sh" stop "$PGDIR" >/dev/null 2>&1
  else
    echo "bench: PostgreSQL did not start; skipped:"
    tail -n 5 "$DIR/pg.log"
  fi
fi

echo
echo "== summary ($(nproc) cores, ${DURATION_S}s runs, $CONNS conns, open loop $RATE/s)"
printf '%-8s %-13s %10s %9s %9s %9s %7s\n' db run ops_per_s p50_ms p99_ms max_ms errors
printf '%s\n' "${SUMMARY[@]}"
echo "bench: done in ${SECONDS}s"
