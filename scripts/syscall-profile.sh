#!/usr/bin/env bash
# The profile behind docs/performance.md, "Why server-vt trails the C server": system calls and context
# switches per request of one server under the C reference client, counted by `perf stat` on
# the server process for 4 s of a 5 s run (after a 3 s warm-up run). Needs perf and permission
# to read syscall tracepoints (root, or kernel.perf_event_paranoid <= -1).
# Usage: scripts/syscall-profile.sh c|vt|nio [CONNECTIONS]      (default 1000)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
kind=${1:?usage: scripts/syscall-profile.sh c|vt|nio [CONNECTIONS]}
connections=${2:-1000}
[[ $kind =~ ^(c|vt|nio)$ ]] || { echo "unknown server '$kind': c, vt or nio" >&2; exit 2; }
[[ $connections =~ ^[1-9][0-9]*$ ]] || { echo "CONNECTIONS must be a positive number, got '$connections'" >&2; exit 2; }
command -v perf >/dev/null || { echo "perf not found (Debian: linux-perf)" >&2; exit 2; }
build_tools
export VTNIO_NO_REBUILD=1
out=$(mktemp -d)
server_pid=
trap 'rm -rf "$out"; [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; true' EXIT

port=$(free_port)
case $kind in
  c) pin 1 "$ref/ref-echo-server" "$port" >/dev/null 2>&1 & ;;
  *) pin 1 "$here/vtnio" server "$kind" --port "$port" --max-connections 19500 >/dev/null 2>&1 & ;;
esac
server_pid=$!
await_port "$port"
(pin 0 "$ref/ref-echo-client" "$port" "$connections" 3 32 >/dev/null)
(pin 0 "$ref/ref-echo-client" "$port" "$connections" 5 32 >"$out/client.txt") &
client_pid=$!
sleep 0.5
events=context-switches,task-clock
for call in read write epoll_ctl epoll_wait futex; do events+=,syscalls:sys_enter_$call; done
perf stat -x, -p "$server_pid" -e "$events" -- sleep 4 2>"$out/perf.csv"
wait "$client_pid"
requests_per_sec=$(sed -n 's/.*requests\/s=\([0-9]*\).*/\1/p' "$out/client.txt")
echo "$kind, $connections connections: $requests_per_sec requests/s ($(cat "$out/client.txt"))"
awk -F, -v n="$((requests_per_sec * 4))" '$3 != "" {printf "  %-28s %12s  per request %.3f\n", $3, $1, $1 / n}' "$out/perf.csv"
