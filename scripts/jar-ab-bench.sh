#!/usr/bin/env bash
# A/B of two builds of one server: server CPU per reply and replies/s, paired rounds in
# alternating order (A B, then B A, ...), server pinned to CPU 1 and client to CPU 0.
# Usage: scripts/jar-ab-bench.sh A.jar B.jar [CLIENT] [SECONDS] [ROUNDS]
#   CLIENT  c:CONNECTIONS  the C epoll client of tools/c, one request in flight each
#           load:ARGS      ./vtnio load with ARGS, e.g. 'load:-c 50 --pipeline 16'
#           (default c:50)
# Every run is a fresh server JVM (-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC, as
# compare's default) warmed by a discarded client run of AB_WARMUP_SECONDS (default 3). CPU per
# reply is the server's user+system CPU time (/proc/PID/stat) over the measured run divided by the
# replies the server counted in it (its messagesOut, read from its stats lines while it is quiet
# before and after). Prints a line per run, then per build the medians and the median of the
# per-round B/A ratios.
# foreign_cpu1_s is the CPU time CPU 1 spent during the measured run (processes and interrupts,
# from /proc/stat) beyond the server's own: near 0 on a quiet machine; when another process
# shared the server's CPU it is large and the run is suspect. The summary gives the medians of
# all rounds and of the clean ones: both runs with foreign_cpu1_s below AB_CLEAN_CPU1_S (0.5).
# Used for the read path of server-vt (Socket streams against blocking SocketChannels).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
a_jar=${1:?usage: scripts/jar-ab-bench.sh A.jar B.jar [CLIENT] [SECONDS] [ROUNDS]}
b_jar=${2:?usage: scripts/jar-ab-bench.sh A.jar B.jar [CLIENT] [SECONDS] [ROUNDS]}
client=${3:-c:50}
seconds=${4:-6}
rounds=${5:-3}
warmup_seconds=${AB_WARMUP_SECONDS:-3}
java=${VTNIO_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
jvm_opts=(-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC)
build_tools >/dev/null
export VTNIO_NO_REBUILD=1
work=$(mktemp -d)
server_pid=
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

# run_client PORT SECONDS: one client run against the server.
run_client() {
  local port=$1 secs=$2
  case $client in
    c:*) (pin 0 "$ref/ref-echo-client" "$port" "${client#c:}" "$secs" 32 >/dev/null) ;;
    load:*)
      # shellcheck disable=SC2086 # the client's arguments are a list
      (pin 0 "$here/vtnio" load --port "$port" ${client#load:} --warmup 0s --duration "${secs}s" >/dev/null 2>&1) ;;
    *) echo "unknown CLIENT '$client'" >&2; exit 2 ;;
  esac
}

# cpu1_busy: ticks CPU 1 spent in processes (user, nice, system) and interrupts (irq, softirq).
cpu1_busy() { awk '$1 == "cpu1" {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# replies_out FILE: messagesOut of the server's latest stats line, once it stopped changing.
replies_out() {
  local last= now
  while :; do
    sleep 1.2
    now=$(grep '^{"type"' "$1" | tail -1 | grep -o '"messagesOut":[0-9]*' | cut -d: -f2)
    [[ $now == "$last" ]] && { echo "$now"; return; }
    last=$now
  done
}

clean_limit=${AB_CLEAN_CPU1_S:-0.5}
declare -A rps cpu clean_rps_of clean_cpu_of
ratios_rps= ratios_cpu= clean_rps= clean_cpu=
for round in $(seq 1 "$rounds"); do
  if ((round % 2)); then order="A B"; else order="B A"; fi
  declare -A round_rps round_cpu round_foreign
  for name in $order; do
    jar=$a_jar; [[ $name == B ]] && jar=$b_jar
    port=$(free_port)
    out=$work/$name-$round.out
    pin 1 "$java" "${jvm_opts[@]}" -jar "$jar" --port "$port" --stats-interval 500ms >"$out" 2>/dev/null &
    server_pid=$!
    await_listening "$out"
    run_client "$port" "$warmup_seconds"
    replies_before=$(replies_out "$out")
    ticks_before=$(cpu_ticks "$server_pid")
    busy_before=$(cpu1_busy)
    started=$(date +%s.%N)
    run_client "$port" "$seconds"
    elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e - s}')
    ticks_after=$(cpu_ticks "$server_pid")
    busy_after=$(cpu1_busy)
    replies_after=$(replies_out "$out")
    ticks_after_quiet=$(cpu_ticks "$server_pid")
    kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true
    server_pid=
    replies=$((replies_after - replies_before))
    # Ticks up to the end of the client run; the quiet wait after it is shown, not counted.
    foreign=$(awk -v t=$((busy_after - busy_before - ticks_after + ticks_before)) 'BEGIN{printf "%.2f", t/100}')
    us=$(awk -v t=$((ticks_after - ticks_before)) -v n="$replies" 'BEGIN{printf "%.2f", t * 10000 / n}')
    per_s=$(awk -v n="$replies" -v w="$seconds" 'BEGIN{printf "%.0f", n / w}')
    echo "round $round $name: replies=$replies replies/s=$per_s (client wall ${elapsed}s)" \
      "server_cpu_s=$(awk -v t=$((ticks_after - ticks_before)) 'BEGIN{printf "%.2f", t/100}')" \
      "foreign_cpu1_s=$foreign" \
      "quiet_ticks=$((ticks_after_quiet - ticks_after)) server_cpu_us_per_reply=$us"
    rps[$name]+="$per_s " cpu[$name]+="$us "
    round_rps[$name]=$per_s round_cpu[$name]=$us round_foreign[$name]=$foreign
  done
  ratio_rps=$(awk -v a="${round_rps[A]}" -v b="${round_rps[B]}" 'BEGIN{printf "%.3f", b/a}')
  ratio_cpu=$(awk -v a="${round_cpu[A]}" -v b="${round_cpu[B]}" 'BEGIN{printf "%.3f", b/a}')
  ratios_rps+="$ratio_rps " ratios_cpu+="$ratio_cpu "
  if awk -v a="${round_foreign[A]}" -v b="${round_foreign[B]}" -v m="$clean_limit" 'BEGIN{exit !(a < m && b < m)}'; then
    clean_rps+="$ratio_rps " clean_cpu+="$ratio_cpu "
    for name in A B; do
      clean_rps_of[$name]+="${round_rps[$name]} " clean_cpu_of[$name]+="${round_cpu[$name]} "
    done
  fi
done
for name in A B; do
  echo "median $name replies/s=$(median ${rps[$name]}) server_cpu_us_per_reply=$(median ${cpu[$name]})"
done
echo "B/A per round: replies/s ${ratios_rps% } -> median $(median $ratios_rps);" \
  "cpu/reply ${ratios_cpu% } -> median $(median $ratios_cpu)"
if [[ -n $clean_cpu ]]; then
  for name in A B; do
    echo "clean median $name replies/s=$(median ${clean_rps_of[$name]})" \
      "server_cpu_us_per_reply=$(median ${clean_cpu_of[$name]})"
  done
  echo "B/A per clean round (foreign_cpu1_s < $clean_limit on both sides): replies/s ${clean_rps% }" \
    "-> median $(median $clean_rps); cpu/reply ${clean_cpu% } -> median $(median $clean_cpu)"
else
  echo "no clean round (foreign_cpu1_s < $clean_limit on both sides): the machine was busy throughout"
fi
