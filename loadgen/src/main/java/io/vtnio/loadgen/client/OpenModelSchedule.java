package io.vtnio.loadgen.client;

/**
 * When one connection of the open model sends: at {@code startNs + k * intervalNs} for
 * k = 0, 1, 2, ... whatever the server does. Times come from the start and the index, never
 * from the previous send, so lateness neither accumulates nor shifts later sends; a late sender
 * sends at once and keeps the schedule (never skips, never reschedules), which is what keeps
 * the latency measured from these times free of coordinated omission.
 *
 * <p>Threading: not thread-safe; owned by one connection on its loop thread.
 */
public final class OpenModelSchedule {

    private final long startNs;
    private final double intervalNs;
    private long index;

    /**
     * @param startNs    time of the first send ({@link System#nanoTime} clock)
     * @param intervalNs time between two sends, greater than 0
     */
    public OpenModelSchedule(long startNs, double intervalNs) {
        if (!(intervalNs > 0)) {
            throw new IllegalArgumentException("intervalNs must be positive: " + intervalNs);
        }
        this.startNs = startNs;
        this.intervalNs = intervalNs;
    }

    /**
     * A schedule for one of {@code senders} senders sharing {@code totalRatePerSec}, staggered
     * so that sender {@code senderIndex} starts {@code senderIndex / totalRatePerSec} after
     * {@code epochNs} and the senders together send evenly.
     */
    public static OpenModelSchedule staggered(long epochNs, double totalRatePerSec, int senders, int senderIndex) {
        double intervalNs = 1e9 * senders / totalRatePerSec;
        long phaseNs = (long) (1e9 * senderIndex / totalRatePerSec);
        return new OpenModelSchedule(epochNs + phaseNs, intervalNs);
    }

    /** The scheduled time of the next send. */
    public long nextNs() {
        return startNs + (long) (index * intervalNs);
    }

    /** Moves to the send after {@link #nextNs}. */
    public void advance() {
        index++;
    }

    /**
     * Moves past every send scheduled before {@code beforeNs}, as when the sender was down then;
     * returns how many were passed over (0 or more).
     */
    public long skipBefore(long beforeNs) {
        long from = index;
        if (nextNs() < beforeNs) {
            // One step short of the estimate, so rounding can never make it skip a send that is still due.
            index = Math.max(index, (long) ((beforeNs - startNs) / intervalNs) - 1);
            while (nextNs() < beforeNs) {
                index++;
            }
        }
        return index - from;
    }
}
