#!/usr/bin/env bash
# Runs a command with a real Kannel started for it on loopback: bearerbox, smsbox and the fake
# SMSC of kannel-extras (/usr/lib/kannel/test/fakesmsc) standing in for the operator, with a
# generated configuration and free ports in a temporary directory. The Debian `kannel` service
# and /etc/kannel play no part. Everything is stopped and removed afterwards.
#
#   scripts/with-kannel.sh CMD ARGS...
#
# The command sees:
#   TEREZE_KANNEL_SENDSMS_URL  http://127.0.0.1:PORT/cgi-bin/sendsms
#   TEREZE_KANNEL_USER, TEREZE_KANNEL_PASSWORD   the sendsms user
#   TEREZE_FAKESMSC_LOG        one line per message the fake SMSC received: the destination,
#                              a tab, the text in UTF-8 (\\ \t \r \n escaped); details in
#                              scripts/kannel-test-server.py
#   TEREZE_KANNEL_CTL          a script taking stop | start (the whole gateway: sendsms refuses
#                              connections) or stop-smsc | start-smsc (the operator only: Kannel
#                              queues and delivers later) | status; it returns when done
#   TEREZE_KANNEL_STATUS_URL   bearerbox's status page (text)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[[ $# -ge 1 ]] || { echo "usage: $0 CMD ARGS..." >&2; exit 2; }
for bin in /usr/sbin/bearerbox /usr/sbin/smsbox /usr/lib/kannel/test/fakesmsc; do
  [[ -x "$bin" ]] || { echo "with-kannel: $bin is missing; install kannel kannel-extras" >&2; exit 1; }
done

dir="$(mktemp -d /tmp/tereze-kannel.XXXXXX)"
supervisor=""
child=""
status=0
cleanup() {
  if [[ -n "$supervisor" ]]; then
    kill -TERM "$supervisor" 2>/dev/null || true
    wait "$supervisor" 2>/dev/null || true
  fi
  if [[ $status -ne 0 ]]; then
    # A failed run shows why before its files go.
    for f in supervisor.log bearerbox.log smsbox.log fakesmsc.log; do
      [[ -f "$dir/$f" ]] && { echo "--- $f (last lines)" >&2; tail -n 15 "$dir/$f" >&2; }
    done
  fi
  rm -rf "$dir"
}
# The command runs in the background so that a signal reaches these traps at once (bash
# defers traps until a foreground command ends). Background commands ignore SIGINT, so the
# command is told to stop with SIGTERM either way.
stop_child() { if [[ -n "$child" ]]; then kill -TERM "$child" 2>/dev/null || true; fi; }
trap 'status=$?; cleanup' EXIT
trap 'stop_child; exit 130' INT
trap 'stop_child; exit 143' TERM

python3 "$here/kannel-test-server.py" serve "$dir" >"$dir/supervisor.log" 2>&1 &
supervisor=$!
for _ in $(seq 1 600); do
  [[ -e "$dir/ready" ]] && break
  if ! kill -0 "$supervisor" 2>/dev/null; then
    echo "with-kannel: Kannel did not start" >&2
    exit 1
  fi
  sleep 0.1
done
[[ -e "$dir/ready" ]] || { echo "with-kannel: Kannel not ready after 60 s" >&2; exit 1; }
# shellcheck source=/dev/null
source "$dir/env"
echo "with-kannel: sendsms at $TEREZE_KANNEL_SENDSMS_URL, files in $dir" >&2
"$@" <&0 &
child=$!
wait "$child"
