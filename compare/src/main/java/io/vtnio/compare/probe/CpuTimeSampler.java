package io.vtnio.compare.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Samples, every {@code period} while a run goes on, the counters of {@code /proc/stat} (every
 * CPU's busy and total ticks), the CPU time of one watched process (the generator: the process
 * alone, cheaper than {@link ProcessSampler}'s whole tree with memory and switches) and the CPU
 * time of this very process (compare, the measuring instrument). Afterwards it answers how busy a
 * set of CPUs was and how much CPU time each of the two processes used in any window, each
 * interpolated at the window's edges as {@link ProcessSampler} does. Set beside the server's CPU
 * time over the same window, it tells how much of the contestants' CPUs went to anything else.
 *
 * <pre>{@code
 * try (CpuTimeSampler cpus = CpuTimeSampler.start(Duration.ofMillis(100))) {
 *     cpus.watch(generator.handle());
 *     // run the round
 *     Double busy = cpus.busyPercentBetween(List.of(1), fromMs, toMs);   // 97.5: CPU 1 was 97.5% busy
 *     Double generator = cpus.watchedCpuSecondsBetween(fromMs, toMs);
 * }
 * }</pre>
 *
 * <p>Threading: one daemon sampling thread; {@link #watch}, {@link #sampleNow}, {@link #stop} and
 * the queries may be called from any thread. Where there is no {@code /proc/stat} the CPU queries
 * answer null; a process whose CPU time is unknown reads null.
 */
public final class CpuTimeSampler implements AutoCloseable {

    /**
     * One reading.
     *
     * @param watchedNanos the watched process's CPU time, -1 when unknown or none is watched
     * @param ownNanos     this process's CPU time with its reaped children's ({@link #ownCpuNanos}), -1 when unknown
     */
    private record Reading(long wallMs, Map<Integer, CpuTicks> cpus, long watchedNanos, long ownNanos) {
    }

    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private SamplingLoop loop;
    private volatile ProcessHandle watched;

    private CpuTimeSampler() {
    }

    public static CpuTimeSampler start(Duration period) {
        CpuTimeSampler sampler = new CpuTimeSampler();
        sampler.loop = SamplingLoop.start("vtnio-compare-cpu-sampler", period, sampler::sampleNow, () -> true);
        return sampler;
    }

    /** From the next reading on, also reads the CPU time of {@code process} (itself, not its children). */
    public void watch(ProcessHandle process) {
        watched = process;
        sampleNow();
    }

    /** Takes one reading now and keeps it. */
    public void sampleNow() {
        ProcessHandle process = watched;
        long watchedNanos = process == null ? -1 : cpuNanos(process);
        long ownNanos = ownCpuNanos();
        readings.add(new Reading(System.currentTimeMillis(), CpuTicks.read(), watchedNanos, ownNanos));
    }

    /**
     * This process's CPU time with that of its children it has waited for ({@code utime + stime +
     * cutime + cstime} of {@code /proc/self/stat}): the short helpers compare runs and reaps inside a
     * window, such as {@code jcmd} forcing a GC, are part of the instrument, not foreign load. The
     * server and the generator are reaped only after their window. Without {@code /proc}, this
     * process alone.
     */
    static long ownCpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // Fields after the command name, which may hold spaces, in parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
            return ticks * NANOS_PER_TICK;
        } catch (java.io.IOException | RuntimeException e) {
            return cpuNanos(ProcessHandle.current());
        }
    }

    /** Linux's USER_HZ, the unit of {@code /proc/PID/stat}'s times: 100 on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * Percent of the time of {@code cpus} (together) between the two instants that went to running
     * anything, interrupts included; null when unknown (no {@code /proc/stat}, a CPU not in it, or
     * no tick passed).
     */
    public Double busyPercentBetween(List<Integer> cpus, long fromWallMs, long toWallMs) {
        return percentBetween(cpus, CpuTicks::busyTicks, fromWallMs, toWallMs);
    }

    /**
     * Percent of the time of {@code cpus} (together) between the two instants spent on interrupts
     * ({@code irq} and {@code softirq}), a part of {@link #busyPercentBetween}; null when unknown.
     */
    public Double interruptPercentBetween(List<Integer> cpus, long fromWallMs, long toWallMs) {
        return percentBetween(cpus, CpuTicks::interruptTicks, fromWallMs, toWallMs);
    }

    private Double percentBetween(List<Integer> cpus, ToLongFunction<CpuTicks> part, long fromWallMs,
                                  long toWallMs) {
        double ticks = 0;
        double total = 0;
        for (int cpu : cpus) {
            double[] change = between(r -> r.cpus().containsKey(cpu),
                    r -> new double[] {part.applyAsLong(r.cpus().get(cpu)), r.cpus().get(cpu).totalTicks()},
                    fromWallMs, toWallMs);
            if (change == null) {
                return null;
            }
            ticks += change[0];
            total += change[1];
        }
        return total > 0 && ticks >= 0 ? Math.min(100.0, 100.0 * ticks / total) : null;
    }

    /** CPU seconds the watched process used between the two instants, or null when unknown. */
    public Double watchedCpuSecondsBetween(long fromWallMs, long toWallMs) {
        double[] nanos = between(r -> r.watchedNanos() >= 0, r -> new double[] {r.watchedNanos()}, fromWallMs,
                toWallMs);
        return nanos == null ? null : Math.max(0, nanos[0]) / 1e9;
    }

    /** CPU seconds this process (compare itself) used between the two instants, or null when unknown. */
    public Double ownCpuSecondsBetween(long fromWallMs, long toWallMs) {
        double[] nanos = between(r -> r.ownNanos() >= 0, r -> new double[] {r.ownNanos()}, fromWallMs, toWallMs);
        return nanos == null ? null : Math.max(0, nanos[0]) / 1e9;
    }

    /** The change of {@code figures} between the two instants over the readings that have them, or null. */
    private double[] between(java.util.function.Predicate<Reading> known, Function<Reading, double[]> figures,
                             long fromWallMs, long toWallMs) {
        List<Reading> usable = readings.stream().filter(known).toList();
        double[] from = ProcessSampler.interpolate(usable, Reading::wallMs, fromWallMs, figures);
        double[] to = ProcessSampler.interpolate(usable, Reading::wallMs, toWallMs, figures);
        if (from == null || to == null) {
            return null;
        }
        double[] change = new double[from.length];
        for (int i = 0; i < from.length; i++) {
            change[i] = to[i] - from[i];
        }
        return change;
    }

    /** Stops sampling after one last reading. */
    public void stop() {
        loop.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
