#!/usr/bin/env bash
# Reproduces every figure of docs/performance.md in one run and writes them as a
# Markdown table (OUT_DIR/figures.md), with every raw output beside it:
#   1. echo requests/s and server CPU per request under the C client, 50 and 1,000 connections
#      (scripts/ref-client-bench.sh: C server, vt, nio and pt, alternating rounds)
#   2. the generator against the C client (scripts/generator-bench.sh)
#   3. per idle connection, 1,000 and 10,000 opened from another process: live heap (jcmd
#      GC.class_histogram), resident memory (VmRSS) and the server's OS threads
#   4. 19,000 concurrent connections on each server, every reply verified
#   5. the backend scenario (--work sleep:20ms, 1,000 connections): vt with one and with two
#      carriers, nio at 16/64/256 workers, pt
# vt and pt are the same server code on virtual and on platform threads.
#   6. JMH: the line decoder on 32-byte lines
# Server on CPU 1, generator or client on CPU 0; medians of BENCH_ROUNDS (default 5) alternating
# rounds of BENCH_SECONDS (default 6). About 15 minutes; --quick (one short round, fewer
# connections): about 2.
# Usage: ./vtnio bench [--quick] [OUT_DIR]     (default OUT_DIR: results/bench-<UTC time>)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
usage="usage: ./vtnio bench [--quick] [OUT_DIR]"
quick=0
out=
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h | --help) echo "$usage"; exit 0 ;;
    -*) echo "vtnio bench: unknown option '$arg'; $usage" >&2; exit 2 ;;
    *)
      [[ -z $out ]] || { echo "vtnio bench: one OUT_DIR only, got '$out' and '$arg'; $usage" >&2; exit 2; }
      out=$arg
      ;;
  esac
done
out=${out:-$here/results/bench-$(date -u +%Y%m%d-%H%M%S)}
[[ ! -e $out || -d $out ]] || { echo "vtnio bench: OUT_DIR $out exists and is not a directory" >&2; exit 2; }
mkdir -p "$out"
build_tools
export VTNIO_NO_REBUILD=1
java=${VTNIO_JAVA:-java}
jcmd=$(dirname "$java")/jcmd
if ((quick)); then
  seconds=3 rounds=1 idle_counts=(1000 2000) many=5000 backend_seconds=4 jmh=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
else
  seconds=${BENCH_SECONDS:-6} rounds=${BENCH_ROUNDS:-5} idle_counts=(1000 10000) many=19000 backend_seconds=10 jmh=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
fi
figures=$out/figures.md
server_pid=
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; true' EXIT

row() {
  local line="|" cell
  for cell in "$@"; do line+=" $cell |"; done
  echo "$line" | tee -a "$figures"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }
