package io.vtnio.compare.round;

import io.vtnio.compare.launch.ChildProcesses;
import io.vtnio.compare.launch.ServerProcess;
import io.vtnio.compare.launch.StatsLine;
import io.vtnio.compare.probe.CpuPinning;
import io.vtnio.compare.probe.ProcFs;
import io.vtnio.compare.probe.ProcessSample;
import io.vtnio.compare.probe.ProcessSampler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures a server's memory for the per-connection figures: for a JVM contestant it first forces
 * a full GC with {@code jcmd PID GC.run} and takes the live heap from the next stats line, so the
 * garbage of the moment does not count; then the resident set and the open descriptors.
 *
 * <p>Threading: one thread.
 */
public final class MemoryProbe {

    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(10);

    private final Path jcmd;
    private final CpuPinning pinning;

    /** @param jcmd the {@code jcmd} executable, or null to skip the GC and the live heap */
    public MemoryProbe(Path jcmd, CpuPinning pinning) {
        this.jcmd = jcmd;
        this.pinning = pinning;
    }

    MemoryPoint measure(ServerProcess server, ProcessSampler sampler, boolean jvm) throws InterruptedException {
        Long liveHeap = null;
        if (jvm && jcmd != null && forceGc(server.measured().pid())) {
            StatsLine after = server.statsAfter(System.currentTimeMillis(), Duration.ofSeconds(1));
            liveHeap = after == null ? null : after.snapshot().heapUsedBytes();
        }
        ProcessSample sample = sampler.sampleNow();
        return new MemoryPoint(sample.rssBytes(), liveHeap, ProcFs.openDescriptors(server.measured()));
    }

    private boolean forceGc(long pid) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), "GC.run"));
        try {
            Process process = new ProcessBuilder(pinning.generator(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            ChildProcesses.register(process);
            try {
                if (!process.waitFor(JCMD_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0;
            } finally {
                ChildProcesses.forget(process);
            }
        } catch (IOException e) {
            return false;
        }
    }
}
