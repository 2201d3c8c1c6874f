package io.vtnio.compare.report;

import io.vtnio.compare.report.summary.MachineNoise;
import io.vtnio.compare.report.summary.NoiseCheckpoint;
import java.util.List;

/** Synthetic checkpoints for the noise tests. */
public final class NoiseFixture {

    private NoiseFixture() {
    }

    /** A checkpoint of CPUs 0 and 1 with the given probe figures and steal (null steal at the first). */
    public static NoiseCheckpoint checkpoint(String label, double cpu0Micros, double cpu1Micros, Double stealPercent) {
        return new NoiseCheckpoint(label, "2025-06-01T12:00:03.120Z", List.of(
                new NoiseCheckpoint.CpuNoise(0, cpu0Micros, cpu0Micros * 1.02, stealPercent, 10.0, true, null),
                new NoiseCheckpoint.CpuNoise(1, cpu1Micros, cpu1Micros * 1.02, stealPercent, 80.0, true, null)));
    }

    /** Three checkpoints where nothing moved beyond 2%. */
    public static MachineNoise quiet() {
        return MachineNoise.of(List.of(checkpoint("before", 25_000, 25_100, null),
                checkpoint("after echo-peak", 25_300, 25_000, 0.1), checkpoint("after", 25_500, 25_200, 0.0)));
    }
}
