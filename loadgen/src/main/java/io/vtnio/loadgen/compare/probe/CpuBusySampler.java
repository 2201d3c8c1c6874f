package io.vtnio.loadgen.compare.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples the counters of {@code /proc/stat} (every CPU's busy and total ticks) every
 * {@code period} while a run goes on, and answers afterwards how busy a set of CPUs was in any
 * window of it, interpolating the counters at the window's edges as {@link ProcessSampler} does
 * for a process's CPU time. Set beside the CPU time of the server and the generator over the same
 * window, it tells how much of their CPUs went to anything else: foreign load that a round's
 * figures would otherwise silently include.
 *
 * <pre>{@code
 * try (CpuBusySampler cpus = CpuBusySampler.start(Duration.ofMillis(100))) {
 *     // run the round
 *     Double busy = cpus.busyPercentBetween(List.of(1), fromMs, toMs);   // 97.5: CPU 1 was 97.5% busy
 * }
 * }</pre>
 *
 * <p>Threading: one daemon sampling thread; {@link #sampleNow}, {@link #stop} and the queries may be
 * called from any thread. Where there is no {@code /proc/stat} every query answers null.
 */
public final class CpuBusySampler implements AutoCloseable {

    /** One reading of every CPU's counters. */
    private record Reading(long wallMs, Map<Integer, CpuTicks> cpus) {
    }

    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private CpuBusySampler(Duration period) {
        this.thread = Thread.ofPlatform().daemon().name("vtnio-compare-cpu-sampler").unstarted(() -> loop(period));
    }

    public static CpuBusySampler start(Duration period) {
        CpuBusySampler sampler = new CpuBusySampler(period);
        sampler.sampleNow();
        sampler.thread.start();
        return sampler;
    }

    private void loop(Duration period) {
        while (running) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            sampleNow();
        }
    }

    /** Reads the counters now and keeps them. */
    public void sampleNow() {
        Map<Integer, CpuTicks> cpus = CpuTicks.read();
        if (!cpus.isEmpty()) {
            readings.add(new Reading(System.currentTimeMillis(), cpus));
        }
    }

    /**
     * Percent of the time of {@code cpus} (together) between the two instants that went to running
     * anything, interrupts included; null when unknown (no {@code /proc/stat}, a CPU not in it, or
     * no tick passed).
     */
    public Double busyPercentBetween(List<Integer> cpus, long fromWallMs, long toWallMs) {
        double busy = 0;
        double total = 0;
        for (int cpu : cpus) {
            List<Reading> known = readings.stream().filter(r -> r.cpus().containsKey(cpu)).toList();
            java.util.function.Function<Reading, double[]> ticks = r -> new double[] {
                    r.cpus().get(cpu).busyTicks(), r.cpus().get(cpu).totalTicks()};
            double[] from = ProcessSampler.interpolate(known, Reading::wallMs, fromWallMs, ticks);
            double[] to = ProcessSampler.interpolate(known, Reading::wallMs, toWallMs, ticks);
            if (from == null || to == null) {
                return null;
            }
            busy += to[0] - from[0];
            total += to[1] - from[1];
        }
        return total > 0 && busy >= 0 ? Math.min(100.0, 100.0 * busy / total) : null;
    }

    /** Stops sampling after one last reading. */
    public void stop() {
        if (running) {
            running = false;
            thread.interrupt();
            sampleNow();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
