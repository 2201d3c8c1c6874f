package io.vtnio.compare.report.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How noisy the machine was over a comparison, so a reader can judge a verdict: on a shared VM
 * the same CPU can run the same code tens of percent slower from one minute to the next, and a
 * difference between servers smaller than that may be the machine's. Holds every
 * {@link NoiseCheckpoint} and the figures derived from them (kept as fields so they appear in
 * {@code summary.json}); build it with {@link #of}.
 *
 * <pre>{@code
 * MachineNoise noise = MachineNoise.of(checkpoints);
 * noise.warnings(MachineNoise.DEFAULT_DRIFT_THRESHOLD_PERCENT).forEach(System.out::println);
 * }</pre>
 *
 * <p>Threading: immutable.
 *
 * @param checkpoints         in the order they were taken
 * @param probeDrifts         per probed CPU, in CPU order, how far its probe drifted
 * @param highestStealPercent the highest steal share of any CPU between any two checkpoints, in
 *                            percent; null when steal was never measured
 */
public record MachineNoise(List<NoiseCheckpoint> checkpoints, List<CpuDrift> probeDrifts, Double highestStealPercent) {

    /** The drift threshold {@code compare} warns above unless told otherwise. */
    public static final double DEFAULT_DRIFT_THRESHOLD_PERCENT = 10.0;

    /** Steal above this share of a CPU's time between two checkpoints gets a warning. */
    public static final double STEAL_WARNING_PERCENT = 2.0;

    public MachineNoise {
        checkpoints = List.copyOf(checkpoints);
        probeDrifts = List.copyOf(probeDrifts);
    }

    /**
     * How much slower one CPU ran the fixed probe at its slowest checkpoint than at its fastest
     * (comparing each checkpoint's fastest repetition).
     *
     * @param cpu           Linux CPU number
     * @param fastestLabel  the checkpoint where it was fastest
     * @param fastestMicros its fastest repetition there, in microseconds
     * @param slowestLabel  the checkpoint where it was slowest
     * @param slowestMicros its fastest repetition there, in microseconds
     * @param driftPercent  (slowest - fastest) / fastest, in percent; 0 with one checkpoint
     */
    public record CpuDrift(int cpu, String fastestLabel, double fastestMicros, String slowestLabel,
            double slowestMicros, double driftPercent) {
    }

    /** Derives drift and steal from {@code checkpoints}, taken in this order. */
    public static MachineNoise of(List<NoiseCheckpoint> checkpoints) {
        List<CpuDrift> drifts = new ArrayList<>();
        for (int cpu : probedCpus(checkpoints)) {
            NoiseCheckpoint fastest = null;
            NoiseCheckpoint slowest = null;
            for (NoiseCheckpoint checkpoint : checkpoints) {
                NoiseCheckpoint.CpuNoise noise = checkpoint.cpu(cpu);
                if (noise == null) {
                    continue;
                }
                if (fastest == null || noise.probeMinMicros() < fastest.cpu(cpu).probeMinMicros()) {
                    fastest = checkpoint;
                }
                if (slowest == null || noise.probeMinMicros() > slowest.cpu(cpu).probeMinMicros()) {
                    slowest = checkpoint;
                }
            }
            double fastestMicros = fastest.cpu(cpu).probeMinMicros();
            double slowestMicros = slowest.cpu(cpu).probeMinMicros();
            double drift = fastestMicros > 0 ? 100.0 * (slowestMicros - fastestMicros) / fastestMicros : 0;
            drifts.add(new CpuDrift(cpu, fastest.label(), fastestMicros, slowest.label(), slowestMicros, drift));
        }
        Double highestSteal = null;
        for (NoiseCheckpoint checkpoint : checkpoints) {
            for (NoiseCheckpoint.CpuNoise noise : checkpoint.cpus()) {
                if (noise.stealPercent() != null && (highestSteal == null || noise.stealPercent() > highestSteal)) {
                    highestSteal = noise.stealPercent();
                }
            }
        }
        return new MachineNoise(checkpoints, drifts, highestSteal);
    }

    /**
     * One plain-English sentence per sign that the machine, not the servers, may explain a
     * difference: a CPU whose probe drifted more than {@code thresholdPercent} (0 or more), a CPU
     * that lost more than {@value #STEAL_WARNING_PERCENT}% of its time to steal, a CPU the probe
     * could not pin to. Empty when the machine was quiet.
     */
    public List<String> warnings(double thresholdPercent) {
        List<String> warnings = new ArrayList<>();
        for (CpuDrift drift : probeDrifts) {
            if (drift.driftPercent() > thresholdPercent) {
                warnings.add(String.format(Locale.ROOT, "CPU %d ran the fixed probe %.0f%% slower at its slowest "
                        + "checkpoint (%s) than at its fastest (%s), more than the %.0f%% threshold: differences "
                        + "smaller than that may be the machine, not the servers.", drift.cpu(), drift.driftPercent(),
                        drift.slowestLabel(), drift.fastestLabel(), thresholdPercent));
            }
        }
        for (int cpu : probedCpus(checkpoints)) {
            stealWarning(cpu).ifPresent(warnings::add);
        }
        unpinnedReasons().forEach((cpu, reason) -> warnings.add(String.format(Locale.ROOT,
                "The probe could not pin itself to CPU %d (%s), so its figures for CPU %d are for whichever "
                        + "CPU ran it.", cpu, reason, cpu)));
        return warnings;
    }

    /** The worst interval of {@code cpu} when its steal was above the limit. */
    private Optional<String> stealWarning(int cpu) {
        int worst = -1;
        double worstSteal = STEAL_WARNING_PERCENT;
        for (int i = 1; i < checkpoints.size(); i++) {
            NoiseCheckpoint.CpuNoise noise = checkpoints.get(i).cpu(cpu);
            if (noise != null && noise.stealPercent() != null && noise.stealPercent() > worstSteal) {
                worst = i;
                worstSteal = noise.stealPercent();
            }
        }
        if (worst < 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "CPU %d lost %.1f%% of its time to steal (the "
                + "hypervisor running other guests) between %s and %s, more than %.0f%%: the VM did not have "
                + "the whole CPU.", cpu, worstSteal, checkpoints.get(worst - 1).label(), checkpoints.get(worst).label(),
                STEAL_WARNING_PERCENT));
    }

    /** The first reason each CPU could not be pinned, by CPU. */
    private Map<Integer, String> unpinnedReasons() {
        Map<Integer, String> reasons = new LinkedHashMap<>();
        for (NoiseCheckpoint checkpoint : checkpoints) {
            for (NoiseCheckpoint.CpuNoise noise : checkpoint.cpus()) {
                if (!noise.pinned()) {
                    reasons.putIfAbsent(noise.cpu(), noise.unpinnedReason() == null ? "no reason given"
                            : noise.unpinnedReason());
                }
            }
        }
        return reasons;
    }

    /** Every CPU probed at any checkpoint, in order. */
    public static TreeSet<Integer> probedCpus(List<NoiseCheckpoint> checkpoints) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (NoiseCheckpoint checkpoint : checkpoints) {
            checkpoint.cpus().forEach(noise -> cpus.add(noise.cpu()));
        }
        return cpus;
    }
}
