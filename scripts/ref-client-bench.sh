#!/usr/bin/env bash
# Drives the C reference server and vtnio's servers (vt, nio, pt) with the independent C epoll client
# from tools/c, in alternating rounds, server pinned to one core and client to the other.
# Usage: scripts/ref-client-bench.sh [CONNECTIONS] [SECONDS] [ROUNDS] [PAYLOAD]
# Each run is preceded by a discarded warm-up run of REF_WARMUP_SECONDS (default 2) against the
# same server process. Prints one line per run, then per server the median requests/s and CPU
# per request, and the median over rounds of the ratio to the C server's run in the same round
# (the machine's speed drifts between rounds; alternating and pairing cancels most of that).
# REF_SERVERS chooses the servers (default: c vt nio pt); c must come first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
connections=${1:-50}
seconds=${2:-6}
rounds=${3:-3}
payload=${4:-32}
warmup_seconds=${REF_WARMUP_SECONDS:-2}
build_tools
read -r -a servers <<<"${REF_SERVERS:-c vt nio pt}"
server_cpu=1
client_cpu=0

start_server() { # NAME PORT -> sets server_pid
  local name=$1 port=$2
  case $name in
    c) pin $server_cpu "$ref/ref-echo-server" "$port" >/dev/null 2>&1 & ;;
    vt | nio | pt) pin $server_cpu "$here/vtnio" server "$name" --port "$port" --max-connections 19500 >/dev/null 2>&1 & ;;
  esac
  server_pid=$!
  await_port "$port"
}

declare -A results cpu ratios cpu_ratios
for round in $(seq 1 "$rounds"); do
  for name in "${servers[@]}"; do
    port=$(free_port)
    start_server "$name" "$port"
    # A discarded warm-up run for every server alike: the JVMs compile their hot path here.
    (pin $client_cpu "$ref/ref-echo-client" "$port" "$connections" "$warmup_seconds" "$payload" >/dev/null)
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
    [[ $name == c ]] && c_rps=$rps c_cpu_us=$cpu_us
    ratios[$name]+="$(awk -v a="$rps" -v b="$c_rps" 'BEGIN{printf "%.3f", a/b}') "
    cpu_ratios[$name]+="$(awk -v a="$cpu_us" -v b="$c_cpu_us" 'BEGIN{printf "%.3f", a/b}') "
  done
done
for name in "${servers[@]}"; do
  echo "median $name requests/s=$(median ${results[$name]}) ratio_to_c=$(median ${ratios[$name]})" \
    "server_cpu_us_per_request=$(median ${cpu[$name]}) cpu_ratio_to_c=$(median ${cpu_ratios[$name]})"
done
