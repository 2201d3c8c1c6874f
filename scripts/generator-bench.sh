#!/usr/bin/env bash
# Is the generator the bottleneck? Runs the C reference server (tools/c) pinned to one
# core, and alternately the C reference client and `vtnio load` (closed model) pinned to the
# other, in alternating rounds; prints each run and the median ratio load / C client.
# Usage: scripts/generator-bench.sh [CONNECTIONS] [SECONDS] [ROUNDS] [PAYLOAD]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
connections=${1:-50}
seconds=${2:-6}
rounds=${3:-3}
payload=${4:-32}
out=$(mktemp -d)
trap 'rm -rf "$out"; [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null; true' EXIT
build_tools
port=$(free_port)
(pin 1 "$ref/ref-echo-server" "$port" >/dev/null 2>&1) &
server_pid=$!
sleep 0.5

c_runs=() load_runs=() c_p50=() load_p50=()
for round in $(seq 1 "$rounds"); do
  line=$( (pin 0 "$ref/ref-echo-client" "$port" "$connections" "$((seconds + 1))" "$payload") )
  rps=$(sed -n 's/.*requests\/s=\([0-9]*\).*/\1/p' <<<"$line")
  p50=$(sed -n 's/.*p50_us=\([0-9.]*\).*/\1/p' <<<"$line")
  echo "round $round C client:  requests/s=$rps p50_us=$p50 ($line)"
  c_runs+=("$rps") c_p50+=("$p50")
  (pin 0 "$here/vtnio" load --port "$port" --connections "$connections" --payload "$payload" \
    --warmup 1s --duration "${seconds}s" --json "$out/load.json" >/dev/null 2>&1) || true
  read -r rps p50 errors < <(python3 -c "import json; d=json.load(open('$out/load.json')); print(round(d['throughputPerSec']), d['latencyMicros']['p50'], d['errors'])")
  echo "round $round vtnio load: requests/s=$rps p50_us=$p50 errors=$errors"
  load_runs+=("$rps") load_p50+=("$p50")
done
c=$(median "${c_runs[@]}") l=$(median "${load_runs[@]}")
cp=$(median "${c_p50[@]}") lp=$(median "${load_p50[@]}")
echo "median C client requests/s=$c p50_us=$cp"
echo "median vtnio load requests/s=$l p50_us=$lp"
awk -v l="$l" -v c="$c" -v lp="$lp" -v cp="$cp" 'BEGIN{printf "throughput ratio load/C = %.3f, p50 ratio load/C = %.3f\n", l/c, lp/cp}'
