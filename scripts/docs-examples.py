#!/usr/bin/env python3
"""Runs every command example of README.md and docs/*.md, as a new user would paste it, with
durations shortened, and fails when one fails. docs/tools.md ("Every example runs") has the rules.

Which blocks run (decided by the fence's language; a fence without one is an error):
  ```sh / ```bash / ```shell   every line is a command (blank and '#' lines skipped; a line
                               ending with '\\' continues, so does an unfinished compound command)
  ```console                   a transcript: lines starting with '$ ' are commands, the rest is
                               their output (not compared)
  anything else (text, json, yaml, ...)   not run: program output, files, CI snippets

Markers, HTML comments on the lines right above a fence (visible in the page's source):
  <!-- example: skip: REASON -->                   the block is not run
  <!-- example: skip 'COMMAND PREFIX': REASON -->  commands starting with the prefix are not run
  <!-- example: exit N 'COMMAND PREFIX' -->        those commands are expected to exit N
A command that starts a program not installed here (e.g. nc) is skipped, saying so.
Every skip is listed, with its reason, in the summary.

How it runs: one clone (or --here, the working tree), './vtnio build' first, then the pages in
order (README.md, then docs/*.md by name), each page in one bash session from the repository's
root (so '$!', variables and files made by an earlier block are there, as for a reader pasting
the page in order), stdin from /dev/null. Each command is bounded by --timeout; a timeout stops
the page. Shortening, mechanical:
  vtnio load      --duration X -> 2s (added when absent, not with --phases, whose timetable is
                  the measured time), --warmup X -> 1s (added when absent; 'auto' kept)
  vtnio compare   --quick added, --rounds N -> 1, --max-time X -> 1m, --warmup 1s and
                  --idle-connections 500 (not with --scaling, which takes neither)
  A 'vtnio compare' or 'jmh' command that runs exactly as one run before (on an
  earlier page) is not run again: its line says which it repeats.
  vtnio jmh       -wi/-i N -> 1, -w/-r X -> 200ms
Servers: './vtnio server ...' (without --help) runs in the background (as the doc's '&' says, or
added with its output to .vtnio/docs-examples/ when the doc runs it in the foreground, e.g. for another
terminal); the script waits until every --port accepts, stops an earlier server of the page on
the same port before, and every server still running at the page's end (SIGTERM, by PID). A port
taken by a process this script did not start fails the command with that said.
'vtnio check' with a performance bound (--max-p99, --min-throughput, --baseline) may exit 3: a
shortened run on a shared machine promises no throughput; 1 or 2 still fail.
"""
import argparse
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

FENCE = re.compile(r'^(\s*)```(\S*)\s*$')
MARKER = re.compile(r'^\s*<!--\s*example:\s*(.*?)\s*-->\s*$')
RUN_LANGUAGES = {'sh', 'bash', 'shell', 'console'}
PERF_BOUNDS = ('--max-p99', '--min-throughput', '--baseline')


class Command:
    """One command of a page: where it is, its text as written and as run, what it needs."""

    def __init__(self, page, line, text):
        self.page, self.line, self.text = page, line, text
        self.run_text = text
        self.skip_reason = None
        self.ok_exits = {0}
        self.server_ports = None  # ports of a './vtnio server' start
        self.background = False
        self.result = None  # (status word, exit code or None, seconds)
        self.repeat = False  # skipped only because an earlier command ran exactly so

    @property
    def where(self):
        return f'{self.page}:{self.line}'


def strip_comment(text):
    """The command without a trailing '# comment' (outside quotes), on each of its lines."""
    out, quote = [], None
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = None
            elif c == '\\' and quote == '"':
                out.append(c)
                i += 1
                c = text[i] if i < len(text) else ''
        elif c in '\'"':
            quote = c
        elif c == '\\':
            out.append(c)
            i += 1
            c = text[i] if i < len(text) else ''
        elif c == '#' and (not out or out[-1] in ' \t\n;'):
            while i < len(text) and text[i] != '\n':
                i += 1
            continue
        out.append(c)
        i += 1
    return ''.join(out).rstrip()


