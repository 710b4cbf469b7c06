#!/usr/bin/env bash
# Runs a command with a real PostgreSQL server started for it on loopback:
# TEREZE_TEST_PG holds its URL; the server is stopped and removed afterwards.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d /tmp/tereze-pg.XXXXXX)"
chmod 755 "$dir"
stop() { "$here/pg-test-server.sh" stop "$dir" >&2 || true; }
trap stop EXIT
TEREZE_TEST_PG="$("$here/pg-test-server.sh" start "$dir")"
export TEREZE_TEST_PG
echo "with-postgres: $TEREZE_TEST_PG" >&2
"$@"
