# Helpers shared by the benchmark scripts; source it: . "$(dirname "$0")/lib.sh"
# Sets $here (the checkout) and defines pin, free_port, median, cpu_ticks, rss_kib,
# await_listening and build_tools.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ref=$here/.vtnio/ref

if command -v taskset >/dev/null && (($(nproc) >= 2)); then
  # pin CPU COMMAND...: exec, so that a backgrounded pin's $! is the process itself.
  pin() { exec taskset -c "$@"; }
else
  echo "taskset or a second CPU missing: running unpinned" >&2
  pin() { shift; exec "$@"; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# median NUMBER...: the middle value (the lower middle for an even count).
median() { printf '%s\n' "$@" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

# cpu_ticks PID: user + system CPU time in clock ticks (1/100 s).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# await_listening FILE [SECONDS]: waits for a server's "listening" line in its stdout file.
await_listening() {
  local file=$1 tries=$((${2:-30} * 10))
  for _ in $(seq 1 "$tries"); do
    grep -q '^listening' "$file" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no listening line in $file" >&2
  return 1
}

# await_port PORT: waits until something accepts on 127.0.0.1:PORT (for the C server).
await_port() {
  for _ in $(seq 1 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1',$1),0.2).close()" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}

# build_tools: the project's C yardsticks (tools/c: ref-echo-server, ref-echo-client) built with cc
# into .vtnio/ref (again only when a source is newer), and vtnio itself. Without cc it says what
# is missing in one line and exits 2.
build_tools() {
  if ! command -v cc >/dev/null 2>&1; then
    echo "cc not found: install gcc (Debian: build-essential) to build the C yardsticks of tools/c" >&2
    exit 2
  fi
  local name
  for name in ref-echo-server ref-echo-client; do
    if [[ ! -x $ref/$name || $here/tools/c/$name.c -nt $ref/$name ]]; then
      "$here/tools/c/build-ref" "$ref" >/dev/null || { echo "building tools/c with cc failed" >&2; exit 2; }
      break
    fi
  done
  "$here/vtnio" build
}
