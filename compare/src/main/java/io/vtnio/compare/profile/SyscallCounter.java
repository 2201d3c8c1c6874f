package io.vtnio.compare.profile;

import io.vtnio.compare.report.profile.SyscallFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts a server's system calls by kind with {@code perf stat} ({@code compare --syscalls}), as
 * {@code scripts/syscall-profile.sh} does by hand. perf starts the server itself
 * ({@code perf stat -x, -I 250 -o FILE -e EVENTS -- COMMAND}) rather than attaching to it with
 * {@code -p}: attached, perf counts only the threads that exist at that moment, and the JVM
 * creates carriers, pool workers and {@code pt}'s thread per connection later; started by perf,
 * every thread the server ever has is counted. perf writes a line per event every 250 ms, so the
 * measured window is cut out afterwards, its edges spread evenly over their interval.
 *
 * <p>The kinds are those vtnio's servers use on JDK 25 (checked with {@code perf trace -s} under
 * echo load: vt reads, writes, {@code epoll_ctl}s to re-arm its one-shot registrations and parks
 * with {@code futex}; nio reads, writes and {@code epoll_wait}s; neither uses {@code epoll_pwait},
 * {@code recvfrom}, {@code sendto} or {@code poll}), plus {@code all}: every system call.
 *
 * <p>Threading: immutable; {@link #probe} runs perf once and waits for it.
 *
 * @param perf        the perf executable, or null when it cannot be used
 * @param notMeasured why system calls cannot be counted, or null when they can
 */
public record SyscallCounter(String perf, String notMeasured) {

    /** Kind as the report names it → perf event. */
    public static final Map<String, String> EVENTS = events();

    /** How often perf writes its counts, in milliseconds. */
    static final int INTERVAL_MS = 250;

    private static Map<String, String> events() {
        Map<String, String> events = new LinkedHashMap<>();
        for (String call : List.of("read", "write", "epoll_ctl", "epoll_wait", "futex")) {
            events.put(call, "syscalls:sys_enter_" + call);
        }
        events.put("all", "raw_syscalls:sys_enter");
        return events;
    }

    /** Whether system calls can be counted here. */
    public boolean available() {
        return notMeasured == null;
    }

    /**
     * Tries perf once on {@code true} with the events it will count; answers why it cannot be used
     * when it is missing, not allowed (the tracepoints need root or
     * {@code kernel.perf_event_paranoid <= -1}), or cannot count one of the events.
     */
    public static SyscallCounter probe(String perf) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(perf, "stat", "-x,", "-e", String.join(",", EVENTS.values()),
                "--", "true"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new SyscallCounter(null, "perf not found");
        }
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            output = "";
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new SyscallCounter(null, "perf did not answer within 20s");
        }
        return judge(perf, process.exitValue(), output);
    }

    /** The verdict on perf's answer to the probe. */
    static SyscallCounter judge(String perf, int exit, String output) {
        if (exit != 0) {
            String first = output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            return new SyscallCounter(null, "perf refused (exit " + exit + (first.isEmpty() ? "" : ": " + first) + ")");
        }
        for (String line : output.lines().toList()) {
            if (line.contains("<not supported>")) {
                String[] fields = line.split(",", -1);
                return new SyscallCounter(null, "perf cannot count " + (fields.length > 2 ? fields[2] : line).strip());
            }
        }
        return new SyscallCounter(perf, null);
    }

    /** {@code command} started under perf, its counts going to {@code csv}. */
    public List<String> wrap(List<String> command, Path csv) {
        List<String> wrapped = new ArrayList<>(List.of(perf, "stat", "-x,", "-I", Integer.toString(INTERVAL_MS),
                "-o", csv.toString(), "-e", String.join(",", EVENTS.values()), "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * System calls per request of the window, by kind, from the counts perf wrote to {@code csv}.
     *
     * @param perfStartMs when perf was started, wall clock (its interval times count from then; perf's own start-up
     *                    of some tens of milliseconds shifts the window by as much)
     */
    public static SyscallFigures perRequest(Path csv, long perfStartMs, long fromMs, long toMs, long requests) {
        if (requests <= 0) {
            return SyscallFigures.notMeasured("no requests in the window");
        }
        PerfStatCsv counts;
        try {
            counts = PerfStatCsv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return SyscallFigures.notMeasured("perf wrote no counts");
        }
        if (counts.isEmpty()) {
            return SyscallFigures.notMeasured("perf wrote no counts");
        }
        Map<String, Double> byEvent = counts.countsBetween((fromMs - perfStartMs) / 1000.0,
                (toMs - perfStartMs) / 1000.0);
        Map<String, Double> perRequest = new LinkedHashMap<>();
        for (Map.Entry<String, String> kind : EVENTS.entrySet()) {
            Double count = byEvent.get(kind.getValue());
            if (count != null) {
                perRequest.put(kind.getKey(), Math.round(count / requests * 1000) / 1000.0);
            }
        }
        return perRequest.isEmpty() ? SyscallFigures.notMeasured("perf counted none of the events")
                : new SyscallFigures(perRequest, null);
    }
}
