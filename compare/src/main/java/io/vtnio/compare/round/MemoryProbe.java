package io.vtnio.compare.round;

import io.vtnio.compare.launch.ChildProcesses;
import io.vtnio.compare.launch.ServerProcess;
import io.vtnio.compare.launch.StatsLine;
import io.vtnio.compare.probe.CpuPinning;
import io.vtnio.compare.probe.ProcFs;
import io.vtnio.compare.probe.ProcessSample;
import io.vtnio.compare.probe.ProcessSampler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a server's memory for the per-connection figures: for a JVM contestant it first forces
 * a full GC with {@code jcmd PID GC.run} and takes the live heap from the next stats line (or, for
 * a framework's server, which prints none, from {@code jcmd PID GC.heap_info}), so the garbage of
 * the moment does not count; then the resident set and the open descriptors.
 *
 * <p>Threading: one thread.
 */
public final class MemoryProbe {

    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern USED_KIB = Pattern.compile("\\bused (\\d+)K");

    private final Path jcmd;
    private final CpuPinning pinning;

    /** @param jcmd the {@code jcmd} executable, or null to skip the GC and the live heap */
    public MemoryProbe(Path jcmd, CpuPinning pinning) {
        this.jcmd = jcmd;
        this.pinning = pinning;
    }

    /**
     * @param statsLines whether the server prints vtnio's stats lines (vtnio's servers); a JVM that
     *                   does not (Helidon's, Netty's) is asked for its heap with {@code jcmd GC.heap_info}
     */
    MemoryPoint measure(ServerProcess server, ProcessSampler sampler, boolean jvm, boolean statsLines)
            throws InterruptedException {
        Long liveHeap = null;
        long pid = server.measured().pid();
        if (jvm && jcmd != null && jcmd(pid, "GC.run") != null) {
            if (statsLines) {
                StatsLine after = server.statsAfter(System.currentTimeMillis(), Duration.ofSeconds(1));
                liveHeap = after == null ? null : after.snapshot().heapUsedBytes();
            } else {
                String heapInfo = jcmd(pid, "GC.heap_info");
                liveHeap = heapInfo == null ? null : heapUsedBytes(heapInfo);
            }
        }
        ProcessSample sample = sampler.sampleNow();
        return new MemoryPoint(sample.rssBytes(), liveHeap, ProcFs.openDescriptors(server.measured()));
    }

    /**
     * The heap in use as {@code jcmd PID GC.heap_info} prints it: the sum of the {@code used NK} of
     * its heap lines (Serial's two generations, or G1's and Parallel's one heap line), Metaspace and
     * class space left out; null when there is none.
     */
    static Long heapUsedBytes(String heapInfo) {
        long usedKiB = 0;
        boolean found = false;
        for (String line : heapInfo.lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space") || !trimmed.contains("total")) {
                continue;
            }
            Matcher used = USED_KIB.matcher(trimmed);
            if (used.find()) {
                usedKiB += Long.parseLong(used.group(1));
                found = true;
            }
        }
        return found ? usedKiB * 1024 : null;
    }

    /** Runs {@code jcmd PID COMMAND} on the generator's CPUs: its output, or null when it failed. */
    private String jcmd(long pid, String jcmdCommand) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), jcmdCommand));
        Path output = null;
        try {
            // To a file, not a pipe: a jcmd that hangs must not hang the read, only meet the timeout.
            output = Files.createTempFile("vtnio-jcmd", ".txt");
            Process process = new ProcessBuilder(pinning.generator(command))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            ChildProcesses.register(process);
            try {
                if (!process.waitFor(JCMD_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    return null;
                }
                return process.exitValue() == 0 ? Files.readString(output, StandardCharsets.UTF_8) : null;
            } finally {
                ChildProcesses.forget(process);
            }
        } catch (IOException e) {
            return null;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
