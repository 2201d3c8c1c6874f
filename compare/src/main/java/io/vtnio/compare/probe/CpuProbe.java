package io.vtnio.compare.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Times a fixed piece of CPU-bound work on one CPU, so checkpoints taken minutes apart show how
 * fast that CPU was at each: the same work taking longer means the machine got slower, not the
 * code. The work is one chain of dependent 64-bit multiply-xorshift steps, four per byte of a
 * 4 KiB buffer, over the buffer {@value #PASSES} times: it stays in L1, and the chain's latency
 * hides the loop's own overhead, so the figure is the same whether the JIT has got to C1 or C2
 * (SHA-256 was the first idea, but it runs interpreted for about 0.4 s in a cold JVM before its
 * intrinsic kicks in). About 23 ms per repetition on a 2020s server core; after warm-up it runs
 * {@value #REPETITIONS} times and keeps the fastest (the most repeatable estimate of the CPU's
 * speed) and the median. A call costs about 0.2 s on a quiet core, and more on a shared one,
 * since every repetition then takes longer.
 *
 * <p>Java cannot pin a thread, but Linux pins one thread by its id: the probe runs on a
 * short-lived platform thread of its own that reads its id from {@code /proc/thread-self} and
 * calls {@code taskset -p -c CPU TID} on itself. Using its own thread means the caller's thread
 * never changes affinity (and a virtual caller never pins its carrier), so there is nothing to
 * restore. Without {@code taskset} or {@code /proc}, or when pinning fails, the work runs
 * unpinned and the result says why.
 *
 * <pre>{@code
 * CpuProbe.Result result = CpuProbe.run(1);
 * if (!result.pinned()) System.out.println("CPU 1 not probed alone: " + result.unpinnedReason());
 * }</pre>
 *
 * <p>Threading: {@link #run} may be called from any thread; it blocks until the probe is done.
 */
final class CpuProbe {

    /** 4 KiB passes per repetition: about 23 ms at 23 us a pass. */
    static final int PASSES = 1_000;

    /** Timed repetitions after warm-up. */
    static final int REPETITIONS = 5;

    private static final int MAX_WARM_UP_REPETITIONS = 3;
    private static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final byte[] BUFFER = new byte[4096];

    static {
        for (int i = 0; i < BUFFER.length; i++) {
            BUFFER[i] = (byte) (i * 31 + 7);
        }
    }

    /** Written after each repetition so the JIT cannot prove the work useless and drop it. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    private CpuProbe() {
    }

    /**
     * What one probe measured.
     *
     * @param cpu            the CPU asked for
     * @param minMicros      the fastest repetition, in microseconds
     * @param medianMicros   the median repetition, in microseconds
     * @param pinned         whether the work ran pinned to {@code cpu}
     * @param unpinnedReason why it did not, e.g. {@code taskset not found}; null when pinned
     */
    record Result(int cpu, double minMicros, double medianMicros, boolean pinned, String unpinnedReason) {
    }

    /** Probes {@code cpu} (a Linux CPU number, 0 or more) on a fresh platform thread and waits for it. */
    static Result run(int cpu) throws InterruptedException {
        FutureTask<Result> probe = new FutureTask<>(() -> pinAndMeasure(cpu));
        Thread.ofPlatform().name("vtnio-cpu-probe-" + cpu).daemon().start(probe);
        try {
            return probe.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("CPU probe failed", e.getCause());
        }
    }

    private static Result pinAndMeasure(int cpu) throws InterruptedException {
        String unpinnedReason = pinThisThread(cpu);
        long[] nanos = repetitionsNanos();
        Arrays.sort(nanos);
        return new Result(cpu, nanos[0] / 1e3, nanos[nanos.length / 2] / 1e3, unpinnedReason == null, unpinnedReason);
    }

    /** Null when this thread now runs only on {@code cpu}, else why not. */
    private static String pinThisThread(int cpu) throws InterruptedException {
        String taskset = CpuPinning.findOnPath("taskset");
        if (taskset == null) {
            return "taskset not found";
        }
        String threadId;
        try {
            // /proc/thread-self links to PID/task/TID of whichever thread reads it.
            threadId = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "no /proc/thread-self to find the thread's id";
        }
        try {
            Process process = new ProcessBuilder(taskset, "-p", "-c", Integer.toString(cpu), threadId)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "taskset did not finish";
            }
            if (process.exitValue() != 0) {
                return "taskset failed: " + output.lines().reduce((first, last) -> last).orElse("exit " + process.exitValue());
            }
        } catch (IOException e) {
            return "taskset failed: " + e.getMessage();
        }
        // Trust the kernel's view of this thread rather than taskset's exit code alone.
        String allowed = threadAllowedCpus();
        return Integer.toString(cpu).equals(allowed) ? null : "taskset left the thread on CPUs " + allowed;
    }

    private static String threadAllowedCpus() {
        try {
            for (String line : Files.readAllLines(THREAD_SELF.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
        } catch (IOException | SecurityException e) {
            // unknown
        }
        return null;
    }

    private static long[] repetitionsNanos() {
        // Warm up until two repetitions agree within 10%: by then the JIT has compiled the pass.
        long previousNanos = Long.MAX_VALUE;
        for (int i = 0; i < MAX_WARM_UP_REPETITIONS; i++) {
            long nanos = repetitionNanos();
            if (Math.abs(nanos - previousNanos) <= previousNanos / 10) {
                break;
            }
            previousNanos = nanos;
        }
        long[] nanos = new long[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            nanos[i] = repetitionNanos();
        }
        return nanos;
    }

    private static long repetitionNanos() {
        long startNanos = System.nanoTime();
        long hash = SEED;
        for (int pass = 0; pass < PASSES; pass++) {
            hash = mix(BUFFER, hash);
        }
        long elapsedNanos = System.nanoTime() - startNanos;
        sink = hash;
        return elapsedNanos;
    }

    private static long mix(byte[] bytes, long hash) {
        for (byte b : bytes) {
            // Four dependent steps a byte: with one, the loop's bounds check and the profiling
            // counters of C1-compiled code showed, and a cold JVM's first probe ran 20-50% slower.
            hash = (hash ^ b) * PRIME;
            hash = (hash ^ (hash >>> 29)) * PRIME;
            hash = (hash ^ (hash >>> 31)) * PRIME;
            hash = (hash ^ (hash >>> 27)) * PRIME;
        }
        return hash;
    }
}
