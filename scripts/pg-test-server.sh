#!/usr/bin/env bash
# Throwaway PostgreSQL server for tests.
#
#   DIR=$(mktemp -d /tmp/tereze-pg.XXXXXX)
#   export TEREZE_TEST_PG=$(scripts/pg-test-server.sh start "$DIR")
#   ...run tests...
#   scripts/pg-test-server.sh stop "$DIR"
#
# start prints exactly one line on stdout, the database URL; everything else
# goes to stderr. Running start again on the same DIR reuses the server.
# The server listens on 127.0.0.1 only, with trust authentication: never point
# this at anything but a scratch directory.
set -euo pipefail

readonly DBNAME=tereze_test
readonly FIRST_PORT=25432
readonly MARKER=.tereze-pg-test  # Guards `stop` against deleting a wrong DIR.

log() { echo "pg-test-server: $*" >&2; }
die() { log "error: $*"; exit 1; }

usage() { die "usage: $0 start|stop DIR"; }

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  local dirs=(/usr/lib/postgresql/*/bin)
  [[ -d "${dirs[0]}" ]] || die "no /usr/lib/postgresql/*/bin; install postgresql or set PG_BINDIR"
  if [[ ${#dirs[@]} -gt 1 ]]; then
    log "several PostgreSQL versions installed; using the newest (set PG_BINDIR to choose)"
  fi
  printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1
}

# PostgreSQL refuses to run as root, so root runs it as the postgres user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_running() { as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

url() { echo "postgresql://postgres@127.0.0.1:$(cat "$DIR/port")/$DBNAME"; }

start() {
  # pg_ctl hands -o to a shell, and the socket path has a length limit.
  [[ "$DIR" =~ ^[A-Za-z0-9/._-]+$ ]] || die "DIR must match [A-Za-z0-9/._-]+: $DIR"
  [[ ${#DIR} -le 80 ]] || die "DIR is too long for a Unix socket path: $DIR"

  if [[ -e "$DIR" && ! -e "$DIR/$MARKER" ]]; then
    [[ -d "$DIR" && -z "$(ls -A "$DIR")" ]] || die "$DIR exists and is not an empty directory"
  fi
  mkdir -p "$DIR"
  touch "$DIR/$MARKER"
  chmod 755 "$DIR"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$DIR"; fi
  as_pg test -w "$DIR" -a -x "$DIR" \
    || die "postgres cannot write $DIR; its parents must be traversable (use mktemp -d under /tmp)"

  if [[ ! -f "$DIR/data/PG_VERSION" ]]; then
    rm -rf "$DIR/data"
    log "initdb in $DIR/data"
    as_pg "$BIN/initdb" -D "$DIR/data" -A trust -U postgres --encoding=UTF8 \
      --locale=C.UTF-8 >&2
  fi
  as_pg mkdir -p "$DIR/sock"

  if is_running; then
    log "already running on port $(cat "$DIR/port")"
  else
    local port=$FIRST_PORT started=0
    if [[ -f "$DIR/port" ]]; then port=$(cat "$DIR/port"); fi
    # Another test run may take a port between the check and the bind, so a
    # failed start moves on to the next port.
    for _ in $(seq 20); do
      while port_in_use "$port"; do port=$((port + 1)); done
      log "starting on 127.0.0.1:$port (log: $DIR/log)"
      if as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
          -o "-p $port -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=on" start >&2; then
        started=1
        break
      fi
      grep -q "could not bind\|Address already in use" "$DIR/log" 2>/dev/null \
        || { tail -n 20 "$DIR/log" >&2 || true; die "pg_ctl start failed"; }
      : >"$DIR/log"
      port=$((port + 1))
    done
    [[ $started -eq 1 ]] || die "no free port found"
    echo "$port" >"$DIR/port"
  fi

  local port
  port=$(cat "$DIR/port")
  local exists
  exists=$(as_pg "$BIN/psql" -h "$DIR/sock" -p "$port" -U postgres -d postgres -XtAq \
    -c "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'")
  if [[ "$exists" != 1 ]]; then
    as_pg "$BIN/createdb" -h "$DIR/sock" -p "$port" -U postgres "$DBNAME" >&2
  fi
  url
}

stop() {
  if [[ ! -e "$DIR" ]]; then
    log "$DIR does not exist; nothing to stop"
    return
  fi
  [[ -e "$DIR/$MARKER" ]] || die "$DIR was not made by this script; refusing to delete it"
  if [[ -f "$DIR/data/PG_VERSION" ]] && is_running; then
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
  fi
  rm -rf "$DIR"
  log "stopped and removed $DIR"
}

[[ $# -eq 2 ]] || usage
[[ -n "$2" ]] || usage
DIR=$(realpath -m -- "$2")
[[ "$DIR" != / ]] || die "refusing to use /"
BIN=$(find_bindir)
case "$1" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
