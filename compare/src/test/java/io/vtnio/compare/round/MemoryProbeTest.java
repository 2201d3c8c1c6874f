package io.vtnio.compare.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MemoryProbeTest {

    @Test
    void theHeapInUseIsTheSumOfTheHeapLinesOfGcHeapInfoWithoutMetaspace() {
        String serial = """
                12345:
                 def new generation   total 78656K, used 1398K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)
                  eden space 69952K,   2% used [0x00000000f0000000, 0x00000000f015d8a8, 0x00000000f4450000)
                 tenured generation   total 174784K, used 40127K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)
                 Metaspace       used 21000K, committed 21504K, reserved 1114112K
                  class space    used 2500K, committed 2688K, reserved 1048576K
                """;
        assertEquals((1398L + 40127L) * 1024, MemoryProbe.heapUsedBytes(serial));
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 12345K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 21000K, committed 21504K, reserved 1114112K
                """;
        assertEquals(12345L * 1024, MemoryProbe.heapUsedBytes(g1));
        assertNull(MemoryProbe.heapUsedBytes("12345:\nCommand executed successfully\n"));
    }
}
