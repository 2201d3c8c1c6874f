#!/usr/bin/env bash
# Drives the C reference server, server-vt and server-nio with the independent C epoll client
# from ../shared/tools, in alternating rounds, server pinned to one core and client to the other.
# Usage: scripts/ref-client-bench.sh [CONNECTIONS] [SECONDS] [ROUNDS] [PAYLOAD]
# Prints one line per run and the median requests/s per server. Needs ../shared/tools (the
# yardsticks) and a built vtnio (./vtnio build).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
connections=${1:-50}
seconds=${2:-6}
rounds=${3:-3}
payload=${4:-32}
tools=${VTNIO_REF_TOOLS:-$here/../shared/tools}
ref=$here/.vtnio/ref
"$tools/build-ref" "$ref" >/dev/null
"$here/vtnio" build
server_cpu=1
client_cpu=0
if ! command -v taskset >/dev/null; then
  echo "taskset not found: running unpinned" >&2
  pin() { shift; exec "$@"; }
else
  # exec, so that a backgrounded pin's $! is the server process itself (for its CPU time).
  pin() { exec taskset -c "$@"; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_server() { # NAME PORT -> sets server_pid
  local name=$1 port=$2
  case $name in
    c) pin $server_cpu "$ref/ref-echo-server" "$port" >/dev/null 2>&1 & ;;
    vt | nio) pin $server_cpu "$here/vtnio" server "$name" --port "$port" >/dev/null 2>&1 & ;;
  esac
  server_pid=$!
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2).close()" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "server $name did not start" >&2
  return 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

declare -A results cpu
for round in $(seq 1 "$rounds"); do
  for name in c vt nio; do
    port=$(free_port)
    start_server "$name" "$port"
    sleep 1
    before=$(cpu_ticks "$server_pid")
    line=$(pin $client_cpu "$ref/ref-echo-client" "$port" "$connections" "$seconds" "$payload")
    after=$(cpu_ticks "$server_pid")
    kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true
    rps=$(sed -n 's/.*requests\/s=\([0-9]*\).*/\1/p' <<<"$line")
    total=$(sed -n 's/.*total=\([0-9]*\).*/\1/p' <<<"$line")
    cpu_us=$(awk -v t=$((after - before)) -v n="$total" 'BEGIN{printf "%.2f", t * 10000 / n}')
    echo "round $round $name: $line server_cpu_s=$(awk -v t=$((after - before)) 'BEGIN{printf "%.2f", t/100}') server_cpu_us_per_request=$cpu_us"
    results[$name]+="$rps "
    cpu[$name]+="$cpu_us "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
c=$(median <<<"${results[c]}")
c_cpu=$(median <<<"${cpu[c]}")
for name in c vt nio; do
  m=$(median <<<"${results[$name]}")
  m_cpu=$(median <<<"${cpu[$name]}")
  echo "median $name requests/s=$m ratio_to_c=$(awk -v a="$m" -v b="$c" 'BEGIN{printf "%.2f", a/b}')" \
    "server_cpu_us_per_request=$m_cpu ratio_to_c=$(awk -v a="$m_cpu" -v b="$c_cpu" 'BEGIN{printf "%.2f", a/b}')"
done
