package io.vtnio.compare.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.summary.MachineNoise;
import io.vtnio.compare.report.summary.NoiseCheckpoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NoiseProbeTest {

    @Test
    void bothSidesCpusAreProbedOnceInOrder() {
        assertEquals(List.of(0, 1, 3), NoiseProbe.forCpus(List.of(3, 1), List.of(0, 1)).cpus());
    }

    @Test
    void withoutPinningAFewOfTheAllowedCpusAreProbed() {
        List<Integer> cpus = NoiseProbe.forCpus(List.of(), List.of()).cpus();
        assertFalse(cpus.isEmpty());
        assertTrue(cpus.size() <= NoiseProbe.MAX_UNPINNED_CPUS);
    }

    @Test
    @Timeout(20)
    void stealIsMeasuredFromTheSecondCheckpointOn() throws Exception {
        NoiseProbe probe = new NoiseProbe(List.of(0));
        NoiseCheckpoint before = probe.checkpoint("before");
        NoiseCheckpoint after = probe.checkpoint("after");

        assertEquals("before", before.label());
        assertTrue(before.cpu(0).probeMinMicros() > 0);
        assertNull(before.cpu(0).stealPercent(), "nothing to compare with yet");
        if (ProcFs.available()) {
            assertNotNull(after.cpu(0).stealPercent());
            assertNotNull(after.cpu(0).busyPercent());
        }
        MachineNoise noise = probe.result();
        assertEquals(List.of(before, after), noise.checkpoints());
        assertEquals(0, noise.probeDrifts().getFirst().cpu());
    }
}
