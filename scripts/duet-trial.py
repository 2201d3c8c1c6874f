#!/usr/bin/env python3
"""Duet rounds against sequential rounds: which gives tighter paired ratios in the same time.

An experiment for issue 19 (item 3), kept so that it can be rerun; `compare` does not use it.
It runs the open-loop echo (`echo-latency`: 100 connections at a fixed rate) for two contestants
in one of two designs, fresh server JVMs every round, compare's JVM options:

  sequential  what `compare` does: the server on CPU 1, the generator on CPU 0, A then B
              (in A B B A order over the rounds), one contestant at a time;
  duet        both at once on mirrored CPU sets (Bulej et al., "Duet benchmarking"): A's server
              and generator on one CPU, B's on the other, sides swapped every round.

Per round it prints each side's latency p50 (from the scheduled send time) and the server's CPU
time per reply over the generator's measured window (the server's /proc/PID/stat sampled every
50 ms, interpolated at the window's edges from the --hlog's latency intervals), and at the end
the spread of the paired log ratios B/A and a 95% interval of their geometric mean. A duet round
takes the time of one contestant's round and gives one pair; a sequential pair takes two.

Usage (after ./vtnio build; needs taskset and 2 CPUs):
  scripts/duet-trial.py --design duet --a vt --b vt --rounds 8 --rate 10000
  scripts/duet-trial.py --design sequential --a vt --b vt --b-work cpu:16 --rounds 8 --rate 10000
"""
import argparse
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JVM_OPTIONS = "-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC".split()
SERVERS = {
    "vt": ("server-vt", "io.vtnio.vt.VirtualThreadServerMain"),
    "pt": ("server-vt", "io.vtnio.vt.PlatformThreadServerMain"),
    "nio": ("server-nio", "io.vtnio.nio.SelectorServerMain"),
}
TICKS = os.sysconf("SC_CLK_TCK")
T_975 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23,
         11: 2.20, 12: 2.18, 13: 2.16, 14: 2.14, 15: 2.13, 19: 2.09, 29: 2.05}


