package io.vtnio.compare.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CpuProbeTest {

    @Test
    @Timeout(10)
    void probingCpuZeroTimesTheWorkAndSaysWhetherItPinned() throws Exception {
        CpuProbe.Result result = CpuProbe.run(0);
        assertEquals(0, result.cpu());
        assertTrue(result.minMicros() > 0);
        assertTrue(result.medianMicros() >= result.minMicros());
        assertEquals(result.pinned(), result.unpinnedReason() == null, result.unpinnedReason());
        if (CpuPinning.findOnPath("taskset") == null) {
            assertEquals("taskset not found", result.unpinnedReason());
        }
    }

    @Test
    @Timeout(10)
    void aCpuThatCannotBePinnedToIsProbedUnpinnedWithTheReason() throws Exception {
        CpuProbe.Result result = CpuProbe.run(4095);
        assertFalse(result.pinned());
        assertNotNull(result.unpinnedReason());
        assertTrue(result.minMicros() > 0);
    }

    @Test
    @Timeout(10)
    void theCallersThreadKeepsItsAffinity() throws Exception {
        Path status = Path.of("/proc/thread-self/status");
        assumeTrue(Files.isReadable(status), "Linux only");
        String before = allowedCpus(status);
        CpuProbe.run(0);
        assertEquals(before, allowedCpus(status));
    }

    private static String allowedCpus(Path status) throws Exception {
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("Cpus_allowed_list:"))
                .findFirst().orElseThrow();
    }
}
