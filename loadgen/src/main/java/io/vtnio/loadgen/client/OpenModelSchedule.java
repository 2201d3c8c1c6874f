package io.vtnio.loadgen.client;

import io.vtnio.loadgen.engine.RateChanges;

/**
 * When one sender of the open model sends: at {@code firstNs + k * intervalNs} for k = 0, 1, 2,
 * ... whatever the server does. Times come from the start and the index, never from the previous
 * send, so lateness neither accumulates nor shifts later sends; a late sender sends at once and
 * keeps the schedule (never skips, never reschedules), which is what keeps the latency measured
 * from these times free of coordinated omission.
 *
 * <p>A sweep changes the rate ({@link RateChanges}): the first send due at or after a change's
 * time is replaced by a new segment, which starts at the change with this sender's stagger at the
 * new rate, so the senders together again send evenly.
 *
 * <p>Threading: not thread-safe; owned by one connection on its loop thread.
 */
public final class OpenModelSchedule {

    private final double baseIntervalNs;
    private final double basePhaseNs;
    private final RateChanges changes;
    private long firstNs;
    private double intervalNs;
    private int changesSeen;
    private long index;

    private OpenModelSchedule(long firstNs, double intervalNs, double phaseNs, RateChanges changes) {
        if (!(intervalNs > 0)) {
            throw new IllegalArgumentException("intervalNs must be positive: " + intervalNs);
        }
        this.firstNs = firstNs;
        this.intervalNs = intervalNs;
        this.baseIntervalNs = intervalNs;
        this.basePhaseNs = phaseNs;
        this.changes = changes;
    }

    /**
     * One sender alone at one rate.
     *
     * @param startNs    time of the first send ({@link System#nanoTime} clock)
     * @param intervalNs time between two sends, greater than 0
     */
    public OpenModelSchedule(long startNs, double intervalNs) {
        this(startNs, intervalNs, 0, new RateChanges());
    }

    /**
     * A schedule for one of {@code senders} senders sharing {@code totalRatePerSec}, staggered
     * so that sender {@code senderIndex} starts {@code senderIndex / totalRatePerSec} after
     * {@code epochNs} and the senders together send evenly; later at the rates {@code changes} set.
     */
    public static OpenModelSchedule staggered(long epochNs, double totalRatePerSec, int senders, int senderIndex,
                                              RateChanges changes) {
        double intervalNs = 1e9 * senders / totalRatePerSec;
        double phaseNs = 1e9 * senderIndex / totalRatePerSec;
        return new OpenModelSchedule(epochNs + (long) phaseNs, intervalNs, phaseNs, changes);
    }

    /** {@link #staggered(long, double, int, int, RateChanges)} at one rate throughout. */
    public static OpenModelSchedule staggered(long epochNs, double totalRatePerSec, int senders, int senderIndex) {
        return staggered(epochNs, totalRatePerSec, senders, senderIndex, new RateChanges());
    }

    /** The scheduled time of the next send. */
    public long nextNs() {
        long dueNs = firstNs + (long) (index * intervalNs);
        RateChanges.Change change;
        while ((change = changes.get(changesSeen)) != null && dueNs >= change.atNs()) {
            changesSeen++;
            intervalNs = baseIntervalNs / change.factor();
            firstNs = change.atNs() + (long) (basePhaseNs / change.factor());
            index = 0;
            dueNs = firstNs;
        }
        return dueNs;
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
        long skipped = 0;
        while (nextNs() < beforeNs) {
            if (changes.get(changesSeen) == null) {
                // No change ahead: jump, one step short of the estimate, so rounding can never
                // make it skip a send that is still due.
                long target = Math.max(index, (long) ((beforeNs - firstNs) / intervalNs) - 1);
                skipped += target - index;
                index = target;
                while (nextNs() < beforeNs) {
                    index++;
                    skipped++;
                }
                return skipped;
            }
            index++;
            skipped++;
        }
        return skipped;
    }
}
