#!/usr/bin/env bash
# Command-line tests for the tereze binary: help, version, migrate, demo,
# audit verify (whole, forged, deleted record), online backup of a live
# database under writes, and the test clock.
#
# Usage: tests/cli_test.sh path/to/tereze
# Needs: bash, curl, sqlite3. Prints "ok - ..." / "not ok - ..." per check and
# a final "N passed, M failed"; exits non-zero when anything failed.
set -uo pipefail

BIN="${1:-}"
[[ -n "$BIN" && -x "$BIN" ]] || { echo "usage: $0 path/to/tereze" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "cli_test: needs $tool" >&2; exit 2; }
done

DIR="$(mktemp -d /tmp/tereze-cli.XXXXXX)"
SERVER_PID=""
LOOP_PID=""
cleanup() {
  [[ -n "$LOOP_PID" ]] && kill "$LOOP_PID" 2>/dev/null && wait "$LOOP_PID" 2>/dev/null
  [[ -n "$SERVER_PID" ]] && kill -9 "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PASSED=0
FAILED=0
ok() { echo "ok - $*"; PASSED=$((PASSED + 1)); }
not_ok() { echo "not ok - $*"; FAILED=$((FAILED + 1)); }
# check NAME COMMAND...: ok when COMMAND succeeds.
check() {
  local name=$1
  shift
  if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# run ARGS...: runs tereze (at most RUN_TIMEOUT, 30 s); sets OUT (stdout+stderr) and RC.
run() {
  OUT=$(timeout "${RUN_TIMEOUT:-30}" "$BIN" "$@" 2>&1)
  RC=$?
}
contains() { grep -qiE -- "$2" <<<"$1"; }

# start_server ARGS...: serve on a kernel-chosen port; sets SERVER_PID, URL.
start_server() {
  : >"$DIR/server.log"
  "$BIN" serve --listen 127.0.0.1:0 --access-log off "$@" >>"$DIR/server.log" 2>&1 &
  SERVER_PID=$!
  local port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*serving on http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$DIR/server.log" | head -n 1)
    URL="http://127.0.0.1:$port"
    [[ -n "$port" ]] && curl -fsS --max-time 1 "$URL/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  echo "# server did not start:" && sed 's/^/#   /' "$DIR/server.log" | tail -n 5
  return 1
}
stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
login_admin() {
  curl -sS --max-time 5 -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    --data '{"login":"admin","password":"tereze-demo"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}
# post_employee TOKEN LOGIN: prints the HTTP status.
post_employee() {
  curl -s --max-time 5 -o /dev/null -w '%{http_code}' -X POST "$URL/api/v1/employees" \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    --data "{\"login\":\"$2\",\"surname\":\"S\",\"name\":\"N\",\"position\":\"P\",\"branch_id\":1,\"roles\":[\"operator\"]}"
}
# http METHOD PATH [BODY]: sets CODE and BODY.
http() {
  local args=(-s --max-time 5 -o "$DIR/http.body" -w '%{http_code}' -X "$1" "$URL$2")
  [[ $# -ge 3 ]] && args+=(-H 'Content-Type: application/json' --data "$3")
  CODE=$(curl "${args[@]}")
  BODY=$(cat "$DIR/http.body" 2>/dev/null)
}

# --- help and version ------------------------------------------------------------
for sub in "" serve demo migrate audit "audit verify" backup verify-signature version; do
  # shellcheck disable=SC2086  # $sub is split on purpose: "audit verify"
  run $sub --help
  if [[ $RC -eq 0 ]] && contains "$OUT" '^usage:'; then
    ok "tereze ${sub:+$sub }--help exits 0 and prints usage"
  else
    not_ok "tereze ${sub:+$sub }--help exits 0 and prints usage (exit $RC)"
  fi
done
run version
check "version prints a version ($OUT)" test $RC -eq 0 -a -n "$(grep -E '^tereze [0-9]+\.[0-9]+\.[0-9]+' <<<"$OUT")"
run no-such-command
check "an unknown subcommand exits non-zero" test $RC -ne 0

# --- migrate -------------------------------------------------------------------
# The latest schema version is the number of migration files.
LATEST=$(find "$(dirname "$0")/../src/store/migrations" -name '[0-9][0-9][0-9][0-9]_*.sql' | wc -l)
run migrate --db "sqlite:$DIR/m.db"
check "migrate on a fresh file reports version $LATEST" test $RC -eq 0 -a "$OUT" = "schema at version $LATEST"
run migrate --db "sqlite:$DIR/m.db"
check "migrate again is idempotent (still version $LATEST)" test $RC -eq 0 -a "$OUT" = "schema at version $LATEST"
check "migrate again records the migration once" \
  test "$(sqlite3 "$DIR/m.db" "SELECT COUNT(*) FROM schema_migrations")" = "$LATEST"

# --- demo ------------------------------------------------------------------------
DB="$DIR/demo.db"
# With the shipped catalog wherever the test runs from (ctest: the build directory).
run demo --db "sqlite:$DB" --catalog "$(dirname "$0")/../data/catalog/services.json"
check "demo loads" test $RC -eq 0 -a -n "$(grep 'demo loaded' <<<"$OUT")"
run demo --db "sqlite:$DB"
check "demo again says already loaded" test $RC -eq 0 -a -n "$(grep 'already loaded' <<<"$OUT")"

# --- reports (R37, R38) --------------------------------------------------------------
# One application accepted in October at the demo branch, written straight into the file.
sqlite3 "$DB" "INSERT INTO applications (status, stage, branch_id, employee_id, service_code,
  provider_code, catalog_version_id, lang, applicant_iin, applicant_surname, applicant_name,
  applicant_patronymic, applicant_phone, form_complete, first_time, fee_tiyn, price_tiyn,
  accepted_at_ms, accepted_on) SELECT 'accepted', 'accepted', b.id, e.id, '00803008', 'MP', 1,
  'kk', '870412300120', 'A', 'B', '', '', 1, 1, 0, 0, 1791000000000, '2026-10-03'
  FROM branches b, employees e WHERE b.code = 'AST-01' AND e.login = 'operator'"
run report monthly --db "sqlite:$DB" --month 2026-10 --format csv --out "$DIR/oct.csv"
check "report monthly writes the month as CSV (exit $RC)" test $RC -eq 0 -a -n \
  "$(sed -n 2p "$DIR/oct.csv" | grep '^monthly_report,AST-01/MP/2026-10,2026-10,AST-01,MP,.*,00803008,".*",1,0,0,0,0,0,0,0,0,0,0,,')"
check "report monthly says how far it is, a line without a terminal" contains "$OUT" 'report: 1/1 branches'
run report monthly --db "sqlite:$DB" --month 2026-10 --format xlsx --lang kk --out "$DIR/oct.xlsx"
check "report monthly writes XLSX (exit $RC)" test $RC -eq 0 -a "$(head -c 2 "$DIR/oct.xlsx")" = PK
run report quality --db "sqlite:$DB" --month 2026-10
check "report quality prints the JSON export" contains "$OUT" '"schema":"tereze.quality_export.v1".*"accepted":1'
run report monthly --db "sqlite:$DB" --month 2026-13
check "report with a bad month exits 1 naming invalid_month (exit $RC)" \
  test $RC -eq 1 -a -n "$(grep invalid_month <<<"$OUT")"

# --- signatures (R12, R21) -----------------------------------------------------------
# The demo's CA and the operator's certificate, out of the database; a file signed with
# the standard openssl tool verifies with `tereze verify-signature`, a changed file does not.
sqlite3 "$DB" 'SELECT certificate_pem FROM signing_authorities' >"$DIR/ca.pem"
sqlite3 "$DB" "SELECT certificate_pem FROM signing_keys k JOIN employees e ON e.id = k.employee_id WHERE e.login = 'operator'" >"$DIR/op.pem"
sqlite3 "$DB" "SELECT private_key_pem FROM signing_keys k JOIN employees e ON e.id = k.employee_id WHERE e.login = 'operator'" >"$DIR/op.key"
check "demo creates a CA and the operator's certificate" \
  test -n "$(grep 'BEGIN CERTIFICATE' "$DIR/ca.pem")" -a -n "$(grep 'BEGIN CERTIFICATE' "$DIR/op.pem")"
printf 'scan of an original\n' >"$DIR/scan.txt"
openssl cms -sign -binary -outform DER -signer "$DIR/op.pem" -inkey "$DIR/op.key" \
  -in "$DIR/scan.txt" -out "$DIR/scan.p7s" 2>/dev/null
run verify-signature --data "$DIR/scan.txt" --signature "$DIR/scan.p7s" --ca "$DIR/ca.pem"
check "verify-signature accepts the operator's signature (exit $RC: $OUT)" test $RC -eq 0
printf 'scan of another original\n' >"$DIR/other.txt"
run verify-signature --data "$DIR/other.txt" --signature "$DIR/scan.p7s" --ca "$DIR/ca.pem"
check "verify-signature refuses a changed file with exit 2 (exit $RC)" test $RC -eq 2
run verify-signature --data "$DIR/no-such-file" --signature "$DIR/scan.p7s" --ca "$DIR/ca.pem"
check "verify-signature exits 1 for a missing file (exit $RC)" test $RC -eq 1

# --- audit verify ------------------------------------------------------------------
run audit verify --db "sqlite:$DB"
check "audit verify exits 0 on the demo database" test $RC -eq 0
records=$(sqlite3 "$DB" 'SELECT count(*) FROM audit_log')
check "the demo has enough audit records to tamper with ($records)" test "$records" -ge 5
action3=$(sqlite3 "$DB" 'SELECT action FROM audit_log WHERE id=3')
sqlite3 "$DB" "UPDATE audit_log SET action='forged' WHERE id=3"
run audit verify --db "sqlite:$DB"
check "audit verify exits 2 on a forged record" test $RC -eq 2
check "audit verify names the forged record 3 ($OUT)" contains "$OUT" 'record 3([^0-9]|$)'
sqlite3 "$DB" "UPDATE audit_log SET action='$action3' WHERE id=3"
run audit verify --db "sqlite:$DB"
check "audit verify exits 0 again once record 3 is restored" test $RC -eq 0
middle=$((records / 2))
sqlite3 "$DB" "DELETE FROM audit_log WHERE id=$middle"
run audit verify --db "sqlite:$DB"
check "audit verify exits 2 when a middle record ($middle) is deleted" test $RC -eq 2
check "audit verify names the deleted record $middle ($OUT)" contains "$OUT" "record $middle([^0-9]|$)"

# --- backup of a live database under writes -----------------------------------------
LIVE="$DIR/live.db"
run demo --db "sqlite:$LIVE"
# Padding rows (no audit: the chain covers audit_log only) make the database
# ~3000 pages, so the backup takes several steps while the writes go on.
sqlite3 "$LIVE" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 40000)
  INSERT INTO employees (login, surname, name, position, branch_id, roles, created_at_ms,
  updated_at_ms) SELECT 'pad-' || i, hex(randomblob(100)), 'N', 'P', 1, 'operator', 0, 0 FROM n;"
if start_server --db "sqlite:$LIVE"; then
  TOKEN=$(login_admin)
  check "admin logs in" test -n "$TOKEN"
  http POST /api/v1/test/clock '{"advance_seconds":60}'
  check "without --test-clock, POST /api/v1/test/clock is 404 (got $CODE)" test "$CODE" = 404
  ( i=0
    while [[ ! -e "$DIR/stop" ]]; do
      i=$((i + 1))
      [[ "$(post_employee "$TOKEN" "live-$i")" == 201 ]] && echo "live-$i" >>"$DIR/live-acked"
    done ) &
  LOOP_PID=$!
  for _ in $(seq 1 100); do
    [[ $(cat "$DIR/live-acked" 2>/dev/null | wc -l) -ge 20 ]] && break
    sleep 0.05
  done
  before=$(cat "$DIR/live-acked" 2>/dev/null | wc -l)
  run backup --db "sqlite:$LIVE" --to "$DIR/copy.db"
  backup_rc=$RC backup_out=$OUT
  sleep 0.3
  after=$(cat "$DIR/live-acked" 2>/dev/null | wc -l)
  touch "$DIR/stop"
  wait "$LOOP_PID" 2>/dev/null
  LOOP_PID=""
  check "backup of the live database succeeds ($backup_out)" test "$backup_rc" -eq 0
  check "writes went on during the backup ($before acked before, $after after)" \
    test "$before" -ge 20 -a "$after" -gt "$before"
  check "the copy passes PRAGMA integrity_check" \
    test "$(sqlite3 "$DIR/copy.db" 'PRAGMA integrity_check' 2>&1)" = ok
  run audit verify --db "sqlite:$DIR/copy.db"
  check "audit verify exits 0 on the copy ($OUT)" test $RC -eq 0
  copied=$(sqlite3 "$DIR/copy.db" "SELECT count(*) FROM employees WHERE login LIKE 'live-%'" 2>&1)
  check "the copy holds writes made under load ($copied)" test "$copied" -ge 1 2>/dev/null
  missing=$(sqlite3 "$DIR/copy.db" "SELECT count(*) FROM employees e WHERE login LIKE 'live-%' AND
    (SELECT count(*) FROM audit_log a WHERE a.object = 'employee/' || e.id) <> 1" 2>&1)
  check "every employee in the copy has its audit record ($missing without)" test "$missing" = 0

  code=$(post_employee "$TOKEN" "real-person")
  check "a non-demo employee is created via the API (got $code)" test "$code" = 201
  stop_server
else
  not_ok "server starts on the live database"
fi

echo "keep me" >"$DIR/exists.db"
run backup --db "sqlite:$LIVE" --to "$DIR/exists.db"
check "backup to an existing file fails ($OUT)" test $RC -ne 0
check "backup to an existing file leaves it alone" test "$(cat "$DIR/exists.db")" = "keep me"
run backup --db "sqlite:$DIR/no-such-dir/x.db" --to "$DIR/never.db"
check "backup of a missing database fails" test $RC -ne 0

run demo --db "sqlite:$LIVE"
check "demo refuses a database holding non-demo employees ($OUT)" test $RC -ne 0

# --- test clock ----------------------------------------------------------------------
if start_server --db "sqlite:$DB" --test-clock 2026-03-01T09:00:00+05:00; then
  http GET /healthz
  check "--test-clock: /healthz now is 2026-03-01T04:00Z ($BODY)" \
    contains "$BODY" '"now":"2026-03-01T04:00:[0-9.]*Z"'
  http POST /api/v1/test/clock '{"advance_seconds":3600}'
  check "advance 3600 s answers 200 ($CODE $BODY)" test "$CODE" = 200
  http GET /healthz
  check "advance 3600 s moves /healthz an hour ($BODY)" \
    contains "$BODY" '"now":"2026-03-01T05:00:[0-9.]*Z"'
  http POST /api/v1/test/clock '{"advance_seconds":-5}'
  check "advance -5 s answers 422 ($CODE)" test "$CODE" = 422
  http GET /healthz
  check "a refused advance leaves the clock alone ($BODY)" \
    contains "$BODY" '"now":"2026-03-01T05:00:[0-9.]*Z"'
  stop_server
else
  not_ok "server starts with --test-clock"
fi
RUN_TIMEOUT=5 run serve --db "sqlite:$DIR/garbage.db" --listen 127.0.0.1:0 --access-log off --test-clock garbage
check "serve --test-clock garbage exits non-zero at once (exit $RC)" test $RC -ne 0 -a $RC -ne 124

# --- the day simulator driving a running server (issue 6) -------------------------
SIMDB="$DIR/sim.db"
run demo --db "sqlite:$SIMDB"
if start_server --db "sqlite:$SIMDB" --test-clock 2026-11-24T09:00:00+05:00; then
  RUN_TIMEOUT=120 run simulate --url "$URL" --branch 1 --operator operator:tereze-demo \
    --profile busy --minutes 180 --json
  check "simulate --url drives the server (exit $RC)" test $RC -eq 0
  SIM_JSON=$(sed -n '/^{/,/^}/p' <<<"$OUT")
  ARRIVED=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["arrived"])' <<<"$SIM_JSON" 2>/dev/null)
  MAE=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["mae_min"])' <<<"$SIM_JSON" 2>/dev/null)
  check "the simulator took tickets ($ARRIVED) and reports an error in minutes ($MAE)" \
    test "${ARRIVED:-0}" -gt 3 -a -n "$MAE"
  # The server counted exactly the tickets the simulator says it took.
  TOKEN=$(curl -s -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    --data '{"login":"manager","password":"tereze-demo"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
  TAKEN=$(curl -s "$URL/api/v1/branches/1/queue-stats?date=2026-11-24" -H "Authorization: Bearer $TOKEN" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["taken"])' 2>/dev/null)
  check "the server's statistics count the same tickets ($TAKEN = $ARRIVED)" test "$TAKEN" = "$ARRIVED"
  run simulate --url "$URL" --branch 1 --operator operator:wrong-password --minutes 10
  check "simulate with a wrong password fails: login_failed ($RC)" \
    eval 'test $RC -ne 0 && contains "$OUT" login_failed'
  stop_server
else
  not_ok "server starts for the simulator"
fi
if start_server --db "sqlite:$SIMDB"; then
  run simulate --url "$URL" --branch 1 --operator operator:tereze-demo --minutes 10
  check "simulate --url refuses a server without a test clock ($RC)" \
    eval 'test $RC -ne 0 && contains "$OUT" no_test_clock'
  stop_server
else
  not_ok "server starts without a test clock for the simulator"
fi

echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
