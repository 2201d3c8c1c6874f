package io.vtnio.compare.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WindowLoadTest {

    @Test
    void networkWorkChargedToNoTaskIsNotForeign() {
        // An idle round: CPU 25% busy, 22 of it softirq while the CPU was otherwise idle; the server 2%, compare 1%.
        assertEquals(2.0, WindowLoad.foreignPct(25.0, 22.0, 2.0, 1.0), 1e-9);
    }

    @Test
    void aProcessBesideASaturatedServerShowsWithTheInterruptsTheServerWasChargedWith() {
        // A burner took 40% of the server's CPU; the server's 60% include its own softirq (25% of the CPU).
        assertEquals(39.0, WindowLoad.foreignPct(100.0, 25.0, 60.0, 1.0), 1e-9);
    }

    @Test
    void aQuietSaturatedRoundHasAlmostNoForeignLoad() {
        assertEquals(1.0, WindowLoad.foreignPct(97.0, 25.0, 95.0, 1.0), 1e-9);
        assertEquals(0.0, WindowLoad.foreignPct(90.0, 25.0, 95.0, 1.0), 1e-9, "never below 0");
    }

    @Test
    void withoutInterruptFiguresAllUnaccountedBusyTimeIsForeign() {
        assertEquals(20.0, WindowLoad.foreignPct(25.0, null, 2.0, 3.0), 1e-9);
        assertEquals(23.0, WindowLoad.foreignPct(25.0, null, 2.0, null), 1e-9);
        assertNull(WindowLoad.foreignPct(null, 5.0, 2.0, 1.0));
        assertNull(WindowLoad.foreignPct(25.0, 5.0, null, 1.0));
    }
}
