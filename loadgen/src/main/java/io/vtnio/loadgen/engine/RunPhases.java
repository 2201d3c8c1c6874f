package io.vtnio.loadgen.engine;

/**
 * The timeline of one run as the reporter decides it and the loops follow it:
 * connect phase, then traffic from {@code trafficStartNs} (warm-up, then measurement), no new
 * requests from {@code stopSendingNs}, and outstanding replies waited for until
 * {@code drainDeadlineNs}. Until the reporter sets them the times are {@link Long#MAX_VALUE}.
 * With a fixed warm-up the reporter plans the whole timeline at once; with {@code --warmup auto}
 * it starts traffic with no end and sets the end ({@link #planStop}) once the run is steady.
 *
 * <p>Threading: written by the reporter thread, read by every loop thread through volatile
 * fields (a loop reads them once per iteration); after writing, the reporter wakes the loops.
 */
public final class RunPhases {

    private volatile long trafficStartNs = Long.MAX_VALUE;
    private volatile long stopSendingNs = Long.MAX_VALUE;
    private volatile long drainDeadlineNs = Long.MAX_VALUE;
    private volatile boolean aborted;
    private final RateChanges rateChanges = new RateChanges();

    /** Sets the whole timeline at once; stop and deadline are written before the start. */
    public void plan(long trafficStartNs, long stopSendingNs, long drainDeadlineNs) {
        this.drainDeadlineNs = drainDeadlineNs;
        this.stopSendingNs = stopSendingNs;
        this.trafficStartNs = trafficStartNs;
    }

    /** Sets the end of a run whose traffic has started; the deadline is written before the stop. */
    public void planStop(long stopSendingNs, long drainDeadlineNs) {
        this.drainDeadlineNs = drainDeadlineNs;
        this.stopSendingNs = stopSendingNs;
    }

    /** Where an open-model run changes its rate (a sweep's steps); none in a run at one rate. */
    public RateChanges rateChanges() {
        return rateChanges;
    }

    /** Ends the run at once: loops close their connections without waiting for replies. */
    public void abort() {
        aborted = true;
    }

    long trafficStartNs() {
        return trafficStartNs;
    }

    long stopSendingNs() {
        return stopSendingNs;
    }

    long drainDeadlineNs() {
        return drainDeadlineNs;
    }

    boolean aborted() {
        return aborted;
    }
}
