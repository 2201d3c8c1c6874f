package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code load --phases}: what a timetable may be. Its run against a server that falls behind is
 * compare's {@code OverloadTimetableTest}, against the real selector server: this module's test
 * server, one message at a time behind a fair lock, stalled for seconds once overloaded.
 */
class PhasesLoadTest {

    @Test
    @Timeout(20)
    void aTimetableIsCheckedAndSetsTheRateAndTheTimeAlone() {
        CommandRun.load(9, "--phases", "1000:1s,2000:1.5s").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s,fast:1s").assertExit(2);
        CommandRun.load(9, "--phases", "1000").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s", "--rate", "1000").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s", "--duration", "5s").assertExit(2);
        CommandRun.load(9, "--phases", "1000:1s", "--rates", "1000,2000").assertExit(2);
        CommandRun run = CommandRun.load(9, "--phases", "1000:1s", "--mode", "chat").assertExit(2);
        assertTrue(run.err().contains("--phases applies to echo, hello and http"), run::toString);
    }
}
