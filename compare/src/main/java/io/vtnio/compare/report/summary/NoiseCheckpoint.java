package io.vtnio.compare.report.summary;

import java.util.List;

/**
 * How fast and how disturbed each probed CPU was at one moment of a comparison: {@code compare}
 * takes one before the runs, one after each scenario and one after the runs, and
 * {@link MachineNoise} compares them.
 *
 * @param label    when it was taken, e.g. {@code before}, {@code after echo-peak}, {@code after}
 * @param wallTime ISO-8601 instant, e.g. {@code 2025-06-01T12:00:03.120Z}
 * @param cpus     one entry per probed CPU, in CPU order
 */
public record NoiseCheckpoint(String label, String wallTime, List<CpuNoise> cpus) {

    public NoiseCheckpoint {
        cpus = List.copyOf(cpus);
    }

    /**
     * One CPU at one checkpoint.
     *
     * @param cpu               Linux CPU number
     * @param probeMinMicros    the fastest of the fixed CPU probe's repetitions, in microseconds:
     *                          the same work every time, so a larger figure means a slower CPU
     * @param probeMedianMicros the median of those repetitions, in microseconds
     * @param stealPercent      percent of this CPU's time since the previous checkpoint that the
     *                          hypervisor gave to another guest; null at the first checkpoint or
     *                          without {@code /proc/stat}
     * @param busyPercent       percent of that time spent running something (not idle, not waiting
     *                          for I/O, not stolen); null like {@code stealPercent}
     * @param pinned            whether the probe ran pinned to this CPU; if not, its figures are for
     *                          whichever CPU ran it
     * @param unpinnedReason    why it was not pinned, e.g. {@code taskset not found}; null when pinned
     */
    public record CpuNoise(
            int cpu,
            double probeMinMicros,
            double probeMedianMicros,
            Double stealPercent,
            Double busyPercent,
            boolean pinned,
            String unpinnedReason) {
    }

    /** The entry of {@code cpu}, or null when it was not probed. */
    public CpuNoise cpu(int cpu) {
        for (CpuNoise noise : cpus) {
            if (noise.cpu() == cpu) {
                return noise;
            }
        }
        return null;
    }
}
