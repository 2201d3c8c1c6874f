package io.vtnio.compare.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Samples, every {@code period} while a run goes on and all at one instant, the counters of
 * {@code /proc/stat} (every CPU's busy and total ticks), the CPU time of the server (its whole
 * process tree, so a contestant started through a shell is measured whole), of the generator (the
 * process alone) and of this very process (compare, the measuring instrument). Afterwards it
 * answers how busy a set of CPUs was and how much CPU time each process used in any window, each
 * interpolated at the window's edges as {@link ProcessSampler} does. Because every reading takes
 * all of them together, a burst near a window's edge (a JIT compile, a forced GC) moves the CPUs'
 * busy time and its owner's CPU time alike: what the contestants do not account for is what
 * anything else took of their CPUs. (Two samplers at their own instants disagreed by up to 30% of
 * a one-second window, and an {@code idle} round that only its server ran in read as "machine busy".)
 *
 * <pre>{@code
 * try (CpuTimeSampler cpus = CpuTimeSampler.start(Duration.ofMillis(100))) {
 *     cpus.watchServer(server.handle());
 *     cpus.watchGenerator(generator.handle());
 *     // run the round
 *     Double busy = cpus.busyPercentBetween(List.of(1), fromMs, toMs);   // 97.5: CPU 1 was 97.5% busy
 *     Double server = cpus.serverCpuSecondsBetween(fromMs, toMs);
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
     * @param serverNanos    the server tree's CPU time, -1 when unknown or no server is watched
     * @param generatorNanos the generator's CPU time, -1 when unknown or no generator is watched
     * @param ownNanos       this process's CPU time with its reaped children's ({@link #ownCpuNanos}), -1 when unknown
     */
    private record Reading(long wallMs, Map<Integer, CpuTicks> cpus, long serverNanos, long generatorNanos,
                           long ownNanos) {
    }

    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private SamplingLoop loop;
    private volatile ProcessHandle server;
    private volatile ProcessHandle generator;

    private CpuTimeSampler() {
    }

    public static CpuTimeSampler start(Duration period) {
        CpuTimeSampler sampler = new CpuTimeSampler();
        sampler.loop = SamplingLoop.start("vtnio-compare-cpu-sampler", period, sampler::sampleNow, () -> true);
        return sampler;
    }

    /** From now on, also reads the CPU time of the server's process tree ({@code process} and its descendants). */
    public void watchServer(ProcessHandle process) {
        server = process;
        sampleNow();
    }

    /** From now on, also reads the CPU time of the generator ({@code process} itself, not its children). */
    public void watchGenerator(ProcessHandle process) {
        generator = process;
        sampleNow();
    }

    /** Takes one reading now and keeps it. */
    public void sampleNow() {
        ProcessHandle serverProcess = server;
        ProcessHandle generatorProcess = generator;
        long serverNanos = serverProcess == null ? -1 : treeCpuNanos(serverProcess);
        long generatorNanos = generatorProcess == null ? -1 : cpuNanos(generatorProcess);
        long ownNanos = ownCpuNanos();
        readings.add(new Reading(System.currentTimeMillis(), CpuTicks.read(), serverNanos, generatorNanos,
                ownNanos));
    }

    /** CPU time of {@code root} and its descendants, the parts known summed; -1 when none is known. */
    static long treeCpuNanos(ProcessHandle root) {
        long nanos = cpuNanos(root);
        boolean known = nanos >= 0;
        nanos = Math.max(0, nanos);
        for (ProcessHandle descendant : root.descendants().toList()) {
            long part = cpuNanos(descendant);
            if (part >= 0) {
                nanos += part;
                known = true;
            }
        }
        return known ? nanos : -1;
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

    /** CPU seconds the server's tree used between the two instants, or null when unknown. */
    public Double serverCpuSecondsBetween(long fromWallMs, long toWallMs) {
        return secondsBetween(Reading::serverNanos, fromWallMs, toWallMs);
    }

    /** CPU seconds the generator used between the two instants, or null when unknown. */
    public Double generatorCpuSecondsBetween(long fromWallMs, long toWallMs) {
        return secondsBetween(Reading::generatorNanos, fromWallMs, toWallMs);
    }

    /** CPU seconds this process (compare itself) used between the two instants, or null when unknown. */
    public Double ownCpuSecondsBetween(long fromWallMs, long toWallMs) {
        return secondsBetween(Reading::ownNanos, fromWallMs, toWallMs);
    }

    private Double secondsBetween(ToLongFunction<Reading> nanosOf, long fromWallMs, long toWallMs) {
        double[] nanos = between(r -> nanosOf.applyAsLong(r) >= 0, r -> new double[] {nanosOf.applyAsLong(r)},
                fromWallMs, toWallMs);
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
