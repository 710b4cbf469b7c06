#!/usr/bin/env bash
# Crash test (R26 + durability): kill -9 the server under concurrent writes,
# five times over, then check that
#   - every write answered 201 is in the database (acked => durable);
#   - every employee the test created has exactly one 'employee.create' audit
#     record, and every such audit record has its employee (nothing half-written);
#   - no employee appears that the test never asked for;
#   - `tereze audit verify` says the chain is whole, and SQLite's integrity_check is ok.
#
# Usage: tests/crash_test.sh path/to/tereze
# Needs: bash, curl, sqlite3. Bounded: gives up after DEADLINE_S seconds.
# Note: SIGKILL kills the process, not the machine: this proves commit-before-ack
# and atomicity of a command, not fsync against power loss.
set -uo pipefail

readonly ROUNDS=5
readonly WRITERS=8
readonly DEADLINE_S=55
readonly PREFIX=crash

BIN="${1:-}"
[[ -n "$BIN" && -x "$BIN" ]] || { echo "usage: $0 path/to/tereze" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "crash_test: needs $tool" >&2; exit 2; }
done

DIR="$(mktemp -d /tmp/tereze-crash.XXXXXX)"
DB="$DIR/t.db"
SERVER_PID=""
LOOP_PIDS=()

cleanup() {
  local p
  for p in "${LOOP_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  if [[ -n "$SERVER_PID" ]]; then kill -9 "$SERVER_PID" 2>/dev/null; fi
  for p in "${LOOP_PIDS[@]}" $SERVER_PID; do wait "$p" 2>/dev/null; done
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "crash_test: FAIL: $*" >&2
  if [[ -f "$DIR/server.log" ]]; then
    echo "--- last server log lines:" >&2
    tail -n 15 "$DIR/server.log" >&2
  fi
  exit 1
}
check_deadline() { (( SECONDS < DEADLINE_S )) || fail "took longer than ${DEADLINE_S}s ($*)"; }

