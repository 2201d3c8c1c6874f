package io.vtnio.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's small parts on their own: schedule, timers, outstanding ring, message formats. */

/** Reporting ticks of a run and the shard arithmetic of split runs. */
class TicksAndShardsTest {
    @Test
    void ticksFallOnWholeSecondsWarmupEndAndStop() {
        long start = 1_000;
        long measure = start + 1_500_000_000L;
        long stop = measure + 2_000_000_000L;
        List<Long> ticks = new ArrayList<>();
        long at = start;
        while (at < stop) {
            at = LoadRun.nextTick(at, start, measure, stop);
            ticks.add(at - start);
        }
        assertEquals(List.of(1_000_000_000L, 1_500_000_000L, 2_000_000_000L, 3_000_000_000L, 3_500_000_000L), ticks);
    }
    @Test
    void shardsParseAndRejectNonsense() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        for (String bad : List.of("4/4", "-1/2", "1", "a/b", "0/0")) {
            try {
                Shard.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("INDEX/COUNT"), expected.getMessage());
            }
        }
    }
}
