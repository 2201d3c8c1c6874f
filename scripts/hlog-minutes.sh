#!/usr/bin/env bash
# Latency percentiles per minute of a `vtnio load --hlog` interval log, in milliseconds, computed
# with HdrHistogram's own HistogramLogProcessor over each minute's intervals (no precision lost).
# An interval belongs to the minute its start time falls in (the processor's range is inclusive,
# so each range ends half a second before the next minute's first interval).
# Reads both forms of the log: latency untagged (this version) or tagged "latency" (older ones).
# Usage: scripts/hlog-minutes.sh FILE.hlog [TAG]   (TAG: latency (default) or service)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
log=$1
tag=${2:-latency}
java=$("$here/vtnio" -v help 2>&1 >/dev/null | sed -n 's/^vtnio: using JDK [0-9]* at //p')/bin/java
# The processor's -tag selects tagged intervals; untagged ones are read when it has none.
tag_args=(-tag "$tag") field="Tag=$tag"
if [[ $tag == latency ]] && ! grep -q '^Tag=latency,' "$log"; then
  tag_args=() field=
fi
last=$(awk -F, -v t="$field" 't != "" && $1 == t {print $2 + $3}
  t == "" && $1 ~ /^[0-9.]+$/ {print $1 + $2}' "$log" | sort -g | tail -n 1)
minutes=$(awk -v s="$last" 'BEGIN{print int((s + 59) / 60)}')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-7s %12s %10s %10s %10s %10s\n' minute count p50_ms p99_ms p99.9_ms max_ms
for ((m = 0; m < minutes; m++)); do
  "$java" -cp "$here/compare/target/vtnio.jar" org.HdrHistogram.HistogramLogProcessor -i "$log" ${tag_args[@]+"${tag_args[@]}"} \
    -start $((m * 60)) -end "$((m * 60 + 59)).5" -outputValueUnitRatio 1000 -o "$tmp/m" >/dev/null 2>&1
  awk -v m=$((m + 1)) '
    /^#\[Max/ { gsub(/[],]/, " "); max = $3; count = $7 }
    $2 ~ /^0\./ || $2 == "1.000000000000" { v = $1; p = $2
      if (p >= 0.5 && !p50) p50 = v; if (p >= 0.99 && !p99) p99 = v; if (p >= 0.999 && !p999) p999 = v }
    END { printf "%-7s %12s %10.3f %10.3f %10.3f %10.3f\n", m, count, p50, p99, p999, max }' "$tmp/m.hgrm"
done
