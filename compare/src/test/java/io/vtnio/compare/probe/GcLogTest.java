package io.vtnio.compare.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

    @TempDir
    Path dir;

    @Test
    void pausesInsideTheWindowCountButForcedOnesOnlyAsTheirOwnFigure() throws IOException {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [1000ms] Using Serial
                [1500ms] GC(0) Pause Young (Allocation Failure) 18M->3M(61M) 4.431ms
                [2000ms] GC(1) Pause Full (Diagnostic Command) 13M->3M(61M) 15.766ms
                [2500ms] GC(2) Pause Young (Allocation Failure) 20M->4M(61M) 2.5ms
                [9000ms] GC(3) Pause Young (Allocation Failure) 20M->4M(61M) 7ms
                """);
        GcLog gc = GcLog.read(log, 1200, 3000);
        assertEquals(2, gc.pauses());
        assertEquals(6.931, gc.pauseMillis(), 1e-9);
        assertEquals(15.766, gc.forcedPauseMillis(), 1e-9);
        assertEquals(2000L, gc.forcedAtMs());
        assertNull(GcLog.read(dir.resolve("none.log"), 0, 1));
    }
}
