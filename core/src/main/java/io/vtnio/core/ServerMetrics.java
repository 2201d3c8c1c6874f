package io.vtnio.core;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters every server reports (docs/protocol.md#stats-lines). Counters are {@link LongAdder}s so
 * that many connection threads or several selector loops can count without contending.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class ServerMetrics {

    /** The JVM's JIT, or null where it has none (an interpreter-only VM). */
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsClosed = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder slowConsumerDrops = new LongAdder();
    private final LongAdder acceptFailures = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final long startNanos = System.nanoTime();

    public void connectionAccepted() {
        connectionsAccepted.increment();
    }

    public void connectionClosed() {
        connectionsClosed.increment();
    }

    public void messagesIn(int messages, long bytes) {
        messagesIn.add(messages);
        bytesIn.add(bytes);
    }

    public void bytesIn(long bytes) {
        bytesIn.add(bytes);
    }

    public void messagesIn(int messages) {
        messagesIn.add(messages);
    }

    public void messagesOut(int messages) {
        messagesOut.add(messages);
    }

    public void bytesOut(long bytes) {
        bytesOut.add(bytes);
    }

    /**
     * A connection ended by a fault: line too long, an I/O error, or a reset while the server still
     * owed the client something. A client's reset when nothing was owed is a normal close, not an
     * error ({@link ConnectionEnd}).
     */
    public void error() {
        errors.increment();
    }

    public void slowConsumerDropped() {
        slowConsumerDrops.increment();
    }

    /** An accept that failed, for example with EMFILE; the server backs off and retries. */
    public void acceptFailed() {
        acceptFailures.increment();
    }

    /**
     * A connection beyond {@code --max-connections} was refused politely. It is counted here
     * only, never as accepted, open or closed.
     */
    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    public long connectionsOpen() {
        return connectionsAccepted.sum() - connectionsClosed.sum();
    }

    /** A consistent-enough copy of every counter plus heap, thread and JIT gauges. */
    public MetricsSnapshot snapshot(String type, String server) {
        Runtime runtime = Runtime.getRuntime();
        long closed = connectionsClosed.sum();
        long accepted = connectionsAccepted.sum();
        return new MetricsSnapshot(type, server, (System.nanoTime() - startNanos) / 1_000_000,
                accepted - closed, accepted, closed,
                messagesIn.sum(), messagesOut.sum(), bytesIn.sum(), bytesOut.sum(),
                errors.sum(), slowConsumerDrops.sum(), acceptFailures.sum(),
                runtime.totalMemory() - runtime.freeMemory(),
                THREADS.getThreadCount(),
                connectionsRefused.sum(), compileMillis(), allocatedBytes(), cpuMillis());
    }

    /**
     * Bytes this JVM's threads have allocated so far, or {@link MetricsSnapshot#UNKNOWN}.
     *
     * <p>HotSpot keeps one running sum for the whole JVM that a thread's count joins when it
     * ends, so ended threads are included; a virtual thread allocates in its carrier's TLAB and is
     * counted there. Checked on JDK 25: 100 virtual threads that each allocated 1 MiB and ended,
     * then one platform thread that did the same and ended, each added 106.8 MB (100 x 1 KiB
     * arrays x 1024, headers included) to this figure.
     */
    static long allocatedBytes() {
        if (THREADS instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            long bytes = threads.getTotalThreadAllocatedBytes();
            return bytes < 0 ? MetricsSnapshot.UNKNOWN : bytes;
        }
        return MetricsSnapshot.UNKNOWN;
    }

    /** CPU time this process has used so far, all threads, user and kernel; or {@link MetricsSnapshot#UNKNOWN}. */
    static long cpuMillis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? MetricsSnapshot.UNKNOWN : nanos / 1_000_000;
        }
        return MetricsSnapshot.UNKNOWN;
    }

    /** Total JIT compilation time of this JVM so far, or {@link MetricsSnapshot#UNKNOWN}. */
    static long compileMillis() {
        if (JIT == null || !JIT.isCompilationTimeMonitoringSupported()) {
            return MetricsSnapshot.UNKNOWN;
        }
        return JIT.getTotalCompilationTime();
    }
}
