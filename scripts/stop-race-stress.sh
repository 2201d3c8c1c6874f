#!/usr/bin/env bash
# The graceful-stop race, on a machine made busy on purpose: the conformance rule "SIGTERM under
# load answers every message the server read" run N times in a row for vt, pt and nio, each run a
# fresh forked server, with two CPU burners running beside it the whole time (both bounded by the
# run's own time limit). The three servers run at once (Maven -T 2 and two test forks), which
# keeps the machine busier still.
#
# usage: scripts/stop-race-stress.sh [N] [BURNERS]     N runs per server (default 200), BURNERS (default 2)
# Exit: Maven's (0 when every run passed). The counts are in the surefire reports it names.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-200} burners=${2:-2}
[[ $runs =~ ^[1-9][0-9]*$ && $burners =~ ^[0-9]+$ ]] || { echo "usage: scripts/stop-race-stress.sh [N] [BURNERS]" >&2; exit 2; }
pids=()
for ((i = 0; i < burners; i++)); do
  timeout 3600 sh -c 'while :; do :; done' &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
echo "stop-race-stress: $runs runs per server, $burners CPU burners (pids ${pids[*]:-none})" >&2
"$here/vtnio" test -T 2 -pl server-vt,server-nio -am -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='*StopRaceStressTest' -Dvtnio.stress.stopRace="$runs"