def complete(text):
    """Whether bash sees a whole command (so a block's 'for ... do' lines stay together)."""
    return subprocess.run(['bash', '-n'], input=text, text=True, capture_output=True).returncode == 0


def split_commands(lines, console):
    """(line number, command text) pairs of a block's lines (number, text)."""
    commands, pending, start = [], [], None
    for number, line in lines:
        if console:
            if not pending:
                if not line.startswith('$ '):
                    continue
                line = line[2:]
        if not pending and (not line.strip() or line.lstrip().startswith('#')):
            continue
        if not pending:
            start = number
        pending.append(line)
        text = '\n'.join(pending)
        if line.rstrip().endswith('\\') or not complete(text):
            continue
        commands.append((start, text))
        pending = []
    if pending:
        commands.append((start, '\n'.join(pending)))
    return commands


def parse_marker(body, where):
    """('skip', prefix or None, reason) or ('exit', prefix, code)."""
    m = re.fullmatch(r"skip(?:\s+'([^']*)')?\s*:\s*(.+)", body)
    if m:
        return ('skip', m.group(1), m.group(2))
    m = re.fullmatch(r"exit\s+(\d+)\s+'([^']*)'", body)
    if m:
        return ('exit', m.group(2), int(m.group(1)))
    raise SystemExit(f"{where}: unknown example marker '{body}' (see docs/tools.md, 'Every example runs')")


def parse_page(root, page):
    """Commands and errors of one page; also (where, reason) of every block skipped whole."""
    lines = open(os.path.join(root, page), encoding='utf-8').read().split('\n')
    commands, errors, skipped = [], [], []
    markers, i = [], 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if m:
            markers.append(parse_marker(m.group(1), f'{page}:{i + 1}'))
            i += 1
            continue
        f = FENCE.match(lines[i])
        if not f:
            if lines[i].strip():
                markers = []
            i += 1
            continue
        indent, language, start = f.group(1), f.group(2), i + 1
        body = []
        i += 1
        while i < len(lines) and not re.match(r'^\s*```\s*$', lines[i]):
            text = lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip()
            body.append((i + 1, text))
            i += 1
        i += 1
        block_markers, markers = markers, []
        if not language:
            errors.append(f'{page}:{start}: a fence without a language: say sh or console (runs) or text (output)')
            continue
        if language not in RUN_LANGUAGES:
            continue
        whole = [m for m in block_markers if m[0] == 'skip' and m[1] is None]
        if whole:
            skipped.append((f'{page}:{start}', whole[0][2]))
            continue
        for number, text in split_commands(body, language == 'console'):
            command = Command(page, number, text)
            for kind, prefix, value in block_markers:
                if prefix is not None and text.startswith(prefix):
                    if kind == 'skip':
                        command.skip_reason = value
                    else:
                        command.ok_exits = {value}
            commands.append(command)
    return commands, errors, skipped


def set_option(text, name, value, add=False, keep=()):
    """Sets '--name value' in a command line (after its subcommand when it is absent)."""
    pattern = re.compile(r'(\s' + re.escape(name) + r'[ =])(\S+)')
    m = pattern.search(text)
    if m:
        if m.group(2) in keep:
            return text
        return text[:m.start(2)] + value + text[m.end(2):]
    return add(text) if callable(add) else text


def shorten(text):
    """The command with its durations shortened (the rules of the module docstring)."""
    load = re.search(r'vtnio load\b', text)
    if load:
        after = lambda flag: lambda t: t[:load.end()] + f' {flag}' + t[load.end():]
        if not re.search(r'\s(--help|-h)\b', text):
            text = set_option(text, '--warmup', '1s', add=after('--warmup 1s'), keep=('auto',))
            if '--phases' not in text:  # a timetable sets the measured time itself
                text = set_option(text, '--duration', '2s', add=after('--duration 2s'))
    compare = re.search(r'vtnio compare\b', text)
    if compare and not re.search(r'\s(--help|-h)\b', text):
        if '--quick' not in text:
            text = text[:compare.end()] + ' --quick' + text[compare.end():]
        text = set_option(text, '--rounds', '1', add=False)
        text = set_option(text, '--max-time', '1m', add=False)
        if '--idle-connections' not in text and '--scaling' not in text:
            text = text[:compare.end()] + ' --idle-connections 500' + text[compare.end():]
        if '--scaling' not in text:
            text = set_option(text, '--warmup', '1s', add=lambda t: t[:compare.end()] + ' --warmup 1s' + t[compare.end():])
    if re.search(r'vtnio jmh\b', text):
        text = re.sub(r'(\s-(?:wi|i)\s+)\d+', r'\g<1>1', text)
        text = re.sub(r'(\s-[wr]\s+)\S+', r'\g<1>200ms', text)
    return text


