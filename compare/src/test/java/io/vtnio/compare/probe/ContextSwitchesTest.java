package io.vtnio.compare.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextSwitchesTest {

    @TempDir
    Path proc;

    @Test
    void aStatusFileGivesItsTwoCounts() {
        ContextSwitches counts = ContextSwitches.fromStatus("""
                Name:\tjava
                Threads:\t1
                voluntary_ctxt_switches:\t1234
                nonvoluntary_ctxt_switches:\t56
                """);
        assertEquals(new ContextSwitches(1234, 56), counts);
        assertNull(ContextSwitches.fromStatus("Name:\tjava\nvoluntary_ctxt_switches:\t3\n"), "one line is not enough");
    }

    @Test
    void theCountsOfEveryThreadOfTheProcessAddUp() throws IOException {
        task(42, 42, 10, 1);
        task(42, 43, 200, 20);
        task(42, 44, 3000, 300);
        task(7, 7, 99999, 99999);
        assertEquals(new ContextSwitches(3210, 321), ContextSwitches.ofProcess(proc, 42),
                "all of 42's threads, none of 7's");
        assertNull(ContextSwitches.ofProcess(proc, 1000), "a process that is gone");
    }

    @Test
    void thisProcessHasCountsInTheRealProc() {
        if (ProcFs.available()) {
            ContextSwitches own = ContextSwitches.ofProcess(Path.of("/proc"), ProcessHandle.current().pid());
            assertNotNull(own);
            assertTrue(own.voluntary() > 0, "a JVM's threads have blocked by now: " + own);
        }
    }

    @Test
    void switchesOfAWindowAreInterpolatedAtItsEdges() {
        List<ProcessSample> samples = List.of(
                new ProcessSample(1000, 0, 1, new ContextSwitches(100, 10)),
                new ProcessSample(2000, 0, 1, new ContextSwitches(1100, 20)),
                new ProcessSample(3000, 0, 1, new ContextSwitches(3100, 40)));
        double[] at = ProcessSampler.interpolate(samples, 1500,
                s -> new double[] {s.switches().voluntary(), s.switches().involuntary()});
        assertEquals(600, at[0], 1e-9);
        assertEquals(15, at[1], 1e-9);
        assertEquals(3100, ProcessSampler.interpolate(samples, 9000, s -> new double[] {s.switches().voluntary()})[0],
                1e-9, "after the last sample: the last");
    }


    private void task(long pid, long tid, long voluntary, long involuntary) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid)));
        Files.writeString(dir.resolve("status"), "Name:\tjava\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t"
                + voluntary + "\nnonvoluntary_ctxt_switches:\t" + involuntary + "\n");
    }
}
