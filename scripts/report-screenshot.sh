#!/usr/bin/env bash
# Renders a compare report in headless Chromium to a PNG, to look at it as a person would: the
# whole page and no more (its height is measured in a first, DOM-only run of Chromium).
# Usage: scripts/report-screenshot.sh [--install] REPORT.html OUT.png [WIDTH [HEIGHT]]
#   WIDTH   default 1400 px; HEIGHT default: the page's own height at that width
#   --install  install Debian's chromium (apt-get, needs root) when it is missing; without it a
#              missing chromium is one line and exit 2. Not part of ./vtnio test.
set -euo pipefail

install=0
if [[ ${1:-} == "--install" ]]; then
  install=1
  shift
fi
if [[ $# -lt 2 ]]; then
  echo "usage: $0 [--install] REPORT.html OUT.png [WIDTH [HEIGHT]]" >&2
  exit 2
fi
report=$(readlink -f "$1")
out=$(readlink -f "$2")
width=${3:-1400}
height=${4:-}
[[ -f $report ]] || { echo "no such report: $1" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  if ((!install)); then
    echo "chromium not found: install it (Debian: apt-get install chromium) or run again with --install" >&2
    exit 2
  fi
  echo "chromium not found; installing Debian's chromium ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  browser=$(command -v chromium)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The background-networking flags keep Chromium from calling home on a machine with no network.
chromium_run() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$work/profile" "$@" 2>/dev/null
}

if [[ -z $height ]]; then
  # A copy of the report that writes its own height, once laid out and its images loaded, into
  # an attribute that --dump-dom prints; the report itself stays free of such scripts.
  cp "$report" "$work/measured.html"
  cat >>"$work/measured.html" <<'EOF'
<script>window.addEventListener('load', () => document.documentElement.setAttribute('data-page-height',
  Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))));</script>
EOF
  height=$(chromium_run --window-size="$width,1000" --dump-dom "file://$work/measured.html" |
    sed -n 's/.*data-page-height="\([0-9]*\)".*/\1/p' | head -n 1)
  if [[ -z $height ]]; then
    echo "could not measure the page's height; give HEIGHT (the 4th argument)" >&2
    exit 1
  fi
fi

chromium_run --screenshot="$out" --window-size="$width,$height" "file://$report"
echo "$out ($width x $height px)"
