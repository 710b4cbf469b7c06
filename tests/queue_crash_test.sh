#!/usr/bin/env bash
# Queue recovery (R8): kill -9 the server while kiosks take tickets and an
# operator calls and serves them, three times over, then check that
#   - every ticket answered 201 is in the database with the number it was given;
#   - no number was given twice in a series;
#   - every ticket the operator was answered "called" is no longer waiting;
#   - after the restart the live queue (GET /api/v1/branches/1/queue) is exactly
#     the database's waiting tickets, and the next ticket continues the numbering.
#
# Usage: tests/queue_crash_test.sh path/to/tereze      Needs: bash, curl, sqlite3.
set -uo pipefail

readonly ROUNDS=3
readonly TAKERS=4
readonly DEADLINE_S=50
readonly CLOCK=2026-11-24T10:00:00+05:00

BIN="${1:-}"
[[ -n "$BIN" && -x "$BIN" ]] || { echo "usage: $0 path/to/tereze" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
DIR="$(mktemp -d /tmp/tereze-qcrash.XXXXXX)"
DB="$DIR/t.db"
SERVER_PID=""
LOOP_PIDS=()
cleanup() {
  local p
  for p in "${LOOP_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  [[ -n "$SERVER_PID" ]] && kill -9 "$SERVER_PID" 2>/dev/null
  for p in "${LOOP_PIDS[@]}" $SERVER_PID; do wait "$p" 2>/dev/null; done
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() {
  echo "queue_crash_test: FAIL: $*" >&2
  [[ -f "$DIR/server.log" ]] && tail -n 15 "$DIR/server.log" >&2
  exit 1
}
(( SECONDS < DEADLINE_S )) || fail "deadline"

start_server() {
  : >"$DIR/server.log"
  "$BIN" serve --db "sqlite:$DB" --listen 127.0.0.1:0 --access-log off --test-clock "$CLOCK" \
    >>"$DIR/server.log" 2>&1 &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/.*serving on http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$DIR/server.log" | head -n 1)
    [[ -n "$PORT" ]] && curl -fsS --max-time 1 "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited at start"
    sleep 0.05
  done
  fail "server did not become healthy"
}
login() {
  curl -sS --max-time 5 -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
    --data "{\"login\":\"$1\",\"password\":\"tereze-demo\"}" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}
# A kiosk: takes tickets in queue A until $DIR/stop; acked.N gets "id number" per 201.
taker_loop() {
  local k=$1 code line
  while [[ ! -e "$DIR/stop" ]]; do
    code=$(curl -s --max-time 3 -o "$DIR/tbody.$k" -w '%{http_code}' -X POST \
      "http://127.0.0.1:$PORT/api/v1/branches/1/tickets" -H 'Content-Type: application/json' \
      --data '{"queue":"A","lang":"kk"}')
    echo "$code" >>"$DIR/tcodes.$k"
    if [[ "$code" == 201 ]]; then
      # The body has no final newline: the line is written with its own.
      line=$(sed -n 's/.*"id":\([0-9]*\).*"number":"\([A-Z0-9]*\)".*/\1 \2/p' "$DIR/tbody.$k")
      [[ -n "$line" ]] && echo "$line" >>"$DIR/acked.$k"
    else
      sleep 0.02
    fi
  done
}
# The operator at window 1: call next, start, finish; called.txt gets each id answered "called".
operator_loop() {
  local body id
  while [[ ! -e "$DIR/stop" ]]; do
    body=$(curl -s --max-time 3 -X POST "http://127.0.0.1:$PORT/api/v1/windows/1/call-next" \
      -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' --data '{}')
    # Keys come sorted: the ticket's own "id" is the first one (the window's comes last).
    id=""
    grep -q '"state":"called"' <<<"$body" && id=$(grep -o '"id":[0-9]*' <<<"$body" | head -n 1 | cut -d: -f2)
    if [[ -z "$id" ]]; then
      # Busy from before the crash: finish what is at the window.
      id=$(curl -s --max-time 3 "http://127.0.0.1:$PORT/api/v1/windows/1/current" -H "Authorization: Bearer $OP" |
        grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
      [[ -z "$id" ]] && { sleep 0.02; continue; }
    else
      echo "$id" >>"$DIR/called.txt"
    fi
    curl -s --max-time 3 -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/tickets/$id/start" \
      -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' --data '{}'
    curl -s --max-time 3 -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/tickets/$id/finish" \
      -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' --data '{"outcome":"served"}'
  done
}

"$BIN" demo --db "sqlite:$DB" >"$DIR/demo.log" 2>&1 || fail "demo load: $(tail -3 "$DIR/demo.log")"
start_server
OP=$(login operator)
MANAGER=$(login manager)
[[ -n "$OP" && -n "$MANAGER" ]] || fail "logins"
for round in $(seq 1 "$ROUNDS"); do
  (( SECONDS < DEADLINE_S )) || fail "deadline in round $round"
  [[ $round -eq 1 ]] || start_server
  rm -f "$DIR/stop"
  LOOP_PIDS=()
  for k in $(seq 1 "$TAKERS"); do taker_loop "$k" & LOOP_PIDS+=($!); done
  operator_loop & LOOP_PIDS+=($!)
  ms=$((400 + RANDOM % 800))
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
  touch "$DIR/stop"
  for p in "${LOOP_PIDS[@]}"; do wait "$p"; done
  LOOP_PIDS=()
  echo "queue_crash_test: round $round: killed after ${ms} ms; tickets acked so far $(cat "$DIR"/acked.* 2>/dev/null | wc -l)"
done
start_server

cat "$DIR"/acked.* >"$DIR/acked.txt" 2>/dev/null
acked=$(wc -l <"$DIR/acked.txt")
(( acked > 0 )) || fail "no ticket was acknowledged; answers (count code): $(cat "$DIR"/tcodes.* 2>/dev/null | sort | uniq -c | tr "\n" " ")"
bad=$(cat "$DIR"/tcodes.* | grep -v -e '^201$' -e '^000$' -e '^429$' -e '^503$' | sort | uniq -c | tr '\n' ' ')
[[ -z "$bad" ]] || fail "unexpected status codes (count code): $bad"
q() { sqlite3 -batch -bail "file:$DB?mode=ro" "$@" 2>&1; }
while read -r id number; do
  got=$(q "SELECT queue || printf('%03d', number) FROM tickets WHERE id = $id;")
  [[ "$got" == "$number" ]] || fail "ticket $id was answered $number but the database has '$got'"
done <"$DIR/acked.txt"
dups=$(q "SELECT count(*) FROM (SELECT queue, number FROM tickets GROUP BY day, queue, number HAVING count(*) > 1);")
[[ "$dups" == 0 ]] || fail "$dups numbers given twice"
if [[ -s "$DIR/called.txt" ]]; then
  still=$(q "SELECT count(*) FROM tickets WHERE state = 'waiting' AND id IN ($(paste -sd, "$DIR/called.txt"));")
  [[ "$still" == 0 ]] || fail "$still tickets answered 'called' are waiting again"
fi
db_waiting=$(q "SELECT count(*) FROM tickets WHERE state = 'waiting';")
api_waiting=$(curl -s --max-time 5 "http://127.0.0.1:$PORT/api/v1/branches/1/queue" -H "Authorization: Bearer $MANAGER" |
  grep -o '"state":"waiting"' | wc -l)
[[ "$api_waiting" == "$db_waiting" ]] || fail "the live queue shows $api_waiting waiting, the database $db_waiting"
max=$(q "SELECT max(number) FROM tickets WHERE queue = 'A';")
next=$(curl -s --max-time 3 -X POST "http://127.0.0.1:$PORT/api/v1/branches/1/tickets" \
  -H 'Content-Type: application/json' --data '{"queue":"B","lang":"ru"}' >/dev/null;
  curl -s --max-time 3 -X POST "http://127.0.0.1:$PORT/api/v1/branches/1/tickets" \
  -H 'Content-Type: application/json' --data '{"queue":"A","lang":"ru"}' | sed -n 's/.*"number":"A\([0-9]*\)".*/\1/p')
[[ -n "$next" && $((10#$next)) -eq $((max + 1)) ]] || fail "the next ticket is A$next, expected number $((max + 1))"
touch "$DIR/called.txt"
(( $(wc -l <"$DIR/called.txt") > 0 )) || fail "the operator never called a ticket"
echo "queue_crash_test: acked=$acked called=$(wc -l <"$DIR/called.txt") waiting=$db_waiting rounds=$ROUNDS elapsed_s=$SECONDS"
echo "queue_crash_test: PASS"
