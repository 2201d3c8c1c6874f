package io.vtnio.compare.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.summary.RoundCheck;
import org.junit.jupiter.api.Test;

class RoundValidityTest {

    @Test
    void aSaturatedSteadyPeakOnQuietCpusCounts() {
        RoundCheck check = RoundValidity.judge(true, true, true, 2.0, 94.0, 71.0, 2.5, 3.0);
        assertNull(check.leftOut());
        assertTrue(check.counts(true));
        assertEquals(94.0, check.serverBusyPct());
    }

    @Test
    void aPeakWhoseServerWasNotSaturatedCountsForItsCpuButNotItsThroughput() {
        RoundCheck generatorBound = RoundValidity.judge(true, true, true, 2.0, 58.0, 97.0, 1.0, 2.0);
        assertEquals("generator-bound: server 58.0% busy, generator 97%", generatorBound.leftOut());
        assertFalse(generatorBound.counts(true));
        assertTrue(generatorBound.counts(false), "its CPU per reply still measured the server");
        RoundCheck neither = RoundValidity.judge(true, true, true, 2.0, 68.0, 70.0, 1.0, 2.0);
        assertEquals("server not saturated: server 68.0% busy, generator 70%", neither.leftOut());
        assertNull(RoundValidity.judge(false, true, true, 2.0, 30.0, 40.0, 1.0, 1.0).leftOut(),
                "an open loop or a waiting backend need not saturate anything");
    }

    @Test
    void foreignLoadOnEitherSideLeavesTheRoundOutOfEveryVerdict() {
        RoundCheck server = RoundValidity.judge(false, true, true, 2.0, 30.0, 50.0, 31.0, 2.0);
        assertEquals("machine busy: other processes took 31% of the server's CPUs", server.leftOut());
        assertFalse(server.counts(false));
        RoundCheck generator = RoundValidity.judge(true, true, true, 2.0, 95.0, 50.0, 2.0, 12.0);
        assertEquals("machine busy: other processes took 12% of the generator's CPUs", generator.leftOut());
        assertFalse(generator.counts(false));
        assertNull(RoundValidity.judge(false, true, true, 2.0, 30.0, 50.0, RoundValidity.MOST_FOREIGN_PCT, 0.0)
                .leftOut(), "up to the bound is allowed");
    }

    @Test
    void aRunThatNeverGotSteadyIsLeftOutAndEveryFailedRuleIsNamed() {
        RoundCheck check = RoundValidity.judge(true, false, true, 2.0, 40.0, 60.0, 25.0, 1.0);
        assertEquals("machine busy: other processes took 25% of the server's CPUs, not steady: the warm-up reached "
                + "its bound", check.leftOut());
        assertFalse(check.throughputOnly());
        assertNull(RoundValidity.judge(false, null, true, 2.0, 40.0, 60.0, 1.0, 1.0).leftOut(),
                "a warm-up fixed by hand is not judged");
    }

    @Test
    void unpinnedServerAndGeneratorShareTheCpusSoTheirSumIsWhatSaturates() {
        assertNull(RoundValidity.judge(true, true, false, 2.0, 55.0, 40.0, 2.0, 2.0).leftOut());
        RoundCheck check = RoundValidity.judge(true, true, false, 2.0, 40.0, 30.0, 2.0, 2.0);
        assertEquals("CPUs not saturated: server 40.0% busy, generator 30%", check.leftOut());
        assertEquals("machine busy: other processes took 20% of the CPUs",
                RoundValidity.judge(false, true, false, 2.0, 40.0, 30.0, 20.0, 20.0).leftOut());
    }

    @Test
    void unknownFiguresFailNoRule() {
        assertNull(RoundValidity.judge(true, true, true, null, null, null, null, null).leftOut());
    }
}
