package io.vtnio.nio;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The timers of one event loop (accept back-off, linger after an error reply). The loop sleeps
 * in {@code select} no longer than {@link #nanosUntilNext} so that due timers run on time;
 * there is no timer thread.
 *
 * <p>Threading: confined to the loop thread, like everything the loop owns.
 */
final class LoopTimer {

    /** A scheduled action; cancelling only marks it so that removal stays O(1). */
    static final class Timeout {
        private final long deadlineNanos;
        private final Runnable action;
        private boolean cancelled;

        private Timeout(long deadlineNanos, Runnable action) {
            this.deadlineNanos = deadlineNanos;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Timeout> timeouts =
            new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));

    Timeout schedule(long delayNanos, Runnable action) {
        Timeout timeout = new Timeout(System.nanoTime() + delayNanos, action);
        timeouts.add(timeout);
        return timeout;
    }

    /** Nanoseconds until the earliest live timer is due, 0 if one is due now, -1 if none. */
    long nanosUntilNext(long nowNanos) {
        Timeout first;
        while ((first = timeouts.peek()) != null && first.cancelled) {
            timeouts.poll();
        }
        return first == null ? -1 : Math.max(0, first.deadlineNanos - nowNanos);
    }

    /** Runs every timer due at {@code nowNanos}; an action's failure is the caller's to log. */
    void runDue(long nowNanos, Consumer<Runnable> runner) {
        Timeout first;
        while ((first = timeouts.peek()) != null && (first.cancelled || first.deadlineNanos - nowNanos <= 0)) {
            timeouts.poll();
            if (!first.cancelled) {
                runner.accept(first.action);
            }
        }
    }
}
