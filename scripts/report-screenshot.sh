#!/usr/bin/env bash
# Renders a compare report in headless Chromium to a PNG, to look at it as a person would.
# Usage: scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH [HEIGHT]]
# Installs Debian's chromium when it is missing (needs root and apt). Not part of ./vtnio test.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH [HEIGHT]]" >&2
  exit 2
fi
report=$(readlink -f "$1")
out=$(readlink -f "$2")
width=${3:-1400}
height=${4:-4000}
[[ -f $report ]] || { echo "no such report: $1" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "chromium not found; installing Debian's chromium ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  browser=$(command -v chromium)
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# The background-networking flags keep Chromium from calling home on a machine with no network.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out" --window-size="$width,$height" "file://$report" 2>/dev/null
echo "$out"
