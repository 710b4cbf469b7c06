#!/usr/bin/env bash
# Runs a command against a real tereze server: a fresh SQLite database with
# the demo loaded, the built web front end, a free loopback port.
# TEREZE_URL holds the server's address; the server is stopped afterwards.
# Usage: with-server.sh path/to/tereze COMMAND...
set -euo pipefail
bin="$1"; shift
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d /tmp/tereze-srv.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
"$bin" demo --db "sqlite:$dir/t.db" --catalog "$root/data/catalog/services.json" >&2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# A test clock at a Tuesday morning, so that what depends on opening hours
# (intake, the queue) behaves the same whenever the tests run.
"$bin" serve --db "sqlite:$dir/t.db" --listen "127.0.0.1:$port" --web "$root/web/dist" \
  --test-clock "${TEREZE_TEST_CLOCK:-2026-11-24T10:00:00+05:00}" \
  --access-log "$dir/access.log" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
export TEREZE_URL="http://127.0.0.1:$port"
# The binary too, for a test that needs a server of its own (web/tests/reports.test.mjs).
TEREZE_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export TEREZE_BIN
"$@"
