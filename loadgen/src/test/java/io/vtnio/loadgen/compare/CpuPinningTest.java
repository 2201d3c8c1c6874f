package io.vtnio.loadgen.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuPinningTest {

    @Test
    void linuxCpuListsAreParsed() {
        assertEquals(List.of(0, 1, 2, 3, 6), CpuPinning.parseCpuList("0-3,6"));
        assertEquals(List.of(1), CpuPinning.parseCpuList("1\n"));
        assertEquals(List.of(), CpuPinning.parseCpuList(null));
        assertEquals(List.of(), CpuPinning.parseCpuList("x-y"));
    }

    @Test
    void withoutPinningCommandsRunAsTheyAre() {
        CpuPinning none = CpuPinning.detect(false);
        assertFalse(none.pinned());
        assertTrue(none.description().contains("--no-pin"));
        assertEquals(List.of("java", "-version"), none.server(List.of("java", "-version")));
    }

    @Test
    void pinnedCommandsRunUnderTasksetOnDisjointCpus() {
        CpuPinning pinning = CpuPinning.detect(true);
        if (!pinning.pinned()) {
            return;
        }
        List<String> server = pinning.server(List.of("java"));
        List<String> generator = pinning.generator(List.of("java"));
        assertTrue(server.getFirst().endsWith("taskset"));
        assertEquals("-c", server.get(1));
        List<Integer> serverCpus = CpuPinning.parseCpuList(server.get(2));
        List<Integer> generatorCpus = CpuPinning.parseCpuList(generator.get(2));
        assertFalse(serverCpus.isEmpty() || generatorCpus.isEmpty());
        assertTrue(serverCpus.stream().noneMatch(generatorCpus::contains), "disjoint CPUs");
    }
}
