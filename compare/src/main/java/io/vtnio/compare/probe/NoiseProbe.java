package io.vtnio.compare.probe;

import io.vtnio.compare.report.summary.MachineNoise;
import io.vtnio.compare.report.summary.NoiseCheckpoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Puts the machine's noise on the record: {@code compare} calls {@link #checkpoint} before the
 * runs, after each scenario and after the runs; each checkpoint times the fixed
 * {@link CpuProbe} on every CPU the servers and the generator use and reads how much of each
 * CPU's time was stolen since the previous checkpoint. {@link #result} gathers them. A
 * checkpoint costs about 0.2 s per CPU.
 *
 * <pre>{@code
 * NoiseProbe noise = NoiseProbe.forCpus(serverCpus, generatorCpus);
 * noise.checkpoint("before");
 * // run a scenario
 * noise.checkpoint("after echo-peak");
 * MachineNoise result = noise.result();
 * }</pre>
 *
 * <p>Threading: confined to one thread at a time (compare's main thread); run no checkpoint
 * while a measured window is open, since the probe competes for the CPUs it measures.
 */
public final class NoiseProbe {

    /** Without pinning, probe this many CPUs at most: enough to see the machine, cheap enough to repeat. */
    static final int MAX_UNPINNED_CPUS = 4;

    private final List<Integer> cpus;
    private final List<NoiseCheckpoint> checkpoints = new ArrayList<>();
    private Map<Integer, CpuTicks> previousTicks = Map.of();

    /** Probes {@code cpus} (Linux CPU numbers), in this order. */
    NoiseProbe(List<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPU to probe");
        }
        this.cpus = List.copyOf(cpus);
    }

    /**
     * Probes the CPUs of both sides, as {@link CpuPinning} split them; when both lists are empty
     * (nothing pinned), the first {@value #MAX_UNPINNED_CPUS} CPUs this process may use.
     */
    public static NoiseProbe forCpus(List<Integer> serverCpus, List<Integer> generatorCpus) {
        TreeSet<Integer> cpus = new TreeSet<>(serverCpus);
        cpus.addAll(generatorCpus);
        if (cpus.isEmpty()) {
            List<Integer> allowed = CpuPinning.parseCpuList(ProcFs.allowedCpus());
            if (allowed.isEmpty()) {
                // No /proc: assume CPUs 0..n-1, the usual numbering.
                for (int cpu = 0; cpu < Runtime.getRuntime().availableProcessors(); cpu++) {
                    allowed.add(cpu);
                }
            }
            cpus.addAll(allowed.subList(0, Math.min(MAX_UNPINNED_CPUS, allowed.size())));
        }
        return new NoiseProbe(List.copyOf(cpus));
    }

    List<Integer> cpus() {
        return cpus;
    }

    /** Probes every CPU now and records the checkpoint under {@code label}, e.g. {@code after echo-peak}. */
    public NoiseCheckpoint checkpoint(String label) throws InterruptedException {
        // Read the counters before probing, so the steal figures cover the run since the last
        // checkpoint rather than this checkpoint's own probing.
        Map<Integer, CpuTicks> ticks = CpuTicks.read();
        String wallTime = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<NoiseCheckpoint.CpuNoise> figures = new ArrayList<>();
        for (int cpu : cpus) {
            CpuProbe.Result probe = CpuProbe.run(cpu);
            CpuTicks now = ticks.get(cpu);
            CpuTicks before = previousTicks.get(cpu);
            boolean measured = now != null && before != null;
            figures.add(new NoiseCheckpoint.CpuNoise(cpu, round(probe.minMicros(), 10), round(probe.medianMicros(), 10),
                    measured ? round(now.stealPercentSince(before), 100) : null,
                    measured ? round(now.busyPercentSince(before), 100) : null,
                    probe.pinned(), probe.unpinnedReason()));
        }
        previousTicks = ticks;
        NoiseCheckpoint checkpoint = new NoiseCheckpoint(label, wallTime, figures);
        checkpoints.add(checkpoint);
        return checkpoint;
    }

    /** Every checkpoint so far, with drift and steal derived. */
    public MachineNoise result() {
        return MachineNoise.of(checkpoints);
    }

    /** Keeps summary.json readable: a tenth of a microsecond, a hundredth of a percent. */
    private static Double round(Double value, int perUnit) {
        return value == null ? null : Math.round(value * perUnit) / (double) perUnit;
    }
}
