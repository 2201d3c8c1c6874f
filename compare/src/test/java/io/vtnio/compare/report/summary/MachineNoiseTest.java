package io.vtnio.compare.report.summary;

import static io.vtnio.compare.report.NoiseFixture.checkpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.compare.report.NoiseFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineNoiseTest {

    private static final double THRESHOLD = MachineNoise.DEFAULT_DRIFT_THRESHOLD_PERCENT;

    @Test
    void aQuietMachineGetsNoWarning() {
        MachineNoise noise = NoiseFixture.quiet();
        assertEquals(List.of(), noise.warnings(THRESHOLD));
        assertEquals(2.0, noise.probeDrifts().get(0).driftPercent(), 1e-9, "25,500 vs 25,000");
        assertEquals(0.1, noise.highestStealPercent(), 1e-9);
    }

    @Test
    void driftIsTheSlowestCheckpointAgainstTheFastestPerCpu() {
        MachineNoise noise = MachineNoise.of(List.of(checkpoint("before", 20_000, 20_000, null),
                checkpoint("after echo-peak", 25_000, 20_400, 0.0), checkpoint("after", 21_000, 20_200, 0.0)));
        MachineNoise.CpuDrift cpu0 = noise.probeDrifts().get(0);
        assertEquals(new MachineNoise.CpuDrift(0, "before", 20_000, "after echo-peak", 25_000, 25.0), cpu0);
        assertEquals(2.0, noise.probeDrifts().get(1).driftPercent(), 1e-9);
    }

    @Test
    void driftAboveTheThresholdIsWarnedAboutNamingTheCpuAndThePercent() {
        MachineNoise noise = MachineNoise.of(List.of(checkpoint("before", 20_000, 20_000, null),
                checkpoint("after", 20_100, 25_000, 0.0)));
        List<String> warnings = noise.warnings(THRESHOLD);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().startsWith("CPU 1 ran the fixed probe 25% slower"), warnings.getFirst());
        assertTrue(warnings.getFirst().contains("10% threshold"), warnings.getFirst());
        assertEquals(List.of(), noise.warnings(30), "below a looser threshold");
    }

    @Test
    void stealOfAFewPercentIsWarnedAboutWithTheInterval() {
        MachineNoise noise = MachineNoise.of(List.of(checkpoint("before", 20_000, 20_000, null),
                checkpoint("after echo-peak", 20_000, 20_000, 5.0), checkpoint("after", 20_000, 20_000, 1.0)));
        List<String> warnings = noise.warnings(THRESHOLD);
        assertEquals(2, warnings.size(), "one per CPU: " + warnings);
        assertTrue(warnings.getFirst().startsWith("CPU 0 lost 5.0% of its time to steal"), warnings.getFirst());
        assertTrue(warnings.getFirst().contains("between before and after echo-peak"), warnings.getFirst());
        assertEquals(5.0, noise.highestStealPercent(), 1e-9);
    }

    @Test
    void anUnpinnedProbeIsWarnedAboutWithItsReason() {
        NoiseCheckpoint unpinned = new NoiseCheckpoint("before", "2025-06-01T12:00:03Z", List.of(
                new NoiseCheckpoint.CpuNoise(0, 20_000, 20_500, null, null, false, "taskset not found")));
        List<String> warnings = MachineNoise.of(List.of(unpinned)).warnings(THRESHOLD);
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().contains("CPU 0 (taskset not found)"), warnings.getFirst());
    }

    @Test
    void oneCheckpointHasNoDriftAndNoSteal() {
        MachineNoise noise = MachineNoise.of(List.of(checkpoint("before", 20_000, 21_000, null)));
        assertEquals(0.0, noise.probeDrifts().get(1).driftPercent());
        assertNull(noise.highestStealPercent());
        assertEquals(List.of(), noise.warnings(THRESHOLD));
    }

    @Test
    void itSurvivesTheTripThroughSummaryJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        MachineNoise noise = NoiseFixture.quiet();
        String json = mapper.writeValueAsString(noise);
        assertTrue(json.contains("\"probeMinMicros\":25000.0"), json);
        assertTrue(json.contains("\"highestStealPercent\":0.1"), json);
        assertEquals(noise, mapper.readValue(json, MachineNoise.class));
    }
}