# field LINE KEY: the number after " KEY=" in LINE.
field() { sed -n "s|.* $2=\([0-9.]*\).*|\1|p" <<<"$1"; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# last_stat FILE FIELD: the field of the server's last stats line.
last_stat() { grep '^{"type"' "$1" | tail -1 | grep -o "\"$2\":[0-9]*" | cut -d: -f2; }
max_stat() { grep '^{"type"' "$1" | grep -o "\"$2\":[0-9]*" | cut -d: -f2 | sort -n | tail -1; }

# start_server KIND NAME [FLAGS...]: server on CPU 1 (JVM flags: $server_java_opts), stdout in
# $out/NAME.out; sets server_pid.
start_server() {
  local kind=$1 name=$2
  shift 2
  (
    export VTNIO_JAVA_OPTS=${server_java_opts:-}
    pin 1 "$here/vtnio" server "$kind" --port "$port" --stats-interval 1s "$@" >"$out/$name.out" 2>"$out/$name.err"
  ) &
  server_pid=$!
  await_listening "$out/$name.out"
}

stop_server() {
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

load() { (pin 0 "$here/vtnio" load --port "$port" "$@"); }

{
  echo "# vtnio bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$("$java" -version 2>&1 | head -1), $(uname -sr). Command: ./vtnio bench $([[ $quick == 1 ]] && echo --quick)"
  echo
} >"$figures"
row "figure" "C" "vt" "nio" "pt"
row "---" "---" "---" "---" "---"

echo "== echo under the C client" >&2
# The ratios in these rows are medians of per-round ratios (see ref-client-bench.sh).
for connections in 50 1000; do
  "$here/scripts/ref-client-bench.sh" "$connections" "$seconds" "$rounds" | tee "$out/ref-$connections.txt" >&2
  declare -A rps cpu
  for name in c vt nio pt; do
    line=$(grep "^median $name " "$out/ref-$connections.txt")
    rps[$name]="$(field "$line" requests/s)"
    cpu[$name]="$(field "$line" server_cpu_us_per_request)"
    [[ $name == c ]] || rps[$name]+=" ($(field "$line" ratio_to_c)x)" cpu[$name]+=" ($(field "$line" cpu_ratio_to_c)x)"
  done
  row "echo requests/s, C client, $connections connections" "${rps[c]}" "${rps[vt]}" "${rps[nio]}" "${rps[pt]}"
  row "server CPU µs per request, $connections connections" "${cpu[c]}" "${cpu[vt]}" "${cpu[nio]}" "${cpu[pt]}"
done

echo "== generator against the C client" >&2
"$here/scripts/generator-bench.sh" 50 "$seconds" "$rounds" | tee "$out/generator.txt" >&2
c_client=$(sed -n 's/^median C client requests\/s=\([0-9]*\).*/\1/p' "$out/generator.txt")
generator=$(sed -n 's/^median vtnio load requests\/s=\([0-9]*\).*/\1/p' "$out/generator.txt")
row "generator vs C client, C server, 50 connections" "C client $c_client/s" \
  "vtnio load $generator/s ($(ratio "$generator" "$c_client"))" "(same)" "(same)"

# status_kib PID FIELD: a field of /proc/PID/status (VmRSS in KiB, Threads).
status_field() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
for count in "${idle_counts[@]}"; do
  echo "== per idle connection, $count connections from another process" >&2
  declare -A heap rss threads
  for kind in vt nio pt; do
    port=$(free_port)
    start_server "$kind" "idle-$count-$kind" --max-connections $((count + 500))
    # Traffic first, as a server in service has seen: a fresh JVM parks its virtual threads in
    # interpreted frames, which are larger than the compiled ones.
    load -c 100 --warmup 1s -d 3s >/dev/null 2>&1
    before=$("$jcmd" "$server_pid" GC.class_histogram | tail -1 | awk '{print $3}')
    rss_before=$(status_field "$server_pid" VmRSS)
    # Not through load(): backgrounding a function adds a shell, and killing that would leave the
    # generator running (and reconnecting) through the next sections.
    (pin 0 "$here/vtnio" load --port "$port" -c "$count" --rate 1 --connect-rate 5000 --warmup 1s -d 120s \
      >/dev/null 2>&1) &
    load_pid=$!
    for _ in $(seq 1 60); do
      [[ $(last_stat "$out/idle-$count-$kind.out" connectionsOpen) -ge $count ]] && break
      sleep 1
    done
    sleep 2
    "$jcmd" "$server_pid" GC.class_histogram >"$out/idle-$count-$kind.histogram"
    after=$(tail -1 "$out/idle-$count-$kind.histogram" | awk '{print $3}')
    rss_after=$(status_field "$server_pid" VmRSS)
    threads[$kind]=$(status_field "$server_pid" Threads)
    open=$(last_stat "$out/idle-$count-$kind.out" connectionsOpen)
    kill "$load_pid" 2>/dev/null || true
    wait "$load_pid" 2>/dev/null || true
    stop_server
    heap[$kind]=$(awk -v a="$after" -v b="$before" -v n="$open" 'BEGIN{printf "%.2f KiB", (a-b)/n/1024}')
    rss[$kind]=$(awk -v a="$rss_after" -v b="$rss_before" -v n="$open" 'BEGIN{printf "%.2f KiB", (a-b)/n}')
    echo "$kind: $open open, live heap $before -> $after bytes: ${heap[$kind]} per connection;" \
      "resident ${rss_before} -> ${rss_after} KiB: ${rss[$kind]}; ${threads[$kind]} OS threads" >&2
  done
  row "live heap per idle connection ($count, after a full GC)" "-" "${heap[vt]}" "${heap[nio]}" "${heap[pt]}"
  row "resident memory per idle connection ($count)" "-" "${rss[vt]}" "${rss[nio]}" "${rss[pt]}"
  row "server OS threads with $count idle connections" "-" "${threads[vt]}" "${threads[nio]}" "${threads[pt]}"
done

echo "== $many concurrent connections" >&2
declare -A crowd
for kind in vt nio pt; do
  port=$(free_port)
  start_server "$kind" "many-$kind" --max-connections $((many + 500))
  load -c "$many" --connect-rate 5000 --warmup 2s -d "${seconds}s" --json "$out/many-$kind.json" \
    >"$out/many-$kind.load.txt" 2>&1 || true
  stop_server
  lost=$(($(last_stat "$out/many-$kind.out" messagesIn) - $(last_stat "$out/many-$kind.out" messagesOut)))
  crowd[$kind]=$(json "$out/many-$kind.json" \
    "f\"{d['throughputPerSec']:,.0f}/s, {d['errors']} errors over {d['connections']:,} connections\"")", $lost unanswered"
  threads=$(max_stat "$out/many-$kind.out" liveThreads)
  crowd[$kind]+=", $threads threads at most"
  echo "$kind: ${crowd[$kind]}" >&2
done
row "$many connections, closed loop, one load process" "-" "${crowd[vt]}" "${crowd[nio]}" "${crowd[pt]}"

echo "== backend: --work sleep:20ms, 1,000 connections" >&2
backend() { # NAME KIND [FLAGS...] -> "replies/s (share of ideal), threads, heap"
  local name=$1 kind=$2
  shift 2
  port=$(free_port)
  start_server "$kind" "backend-$name" --work sleep:20ms --max-connections 1500 "$@"
  load -c 1000 --warmup 2s -d "${backend_seconds}s" --json "$out/backend-$name.json" >/dev/null 2>&1 || true
  local threads heap_mib
  threads=$(max_stat "$out/backend-$name.out" liveThreads)
  heap_mib=$(($(max_stat "$out/backend-$name.out" heapUsedBytes) / 1048576))
  stop_server
  json "$out/backend-$name.json" \
    "f\"{d['throughputPerSec']:,.0f}/s ({d['throughputPerSec'] / 50000:.0%}), p50 {d['latencyMicros']['p50'] / 1000:.1f} ms\"" |
    tr -d '\n'
  echo ", $threads threads, heap up to $heap_mib MiB"
}
vt_backend=$(backend vt vt)
row "backend sleep:20ms, 1,000 connections (ideal 50,000/s)" "-" "$vt_backend" "$(backend nio16 nio --workers 16)" \
  "$(backend pt pt)"
# Two carriers on the one core: expired sleeps are outside submissions, served at once by the
# idle carrier instead of waiting for the busy one's local queue to empty (docs/performance.md).
vt_two_carriers=$(server_java_opts=-Djdk.virtualThreadScheduler.parallelism=2 backend vt2 vt)
row "backend, vt with -Djdk.virtualThreadScheduler.parallelism=2" "-" "$vt_two_carriers" "-" "-"
row "backend, nio with --workers 64" "-" "-" "$(backend nio64 nio --workers 64)" "-"
row "backend, nio with --workers 256" "-" "-" "$(backend nio256 nio --workers 256)" "-"

echo "== JMH: line decoder, 32-byte lines" >&2
(pin 1 "$java" -jar "$here/benchmarks/target/benchmarks.jar" LineDecoder -p lineBytes=32 \
  "${jmh[@]}" -rf json -rff "$out/jmh.json") >"$out/jmh.txt" 2>&1
decoder=$(python3 - "$out/jmh.json" <<'PY'
import json, sys
scores = {r["params"]["chunkBytes"]: r["primaryMetric"]["score"] for r in json.load(open(sys.argv[1]))}
print(", ".join(f"{scores[c]:.1f} GB/s ({'whole MiB' if c == '1048576' else c + '-byte reads'})"
                for c in ("1048576", "8191", "20") if c in scores))
PY
)
row "JMH line decoder, 32-byte lines, one core" "-" "$decoder" "(shared code)" "(shared code)"
echo >&2
echo "figures: $figures" >&2