def missing_programs(bare):
    """Programs a command starts (the first word after each ;, |, &, && or ||) not installed here."""
    lexer = shlex.shlex(bare.replace('\\\n', ' '), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = ''
    try:
        tokens = list(lexer)
    except ValueError:
        return []
    missing, at_start, after_redirect = [], True, False
    for token in tokens:
        if after_redirect:
            after_redirect = False
        elif token and set(token) <= set('<>&'):
            after_redirect = token not in ('&', '&&')
            at_start = at_start or token in ('&', '&&')
        elif token and set(token) <= set(';|()&'):
            at_start = True
        elif at_start and not re.match(r'^\w+=', token):
            at_start = is_shell_word(token) and token in ('do', 'then', 'else', 'until', 'while', 'if', '!', '{')
            if '/' not in token and shutil.which(token) is None and not is_shell_word(token):
                missing.append(token)
    return missing


def is_shell_word(word):
    return subprocess.run(['bash', '-c', 'type -t -- "$1" >/dev/null', '_', word]).returncode == 0


def prepare(command):
    """Decides how a command runs: shortened, a server in the background, allowed exits."""
    bare = strip_comment(command.text)
    missing = missing_programs(bare)
    if missing and not command.skip_reason:
        command.skip_reason = f'{", ".join(missing)} not installed here'
    command.run_text = shorten(command.text)
    words = bare.split()
    if re.match(r'(\./)?vtnio$', words[0] if words else '') and len(words) > 1 and words[1] == 'server' \
            and not any(w in ('--help', '-h') for w in words):
        ports = re.findall(r'--port[ =](\d+)', bare)
        command.server_ports = [p for p in ports if p != '0']
        if not bare.endswith('&'):
            run = strip_comment(command.run_text)
            if '>' not in run:
                run += f' > .vtnio/docs-examples/server-{command.page.replace("/", "-")}-{command.line}.log 2>&1'
            command.run_text = run + ' &'
    command.background = strip_comment(command.run_text).endswith('&')
    if re.search(r'vtnio check\b', bare) and any(b in bare for b in PERF_BOUNDS) and command.ok_exits == {0}:
        command.ok_exits = {0, 3}


PRELUDE = r'''
__port_open() { (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
declare -A __server_on=()
__stop() {  # PID: SIGTERM, then up to 15 s for a graceful stop, then SIGKILL
  local pid=$1 n
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((n = 0; n < 150; n++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}
__before_server() {  # PORTS: stop this page's earlier server on them; refuse one we did not start
  local port
  for port in "$@"; do
    if [[ -n ${__server_on[$port]:-} ]]; then __stop "${__server_on[$port]}"; unset "__server_on[$port]"; fi
  done
  for port in "$@"; do
    if __port_open "$port"; then
      echo "docs-examples: port $port is taken by a process this script did not start; free it first" >&2
      return 1
    fi
  done
}
__after_server() {  # PID PORTS: wait until every port accepts (60 s at most)
  local pid=$1 port n; shift
  for port in "$@"; do
    __server_on[$port]=$pid
    for ((n = 0; n < 600; n++)); do
      __port_open "$port" && break
      kill -0 "$pid" 2>/dev/null || { echo "docs-examples: the server ended before port $port opened" >&2; return 1; }
      sleep 0.1
    done
    __port_open "$port" || { echo "docs-examples: nothing listens on port $port after 60 s" >&2; return 1; }
  done
}
__stop_all() {
  local pid
  for pid in "${__server_on[@]}" $(jobs -p); do __stop "$pid"; done
}
'''


def page_script(commands, logdir):
    """The bash session of one page: each command between 'start'/'end' status lines."""
    parts = ['cd "$VTNIO_DOCS_ROOT" && mkdir -p .vtnio/docs-examples', PRELUDE]
    for n, c in enumerate(commands):
        if c.skip_reason:
            continue
        out = os.path.join(logdir, f'{n}.out')
        parts.append(f'printf "start {n}\\n" >&"$VTNIO_DOCS_STATUS_FD"')
        body = c.run_text
        if c.server_ports is not None:
            ports = ' '.join(c.server_ports)
            parts.append(f'if __before_server {ports} 2>>{shlex.quote(out)}; then')
            parts.append('{ ' + body + '\n} >>' + shlex.quote(out) + ' 2>&1 {VTNIO_DOCS_STATUS_FD}>&-')
            parts.append(f'__after_server $! {ports} 2>>{shlex.quote(out)}; else false; fi')
        else:
            parts.append('{ ' + body + '\n} >' + shlex.quote(out) + ' 2>&1 {VTNIO_DOCS_STATUS_FD}>&-')
        parts.append(f'printf "end {n} %s\\n" $? >&"$VTNIO_DOCS_STATUS_FD"')
    parts.append('__stop_all')
    return '\n'.join(parts) + '\n'


def tail(path, lines=12):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read().splitlines()[-lines:]
    except OSError:
        return []


def run_page(commands, root, logdir, timeout, report):
    """Runs one page's session; fills each command's result; reports each as it ends."""
    os.makedirs(logdir, exist_ok=True)
    script = page_script(commands, logdir)
    with open(os.path.join(logdir, 'session.sh'), 'w') as f:
        f.write(script)
    read_end, write_end = os.pipe()
    env = dict(os.environ, VTNIO_DOCS_ROOT=root, VTNIO_DOCS_STATUS_FD=str(write_end))
    proc = subprocess.Popen(['bash', '-c', script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(logdir, 'session.err'), 'w'), pass_fds=(write_end,),
                            env=env, start_new_session=True)
    os.close(write_end)
    current, started, buffer = None, None, b''
    timed_out = False
    with os.fdopen(read_end, 'rb', buffering=0) as status:
        while True:
            wait = None if current is None else max(0.0, started + timeout - time.monotonic())
            ready, _, _ = select.select([status], [], [], wait)
            if not ready:
                commands[current].result = ('TIMEOUT', None, time.monotonic() - started)
                report(commands[current], os.path.join(logdir, f'{current}.out'))
                timed_out = True
                break
            chunk = status.read(4096)
            if not chunk:
                break
            buffer += chunk
            while b'\n' in buffer:
                line, buffer = buffer.split(b'\n', 1)
                word = line.decode().split()
                if word[0] == 'start':
                    current, started = int(word[1]), time.monotonic()
                elif word[0] == 'end':
                    c = commands[int(word[1])]
                    code = int(word[2])
                    c.result = ('ok' if code in c.ok_exits else 'FAIL', code, time.monotonic() - started)
                    report(c, os.path.join(logdir, f'{word[1]}.out'))
                    current = None
    if current is not None and commands[current].result is None:  # e.g. an 'exit' ended the session
        commands[current].result = ('FAIL', None, time.monotonic() - started)
        report(commands[current], os.path.join(logdir, f'{current}.out'))
    if timed_out:
        stop_group(proc.pid, signal.SIGTERM, 10)
    proc.wait()
    stop_group(proc.pid, signal.SIGKILL, 0)  # whatever the page left behind, in its own group
    for c in commands:
        if c.result is None and not c.skip_reason:
            c.result = ('NOT RUN', None, 0.0)


def stop_group(pgid, sig, grace):
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def one_line(text, width=150):
    text = re.sub(r'\s*\\\n\s*', ' ', text)
    return text if len(text) <= width else text[:width - 1] + '…'


def main():
    parser = argparse.ArgumentParser(description='Run every command example of README.md and docs/*.md, '
                                                 'durations shortened (docs/tools.md, "Every example runs").')
    parser.add_argument('pages', nargs='*', help='pages to run (default: README.md docs/*.md)')
    parser.add_argument('--here', action='store_true', help='run in this working tree, not in a fresh clone')
    parser.add_argument('--timeout', type=float, default=240, help='seconds per command (default 240)')
    parser.add_argument('--list', action='store_true', help='print the commands as they would run, run nothing')
    parser.add_argument('--out', help='logs directory (default: a new temporary directory)')
    args = parser.parse_args()

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    pages = args.pages or ['README.md'] + sorted('docs/' + p for p in os.listdir(os.path.join(repo, 'docs'))
                                                 if p.endswith('.md'))
    parsed, errors, skipped_blocks = [], [], []
    for page in pages:
        commands, page_errors, page_skips = parse_page(repo, page)
        for c in commands:
            prepare(c)
        parsed.append((page, commands))
        errors += page_errors
        skipped_blocks += page_skips
    if args.list:
        for page, commands in parsed:
            for c in commands:
                print(f'{c.where}: ' + (f'SKIP ({c.skip_reason}) ' if c.skip_reason else '') + one_line(c.run_text))
        for e in errors:
            print(e)
        return 1 if errors else 0

    out = args.out or tempfile.mkdtemp(prefix='docs-examples-')
    root = repo
    begun = time.monotonic()
    if not args.here:
        root = os.path.join(out, 'clone')
        subprocess.run(['git', 'clone', '--quiet', repo, root], check=True)
        print(f'docs-examples: a fresh clone of {repo} (HEAD) in {root}; logs in {out}', flush=True)
    else:
        print(f'docs-examples: in {repo} itself; logs in {out}', flush=True)
    t = time.monotonic()
    build = subprocess.run(['./vtnio', 'build'], cwd=root, stdin=subprocess.DEVNULL)
    print(f'{"build":<28} exit {build.returncode:<3} {time.monotonic() - t:6.1f}s  ./vtnio build', flush=True)
    if build.returncode != 0:
        return 1

    def report(c, log):
        status, code, seconds = c.result
        shown = '-' if code is None else str(code)
        mark = '' if status == 'ok' else f'  {status}'
        print(f'{c.where:<28} exit {shown:<3} {seconds:6.1f}s  {one_line(strip_comment(c.run_text))}{mark}', flush=True)
        if status != 'ok':
            for line in tail(log):
                print(f'    | {line}')

    seen = {}
    for _, commands in parsed:
        for c in commands:
            key = strip_comment(c.run_text)
            if c.skip_reason or not re.match(r'\./vtnio (compare|jmh)\b', key):
                continue
            if key in seen:
                c.skip_reason = f'runs as {seen[key]} did'
                c.repeat = True
            else:
                seen[key] = c.where
    for n, (page, commands) in enumerate(parsed):
        runnable = [c for c in commands if not c.skip_reason]
        if runnable:
            run_page(commands, root, os.path.join(out, f'{n:02d}-{page.replace("/", "-")}'), args.timeout, report)

    every = [c for _, commands in parsed for c in commands]
    bad = [c for c in every if c.result and c.result[0] != 'ok']
    ran = [c for c in every if c.result and c.result[0] != 'NOT RUN']
    skips = [(c.where, c.skip_reason) for c in every if c.skip_reason and not c.repeat] + skipped_blocks
    repeats = [c for c in every if c.repeat]
    print(f'\ndocs-examples: {len(ran)} commands run in {time.monotonic() - begun:.0f}s, {len(bad)} failed, '
          f'{len(repeats)} repeats not run again, {len(skips)} skipped')
    for where, reason in sorted(skips):
        print(f'  skipped {where}: {reason}')
    for c in bad:
        print(f'  {c.result[0]} {c.where}: {one_line(c.run_text, 110)}')
    for e in errors:
        print(f'  error {e}')
    return 1 if bad or errors else 0


if __name__ == '__main__':
    sys.exit(main())