# Starts the server on a kernel-chosen port; sets SERVER_PID and PORT.
start_server() {
  : >"$DIR/server.log"
  "$BIN" serve --db "sqlite:$DB" --listen 127.0.0.1:0 --access-log off \
    >>"$DIR/server.log" 2>&1 &
  SERVER_PID=$!
  PORT=""
  local i
  for i in $(seq 1 100); do
    PORT=$(sed -n 's/.*serving on http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$DIR/server.log" | head -n 1)
    if [[ -n "$PORT" ]] && curl -fsS --max-time 1 "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited at start (after a crash?)"
    sleep 0.05
  done
  fail "server did not become healthy within 5 s"
}

# One writer: POSTs employees with unique logins until $DIR/stop exists.
# attempted.N gets every login before it is sent; acked.N "login id" for each 201;
# codes.N the HTTP status of every answer (000 = no answer).
writer_loop() {
  local round=$1 k=$2 i=0 login code body id
  local url="http://127.0.0.1:$PORT/api/v1/employees"
  while [[ ! -e "$DIR/stop" ]]; do
    i=$((i + 1))
    login="$PREFIX-$round-$k-$i"
    echo "$login" >>"$DIR/attempted.$k"
    code=$(curl -s --max-time 3 -o "$DIR/body.$k" -w '%{http_code}' -X POST "$url" \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      --data "{\"login\":\"$login\",\"surname\":\"S\",\"name\":\"N\",\"position\":\"P\",\"branch_id\":1,\"roles\":[\"operator\"]}")
    echo "$code" >>"$DIR/codes.$k"
    if [[ "$code" == 201 ]]; then
      body=$(cat "$DIR/body.$k")
      id=$(sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p' <<<"$body")
      echo "$login ${id:-?}" >>"$DIR/acked.$k"
    elif [[ "$code" == 000 ]]; then
      # The server is gone (killed); stop hammering a closed port.
      sleep 0.02
    fi
  done
}

echo "crash_test: dir $DIR"
"$BIN" demo --db "sqlite:$DB" >"$DIR/demo.log" 2>&1 || { cat "$DIR/demo.log" >&2; fail "demo load"; }

start_server
TOKEN=$(curl -sS --max-time 5 -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" \
  -H 'Content-Type: application/json' --data '{"login":"admin","password":"tereze-demo"}' |
  sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
[[ -n "$TOKEN" ]] || fail "admin login"

for round in $(seq 1 "$ROUNDS"); do
  check_deadline "round $round"
  [[ $round -eq 1 ]] || start_server
  rm -f "$DIR/stop"
  LOOP_PIDS=()
  for k in $(seq 1 "$WRITERS"); do
    writer_loop "$round" "$k" &
    LOOP_PIDS+=($!)
  done
  ms=$((300 + RANDOM % 1201))
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  touch "$DIR/stop"
  for p in "${LOOP_PIDS[@]}"; do wait "$p"; done
  LOOP_PIDS=()
  acked_now=$(cat "$DIR"/acked.* 2>/dev/null | wc -l)
  echo "crash_test: round $round: killed after ${ms} ms; acked so far $acked_now"
done

# Last restart: must recover cleanly, serve the acked rows, and stop on SIGTERM.
check_deadline "final restart"
start_server
first_acked=$(cat "$DIR"/acked.* 2>/dev/null | awk '$2 != "?" {print $2; exit}')
if [[ -n "$first_acked" ]]; then
  code=$(curl -s --max-time 3 -o /dev/null -w '%{http_code}' \
    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/employees/$first_acked")
  [[ "$code" == 200 ]] || fail "GET /api/v1/employees/$first_acked after restart answered $code (token or row lost?)"
fi
kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
kill -0 "$SERVER_PID" 2>/dev/null && fail "server did not stop within 5 s of SIGTERM"
wait "$SERVER_PID"
rc=$?
SERVER_PID=""
[[ $rc -eq 0 ]] || fail "server exited $rc on SIGTERM"

# --- checks -------------------------------------------------------------------
cat "$DIR"/attempted.* >"$DIR/attempted.txt" 2>/dev/null
cat "$DIR"/acked.* >"$DIR/acked.txt" 2>/dev/null
tr ' ' ',' <"$DIR/acked.txt" >"$DIR/acked.csv"
attempted=$(wc -l <"$DIR/attempted.txt")
acked=$(wc -l <"$DIR/acked.txt")
(( acked > 0 )) || fail "no write was acknowledged at all"
bad_codes=$(cat "$DIR"/codes.* | grep -v -e '^201$' -e '^000$' -e '^503$' | sort | uniq -c | tr '\n' ' ')
[[ -z "$bad_codes" ]] || fail "unexpected HTTP status codes (count code): $bad_codes"
codes_503=$(cat "$DIR"/codes.* | grep -c '^503$')

# A scratch database with the test's own lists, the server's database attached
# read-only: the checks never write to the database under test.
q() {
  sqlite3 -batch -bail "$DIR/check.db" \
    "ATTACH 'file:$DB?mode=ro' AS t;" "$@" 2>&1
}
sqlite3 -batch -bail "$DIR/check.db" \
  "CREATE TABLE attempted(login TEXT PRIMARY KEY); CREATE TABLE acked(login TEXT PRIMARY KEY, id TEXT);" \
  ".mode csv" ".import $DIR/attempted.txt attempted" ".import $DIR/acked.csv acked" \
  || fail "loading the test's lists into sqlite3"
sqlite3 "file:$DB?mode=ro" 'PRAGMA integrity_check' >"$DIR/integrity.txt" 2>&1
[[ "$(cat "$DIR/integrity.txt")" == ok ]] || fail "PRAGMA integrity_check: $(head -n 5 "$DIR/integrity.txt")"

lost=$(q "SELECT count(*) FROM acked WHERE login NOT IN (SELECT login FROM t.employees);")
[[ "$lost" == 0 ]] || fail "$lost acknowledged writes are missing, e.g. $(q "SELECT group_concat(login, ' ') FROM (SELECT login FROM acked WHERE login NOT IN (SELECT login FROM t.employees) LIMIT 5);")"
wrong_id=$(q "SELECT count(*) FROM acked a JOIN t.employees e ON e.login = a.login WHERE a.id <> '?' AND CAST(a.id AS INTEGER) <> e.id;")
[[ "$wrong_id" == 0 ]] || fail "$wrong_id acknowledged writes answered an id that is not the row's id"
present=$(q "SELECT count(*) FROM t.employees WHERE login LIKE '$PREFIX-%';")
phantom=$(q "SELECT count(*) FROM t.employees WHERE login LIKE '$PREFIX-%' AND login NOT IN (SELECT login FROM attempted);")
[[ "$phantom" == 0 ]] || fail "$phantom employees exist that the test never asked for"
unacked_present=$(q "SELECT count(*) FROM attempted WHERE login NOT IN (SELECT login FROM acked) AND login IN (SELECT login FROM t.employees);")
unacked_absent=$(q "SELECT count(*) FROM attempted WHERE login NOT IN (SELECT login FROM acked) AND login NOT IN (SELECT login FROM t.employees);")
no_audit=$(q "SELECT count(*) FROM t.employees e WHERE e.login LIKE '$PREFIX-%' AND
  (SELECT count(*) FROM t.audit_log a WHERE a.object = 'employee/' || e.id AND a.action = 'employee.create') <> 1;")
[[ "$no_audit" == 0 ]] || fail "$no_audit test employees do not have exactly one employee.create audit record, e.g. ids $(q "SELECT group_concat(id, ' ') FROM (SELECT e.id FROM t.employees e WHERE e.login LIKE '$PREFIX-%' AND (SELECT count(*) FROM t.audit_log a WHERE a.object = 'employee/' || e.id AND a.action = 'employee.create') <> 1 LIMIT 5);")"
orphan_audit=$(q "SELECT count(*) FROM t.audit_log a WHERE a.action = 'employee.create' AND
  NOT EXISTS (SELECT 1 FROM t.employees e WHERE a.object = 'employee/' || e.id);")
[[ "$orphan_audit" == 0 ]] || fail "$orphan_audit employee.create audit records have no employee"
audit_creates=$(q "SELECT count(*) FROM t.audit_log a JOIN t.employees e ON a.object = 'employee/' || e.id
  WHERE a.action = 'employee.create' AND e.login LIKE '$PREFIX-%';")
[[ "$audit_creates" == "$present" ]] || fail "audit records for test employees: $audit_creates, employees: $present"

"$BIN" audit verify --db "sqlite:$DB" >"$DIR/verify.txt" 2>&1
rc=$?
[[ $rc -eq 0 ]] || fail "tereze audit verify exited $rc: $(cat "$DIR/verify.txt")"

echo "crash_test: attempted=$attempted acked=$acked present=$present" \
  "acked_present=$acked unacked_present=$unacked_present unacked_absent=$unacked_absent" \
  "answers_503=$codes_503 rounds=$ROUNDS writers=$WRITERS elapsed_s=$SECONDS"
echo "crash_test: $(cat "$DIR/verify.txt")"
echo "crash_test: PASS"
