package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deadlines are {@code System.nanoTime()} at scheduling plus the delay, so each test notes the
 * clock before and after scheduling and asks about instants hours apart: nothing depends on how
 * fast the machine is.
 */
class LoopTimerTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private final LoopTimer timer = new LoopTimer();
    private final List<String> ran = new ArrayList<>();

    private Runnable record(String name) {
        return () -> ran.add(name);
    }

    @Test
    void noTimerMeansNoDeadline() {
        assertEquals(-1, timer.nanosUntilNext(System.nanoTime()));
    }

    @Test
    void nanosUntilNextCountsDownToTheEarliestDeadline() {
        long before = System.nanoTime();
        timer.schedule(2 * HOUR, record("later"));
        timer.schedule(HOUR, record("sooner"));
        long after = System.nanoTime();

        long untilNext = timer.nanosUntilNext(before);
        assertTrue(untilNext >= HOUR && untilNext <= HOUR + (after - before), "until next: " + untilNext);
    }

    @Test
    void aDueTimerIsZeroNanosAwayNeverNegative() {
        timer.schedule(HOUR, record("a"));
        long after = System.nanoTime();

        assertEquals(0, timer.nanosUntilNext(after + HOUR));
        assertEquals(0, timer.nanosUntilNext(after + 5 * HOUR));
    }

    @Test
    void runDueRunsOnlyDueTimersInDeadlineOrder() {
        long before = System.nanoTime();
        timer.schedule(3 * HOUR, record("third"));
        timer.schedule(HOUR, record("first"));
        timer.schedule(5 * HOUR, record("not due"));
        timer.schedule(2 * HOUR, record("second"));
        long after = System.nanoTime();

        timer.runDue(after + HOUR, Runnable::run);
        assertEquals(List.of("first"), ran);

        timer.runDue(after + 3 * HOUR, Runnable::run);
        assertEquals(List.of("first", "second", "third"), ran);

        long untilNext = timer.nanosUntilNext(before + 3 * HOUR);
        assertTrue(untilNext >= 2 * HOUR, "the undue timer is still waiting: " + untilNext);
    }

    @Test
    void aTimerRunsOnlyOnce() {
        timer.schedule(HOUR, record("once"));
        long after = System.nanoTime();

        timer.runDue(after + HOUR, Runnable::run);
        timer.runDue(after + 2 * HOUR, Runnable::run);

        assertEquals(List.of("once"), ran);
        assertEquals(-1, timer.nanosUntilNext(after + 2 * HOUR));
    }

    @Test
    void runDueHandsEachActionToTheRunner() {
        timer.schedule(HOUR, record("a"));
        timer.schedule(HOUR + 1, record("b"));
        long after = System.nanoTime();
        List<Runnable> handed = new ArrayList<>();

        timer.runDue(after + 2 * HOUR, handed::add);

        assertEquals(2, handed.size());
        assertTrue(ran.isEmpty(), "the runner decides whether and how to run");
    }

    @Test
    void aCancelledTimerNeverRuns() {
        LoopTimer.Timeout cancelled = timer.schedule(HOUR, record("cancelled"));
        timer.schedule(2 * HOUR, record("kept"));
        long after = System.nanoTime();

        cancelled.cancel();
        timer.runDue(after + 3 * HOUR, Runnable::run);

        assertEquals(List.of("kept"), ran);
    }

    @Test
    void nanosUntilNextSkipsCancelledTimers() {
        long before = System.nanoTime();
        LoopTimer.Timeout sooner = timer.schedule(HOUR, record("sooner"));
        timer.schedule(4 * HOUR, record("later"));

        sooner.cancel();

        assertTrue(timer.nanosUntilNext(before) >= 4 * HOUR);
    }

    @Test
    void cancellingEveryTimerLeavesNoDeadline() {
        LoopTimer.Timeout a = timer.schedule(HOUR, record("a"));
        LoopTimer.Timeout b = timer.schedule(2 * HOUR, record("b"));

        a.cancel();
        b.cancel();

        assertEquals(-1, timer.nanosUntilNext(System.nanoTime()));
        timer.runDue(System.nanoTime() + 3 * HOUR, Runnable::run);
        assertTrue(ran.isEmpty());
    }

    @Test
    void aTimerScheduledWithoutDelayIsDueAtOnce() {
        timer.schedule(0, record("now"));
        long after = System.nanoTime();

        assertEquals(0, timer.nanosUntilNext(after));
        timer.runDue(after, Runnable::run);
        assertEquals(List.of("now"), ran);
    }

    @Test
    void aTimerDueExactlyNowRuns() {
        timer.schedule(HOUR, record("due"));
        long now = System.nanoTime();
        long deadline = now + timer.nanosUntilNext(now);

        timer.runDue(deadline - 1, Runnable::run);
        assertTrue(ran.isEmpty(), "one nanosecond early");
        timer.runDue(deadline, Runnable::run);
        assertEquals(List.of("due"), ran);
    }
}
