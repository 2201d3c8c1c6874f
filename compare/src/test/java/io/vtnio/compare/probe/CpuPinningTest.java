package io.vtnio.compare.probe;

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
    void cpuListsAreWrittenBackInLinuxFormat() {
        assertEquals("0-3,8-11", CpuPinning.ranges(List.of(0, 1, 2, 3, 8, 9, 10, 11)));
        assertEquals("1", CpuPinning.ranges(List.of(1)));
        assertEquals("0-1,5", CpuPinning.ranges(List.of(0, 1, 5)));
        assertEquals("CPUs 8-11", CpuPinning.describe(List.of(8, 9, 10, 11)));
    }

    @Test
    void withoutPinningCommandsRunAsTheyAre() {
        CpuPinning none = CpuPinning.none();
        assertFalse(none.pinned());
        assertEquals(List.of("java", "-version"), none.server(List.of("java", "-version")));
        assertEquals(List.of("java", "-version"), none.generator(List.of("java", "-version")));
    }

    @Test
    void pinnedCommandsRunUnderTasksetOnTheirOwnCpus() {
        CpuPinning pinning = CpuPinning.of("/usr/bin/taskset", List.of(0, 1), List.of(2, 3));
        assertTrue(pinning.pinned());
        assertEquals(List.of("/usr/bin/taskset", "-c", "2,3", "java"), pinning.server(List.of("java")));
        assertEquals(List.of("/usr/bin/taskset", "-c", "0,1", "java"), pinning.generator(List.of("java")));
    }
}
