package io.vtnio.conformance;

import io.vtnio.core.ServerFactory;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The graceful-stop race, run again and again: the rule "SIGTERM under load answers every message
 * the server read" once failed now and then on a busy machine (a stopping connection closed after
 * a quiet second; a client stalled that long wrote into the closed socket and lost its unread
 * replies to the reset). A server's test extends this to run the rule
 * {@code -Dvtnio.stress.stopRace=N} times in a row, each a fresh forked server; without the
 * property the class is skipped, so the suite never pays for it. {@code scripts/stop-race-stress.sh}
 * runs it for vt, pt and nio with CPU burners beside it.
 *
 * <p>Threading: JUnit runs the repetitions one after another.
 */
@EnabledIfSystemProperty(named = "vtnio.stress.stopRace", matches = "[1-9][0-9]*",
        disabledReason = "a stress run: -Dvtnio.stress.stopRace=N (scripts/stop-race-stress.sh)")
public abstract class StopRaceStress {

    /** The server under stress. */
    protected abstract ServerFactory factory();

    @TestFactory
    Stream<DynamicTest> sigtermUnderLoadAgainAndAgain() {
        int times = Integer.getInteger("vtnio.stress.stopRace", 0);
        // The rule's family, not inherited: its other rules must not run here a second time.
        ProcessFaultRules rules = new ProcessFaultRules() {
            @Override
            protected ServerFactory factory() {
                return StopRaceStress.this.factory();
            }
        };
        return IntStream.rangeClosed(1, times).mapToObj(run -> DynamicTest.dynamicTest("run " + run + " of " + times,
                () -> {
                    try {
                        rules.sigtermUnderLoadAnswersEveryMessageTheServerReadInOrderBeforeAnOrderlyClose();
                    } finally {
                        rules.closeResources();
                    }
                }));
    }
}