def java():
    for candidate in (os.environ.get("VTNIO_JAVA"), "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("duet-trial: set VTNIO_JAVA to a JDK 21+ java")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CpuSampler(threading.Thread):
    """Samples one process's CPU time (all its threads) every 50 ms, with the wall clock."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.samples, self.stopped = pid, [], threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                with open(f"/proc/{self.pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                self.samples.append((time.time(), (int(fields[11]) + int(fields[12])) / TICKS))
            except (OSError, IndexError):
                return
            self.stopped.wait(0.05)

    def at(self, wall):
        before = [s for s in self.samples if s[0] <= wall]
        after = [s for s in self.samples if s[0] >= wall]
        if not before or not after:
            raise RuntimeError("window outside the CPU samples")
        (t0, c0), (t1, c1) = before[-1], after[0]
        return c0 if t1 == t0 else c0 + (c1 - c0) * (wall - t0) / (t1 - t0)


def start_server(kind, cpu, work, stats):
    jar, main = SERVERS[kind]
    port = free_port()
    command = ["taskset", "-c", str(cpu), java(), *JVM_OPTIONS, "-cp", f"{HOME}/{jar}/target/{jar}.jar", main,
               "--port", str(port), "--stats-interval", "250ms"] + (["--work", work] if work else [])
    process = subprocess.Popen(command, stdout=open(stats, "w"), stderr=subprocess.DEVNULL)
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    sys.exit(f"duet-trial: {kind} did not listen within 15 s")


def start_load(cpu, port, args, directory, label, stats):
    json_file, hlog = os.path.join(directory, label + ".json"), os.path.join(directory, label + ".hlog")
    command = ["taskset", "-c", str(cpu), java(), "-cp", f"{HOME}/loadgen/target/vtnio-loadgen.jar",
               "io.vtnio.loadgen.LoadgenCommand", "load", "--port", str(port), "--connections", "100",
               "--rate", str(args.rate), "--warmup", "auto", "--warmup-max", args.warmup_max, "--server-stats", stats,
               "--duration", args.duration,
               "--json", json_file, "--hlog", hlog]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), json_file, hlog


def window(hlog, duration_seconds):
    """The measured window, wall clock: the first latency interval's start for the measured duration."""
    base, starts = None, []
    with open(hlog) as f:
        for line in f:
            if line.startswith("#[BaseTime:") or (line.startswith("#[StartTime:") and base is None):
                base = float(line.split()[1])
            elif line[:1].isdigit():  # untagged: latency (tag service: service time)
                starts.append(float(line.split(",")[0]))
    if base is None or not starts:
        raise RuntimeError(f"no latency intervals in {hlog}")
    begin = base + min(starts)
    return begin, begin + duration_seconds


def side(kind, work, cpu_server, cpu_load, args, directory, label):
    stats = os.path.join(directory, label + ".server.log")
    server, port = start_server(kind, cpu_server, work, stats)
    sampler = CpuSampler(server.pid)
    sampler.start()
    return server, sampler, start_load(cpu_load, port, args, directory, label, stats)


def finish(server, sampler, load):
    process, json_file, hlog = load
    process.wait(timeout=120)
    sampler.stopped.set()
    sampler.join()
    server.terminate()
    server.wait(timeout=30)
    with open(json_file) as f:
        summary = json.load(f)
    begin, end = window(hlog, summary["durationSeconds"])
    cpu = sampler.at(end) - sampler.at(begin)
    replies = summary["requests"]
    return {"p50_us": summary["latencyMicros"]["p50"], "cpu_us": 1e6 * cpu / replies,
            "rate": replies / summary["durationSeconds"], "steady": summary.get("steadyState"),
            "warmup": summary.get("warmupSeconds")}


def interval(ratios):
    logs = [math.log(r) for r in ratios]
    mean = statistics.fmean(logs)
    if len(logs) < 2:
        return mean, 0.0, (math.exp(mean), math.exp(mean))
    sd = statistics.stdev(logs)
    half = T_975.get(len(logs) - 1, 2.0) * sd / math.sqrt(len(logs))
    return mean, sd, (math.exp(mean - half), math.exp(mean + half))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--design", choices=["duet", "sequential"], required=True)
    parser.add_argument("--a", default="vt")
    parser.add_argument("--b", default="vt")
    parser.add_argument("--b-work", default=None)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--rate", type=int, default=10000)
    parser.add_argument("--warmup-max", default="15s")
    parser.add_argument("--duration", default="1500ms")
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="duet-")
    pairs, started = [], time.time()
    for index in range(args.rounds):
        if args.design == "duet":
            a_cpu = index % 2
            b_cpu = 1 - a_cpu
            a = side(args.a, None, a_cpu, a_cpu, args, directory, f"r{index}-a")
            b = side(args.b, args.b_work, b_cpu, b_cpu, args, directory, f"r{index}-b")
            first, second = finish(*a), finish(*b)
        else:
            order = ("a", "b") if index % 4 in (0, 3) else ("b", "a")
            results = {}
            for who in order:
                kind, work = (args.a, None) if who == "a" else (args.b, args.b_work)
                results[who] = finish(*side(kind, work, 1, 0, args, directory, f"r{index}-{who}"))
            first, second = results["a"], results["b"]
        pairs.append((first, second))
        print(f"round {index + 1}: A p50 {first['p50_us']:.0f} us, {first['cpu_us']:.2f} us CPU/reply, "
              f"{first['rate']:.0f}/s; B p50 {second['p50_us']:.0f} us, {second['cpu_us']:.2f} us CPU/reply, "
              f"{second['rate']:.0f}/s; warm-ups {first['warmup']:.1f} s, {second['warmup']:.1f} s", flush=True)
    elapsed = time.time() - started
    print(f"{args.design}: {len(pairs)} pairs in {elapsed:.0f} s ({elapsed / len(pairs):.1f} s a pair)")
    for figure in ("p50_us", "cpu_us"):
        mean, sd, (low, high) = interval([b[figure] / a[figure] for a, b in pairs])
        print(f"  B/A {figure}: {math.exp(mean):.3f}x [{low:.3f}-{high:.3f}x], sd of log ratio {sd:.3f}, "
              f"per sqrt(minute) {sd * math.sqrt(elapsed / len(pairs) / 60):.4f}")


if __name__ == "__main__":
    main()
