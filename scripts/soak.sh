#!/usr/bin/env bash
# Soak: N connections at a fixed open-model rate for a long time against each server, in
# separate processes (server on CPU 1, generator on CPU 0 where taskset exists). Reports, per
# server: errors, lost replies (messages the server read minus replies it wrote, from its final
# stats line), RSS every 30 s and its growth after warm-up, and latency percentiles per minute
# (from the generator's HdrHistogram interval log).
# SOAK_SERVER_JAVA_OPTS: JVM flags for the servers only (e.g. a fixed heap: "-Xms512m -Xmx512m
# -XX:+AlwaysPreTouch", so RSS growth after warm-up shows leaks rather than the heap being sized).
# Usage: [SOAK_WARMUP=30s] [SOAK_SERVER_JAVA_OPTS=...] scripts/soak.sh [CONNECTIONS] [RATE_PER_SEC] [DURATION] [SERVERS] [OUT_DIR]
#   defaults: 19000 20000 10m "vt nio" results/soak-<timestamp>
set -euo pipefail
. "$(dirname "$0")/lib.sh"
connections=${1:-19000}
rate=${2:-20000}
duration=${3:-10m}
servers=${4:-vt nio}
out=${5:-$here/results/soak-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
"$here/vtnio" build
export VTNIO_NO_REBUILD=1


for server in $servers; do
  port=$(free_port)
  (
    export VTNIO_JAVA_OPTS=${SOAK_SERVER_JAVA_OPTS:-${VTNIO_JAVA_OPTS:-}}
    pin 1 "$here/vtnio" server "$server" --port "$port" --max-connections $((connections + 500)) \
      >"$out/$server.server.out" 2>"$out/$server.server.err"
  ) &
  server_pid=$!
  await_listening "$out/$server.server.out"
  (pin 0 "$here/vtnio" load --port "$port" --connections "$connections" --rate "$rate" \
    --warmup "${SOAK_WARMUP:-30s}" --duration "$duration" --label "$server" --connect-rate 5000 \
    --json "$out/$server.json" --hlog "$out/$server.hlog" --hgrm "$out/$server.hgrm" \
    >"$out/$server.load.out" 2>"$out/$server.load.err") &
  load_pid=$!
  : >"$out/$server.rss"
  # RSS every SOAK_RSS_EVERY seconds into the .rss file; one progress line a minute on stderr.
  started=$SECONDS next_rss=0 next_progress=60
  while kill -0 "$load_pid" 2>/dev/null; do
    elapsed=$((SECONDS - started))
    if ((elapsed >= next_rss)); then
      echo "$(date +%s) $(rss_kib "$server_pid")" >>"$out/$server.rss"
      next_rss=$((next_rss + ${SOAK_RSS_EVERY:-30}))
    fi
    if ((elapsed >= next_progress)); then
      echo "soak $server: $((elapsed / 60)) min (warm-up ${SOAK_WARMUP:-30s} + $duration), server RSS $(($(rss_kib "$server_pid") / 1024)) MiB; load: $(tail -n 1 "$out/$server.load.err" 2>/dev/null)" >&2
      next_progress=$((next_progress + 60))
    fi
    sleep 1
  done
  load_exit=0
  wait "$load_pid" || load_exit=$?
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  python3 - "$out" "$server" "$load_exit" <<'PY'
import json, sys
out, server, load_exit = sys.argv[1], sys.argv[2], int(sys.argv[3])
summary = json.load(open(f"{out}/{server}.json"))
final = [json.loads(l) for l in open(f"{out}/{server}.server.out") if l.startswith('{"type":"final"')][-1]
rss = [int(l.split()[1]) for l in open(f"{out}/{server}.rss") if l.split()[1] != "0"]
# skip the first 2 samples (connect phase and warm-up), compare the rest
steady = rss[2:] or rss
growth = (steady[-1] - steady[0]) / steady[0] * 100 if steady and steady[0] else float("nan")
print(f"== {server}: load exit {load_exit}, requests {summary['requests']:,}, errors {summary['errors']}, "
      f"throughput {summary['throughputPerSec']:,.1f}/s (target {summary['targetRatePerSec']:,.0f}/s)")
print(f"   lost replies (server messagesIn - messagesOut): {final['messagesIn'] - final['messagesOut']}, "
      f"server errors {final['errors']}")
print(f"   RSS after warm-up: first {steady[0]/1024:.0f} MiB, last {steady[-1]/1024:.0f} MiB, "
      f"max {max(steady)/1024:.0f} MiB, growth {growth:+.1f}%")
PY
  "$here/scripts/hlog-minutes.sh" "$out/$server.hlog" | tee "$out/$server.minutes"
done
echo "files in $out"
