#!/usr/bin/env bash
# Drives the C reference server, server-vt and server-nio with the independent C epoll client
# from ../shared/tools, in alternating rounds, server pinned to one core and client to the other.
# Usage: scripts/ref-client-bench.sh [CONNECTIONS] [SECONDS] [ROUNDS] [PAYLOAD]
# Prints one line per run and the median requests/s per server. Needs ../shared/tools (the
# yardsticks) and a built vtnio (./vtnio build).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
connections=${1:-50}
seconds=${2:-6}
rounds=${3:-3}
payload=${4:-32}
build_tools
server_cpu=1
client_cpu=0

start_server() { # NAME PORT -> sets server_pid
  local name=$1 port=$2
  case $name in
    c) pin $server_cpu "$ref/ref-echo-server" "$port" >/dev/null 2>&1 & ;;
    vt | nio) pin $server_cpu "$here/vtnio" server "$name" --port "$port" --max-connections 19500 >/dev/null 2>&1 & ;;
  esac
  server_pid=$!
  await_port "$port"
}

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
c=$(median ${results[c]})
c_cpu=$(median ${cpu[c]})
for name in c vt nio; do
  m=$(median ${results[$name]})
  m_cpu=$(median ${cpu[$name]})
  echo "median $name requests/s=$m ratio_to_c=$(awk -v a="$m" -v b="$c" 'BEGIN{printf "%.2f", a/b}')" \
    "server_cpu_us_per_request=$m_cpu ratio_to_c=$(awk -v a="$m_cpu" -v b="$c_cpu" 'BEGIN{printf "%.2f", a/b}')"
done
