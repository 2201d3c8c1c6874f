#!/usr/bin/env bash
# The test of a comparison tool: the same server entered twice must never be declared "ahead"
# (A/A), and a known difference must be found "ahead", with the right sign, every time (A/B).
#
# usage: ./vtnio aa-test [--runs N] [--servers vt,nio] [--ab] [--cpu-work N] [--scenario S] [--max-time D] [--burner] [OUT_DIR]
#   --runs N        compare runs per server (default 5)
#   --servers LIST  which built-in servers to enter twice: vt, nio, pt (default vt,nio)
#   --ab            instead of A/A: B runs the same server with --work cpu:N (each reply costs N
#                   SHA-256 rounds more), and A must be found ahead on echo-peak every time
#   --cpu-work N    N of --ab (default 32: about 30% more CPU per reply for vt at 100 connections)
#   --scenario S    compare scenario (default echo: its closed-loop peak and its open-loop latency)
#   --max-time D    each compare's --max-time, its budget for rounds auto (default 3m)
#   --burner        in every run, a CPU burner on the servers' CPU (the last one this process may
#                   use) from 40 s after the start for 40 s: its rounds must be left out, not decide
#   OUT_DIR         default results/aa-<time>; each run in OUT_DIR/<server>-<n>, verdicts in OUT_DIR/verdicts.txt
# Exit 0 when every verdict is as required, 1 otherwise, 2 on bad usage.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

runs=5 servers=vt,nio ab=0 cpu_work=32 scenario=echo max_time=3m out= burner=0
usage() { echo "usage: ./vtnio aa-test [--runs N] [--servers vt,nio] [--ab] [--cpu-work N] [--scenario S] [--max-time D] [--burner] [OUT_DIR]" >&2; exit 2; }
while (($#)); do
  case $1 in
    --runs) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage; runs=$2; shift 2 ;;
    --servers) [[ ${2:-} =~ ^(vt|nio|pt)(,(vt|nio|pt))*$ ]] || usage; servers=$2; shift 2 ;;
    --ab) ab=1; shift ;;
    --burner) burner=1; shift ;;
    --cpu-work) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage; cpu_work=$2; shift 2 ;;
    --scenario) [[ -n ${2:-} ]] || usage; scenario=$2; shift 2 ;;
    --max-time) [[ ${2:-} =~ ^[0-9]+(ms|s|m)$ ]] || usage; max_time=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage ;;
    *) [[ -z $out ]] || usage; out=$1; shift ;;
  esac
done
out=${out:-$here/results/aa-$(date +%Y%m%d-%H%M%S)}
[[ ! -e $out || -d $out ]] || { echo "aa-test: $out exists and is not a directory" >&2; exit 2; }
mkdir -p "$out"
java=${VTNIO_JAVA:-java}
opts="-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC"
"$here/vtnio" build
export VTNIO_NO_REBUILD=1

kind=A/A; ((ab)) && kind="A/B (B with --work cpu:$cpu_work)"
echo "aa-test: $kind, $runs runs per server of: vtnio compare --scenario $scenario; writing to $out" >&2
: >"$out/verdicts.txt"
bad=0
for server in ${servers//,/ }; do
  case $server in
    vt) main="-cp $here/server-vt/target/server-vt.jar io.vtnio.vt.VirtualThreadServerMain" ;;
    pt) main="-cp $here/server-vt/target/server-vt.jar io.vtnio.vt.PlatformThreadServerMain" ;;
    nio) main="-cp $here/server-nio/target/server-nio.jar io.vtnio.nio.SelectorServerMain" ;;
  esac
  a="${server}A=$java $opts $main --port {port} {flags}"
  b="${server}B=$java $opts $main --port {port} {flags}"
  ((ab)) && b="${server}B=$java $opts $main --port {port} {flags} --work cpu:$cpu_work"
  for run in $(seq 1 "$runs"); do
    dir=$out/$server-$run
    started=$SECONDS
    burner_pid=
    if ((burner)); then
      # Bounded: it sleeps 40 s, burns 40 s on the server CPU, and is killed with the compare at the latest.
      last_cpu=$(grep Cpus_allowed_list /proc/self/status | awk '{print $2}' | tr ',' '\n' | tail -1 | sed 's/.*-//')
      (sleep 40; timeout 40 taskset -c "$last_cpu" sh -c 'while :; do :; done') &
      burner_pid=$!
    fi
    "$here/vtnio" compare --servers "${server}A,${server}B" --scenario "$scenario" --server "$a" --server "$b" \
      --max-time "$max_time" --out "$dir" >"$dir.out" 2>"$dir.err" || true
    if [[ -n $burner_pid ]]; then
      pkill -P "$burner_pid" 2>/dev/null || true
      kill "$burner_pid" 2>/dev/null || true
      wait "$burner_pid" 2>/dev/null || true
      echo "  burner on CPU $last_cpu from 40 s to 80 s; left out: $(grep -c 'machine busy' "$dir.out" || true) line(s)" >>"$out/verdicts.txt"
    fi
    lines=$(grep '^  = ' "$dir.out" | sed 's/^  = //' || true)
    [[ -n $lines ]] || { echo "$server run $run: no verdict (see $dir.err)" | tee -a "$out/verdicts.txt"; bad=1; continue; }
    while IFS= read -r line; do
      echo "$server run $run ($((SECONDS - started))s): $line" | tee -a "$out/verdicts.txt"
    done <<<"$lines"
    if ((ab)); then
      # The first verdict is echo-peak's replies/s: A must lead.
      head -1 <<<"$lines" | grep -q "^${server}A ahead" || bad=1
    else
      grep -q ' ahead, ' <<<"$lines" && bad=1
    fi
    warmups=$(grep -o 'warm-up [0-9.]*s[^ ]*' "$dir.err" | awk '{print $2}' | tr '\n' ' ')
    echo "  warm-ups: $warmups" >>"$out/verdicts.txt"
  done
done
if ((bad)); then
  echo "aa-test: FAILED: a verdict was not as required ($out/verdicts.txt)" >&2
  exit 1
fi
echo "aa-test: passed: every verdict as required ($out/verdicts.txt)" >&2
