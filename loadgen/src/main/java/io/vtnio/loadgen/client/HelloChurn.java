package io.vtnio.loadgen.client;

import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.LoopTimer;
import io.vtnio.loadgen.engine.LoopWorkload;
import io.vtnio.loadgen.engine.TargetAddresses;

/**
 * The hello workload of one loop: connection churn, each connect a {@link HelloAttempt}. Closed
 * model: {@code slots} attempts always in flight, a new one as soon as one ends (after a short
 * pause if it failed, so a dead server is not hammered in a tight loop). Open model: connects
 * start on this loop's {@link OpenModelSchedule} whatever the server does, and latency counts
 * from the scheduled start; but never more than {@code slots} at once. A connect that falls due
 * while every slot waits on the server starts when one frees, its latency still counted from its
 * scheduled time (so the wait is in the figures, free of coordinated omission, as wrk2 does with
 * its connections). Unbounded, a server that stalled for a second at 8,000 connects a second left
 * thousands of connects in flight; the generator ran out of descriptors and spent its CPU failing
 * the connects that fell due after, and never caught up.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
public final class HelloChurn extends LoopTimer implements LoopWorkload {

    /** Pause before a closed-model slot tries again after a failed attempt. */
    static final long RETRY_PAUSE_NS = 10_000_000L;

    private final ClientLoop loop;
    private final TargetAddresses addresses;
    private final byte[] greeting;
    private final int slots;
    private final double ratePerSec;
    private final int loops;
    private OpenModelSchedule schedule;
    private boolean sending;
    private boolean firstSettled;
    private int retriesDue;
    private long attempts;

    /**
     * @param slots      attempts in flight on this loop: always (closed model), at most (open model)
     * @param ratePerSec open model: connects per second over all loops of this process; 0 for closed
     * @param loops      loops of this process, to stagger their schedules
     */
    public HelloChurn(ClientLoop loop, TargetAddresses addresses, byte[] greeting, int slots, double ratePerSec, int loops) {
        this.loop = loop;
        this.addresses = addresses;
        this.greeting = greeting;
        this.slots = slots;
        this.ratePerSec = ratePerSec;
        this.loops = loops;
    }

    @Override
    public void begin(long nowNs) {
    }

    @Override
    public boolean connectPhaseDone() {
        return firstSettled;
    }

    @Override
    public void startTraffic(long nowNs) {
        sending = true;
        if (ratePerSec > 0) {
            schedule = OpenModelSchedule.staggered(loop.trafficStartNs(), ratePerSec, loops, loop.index(),
                    loop.rateChanges());
            loop.timers().schedule(this, schedule.nextNs());
        } else {
            for (int i = 0; i < slots; i++) {
                startAttempt(nowNs, nowNs);
            }
        }
    }

    @Override
    protected void onDue(long nowNs) {
        if (!sending) {
            return;
        }
        if (schedule != null) {
            long dueNs;
            while ((dueNs = schedule.nextNs()) <= nowNs && loop.liveCount() < slots) {
                startAttempt(dueNs, nowNs);
                schedule.advance();
            }
            if (dueNs > nowNs) {
                loop.timers().schedule(this, dueNs);
            }
            // Otherwise every slot is taken: the next close frees one and starts what fell due.
        } else {
            int due = retriesDue;
            retriesDue = 0;
            for (int i = 0; i < due; i++) {
                startAttempt(nowNs, nowNs);
            }
        }
    }

    private void startAttempt(long scheduledNs, long nowNs) {
        long number = attempts++ * loops + loop.index();
        loop.connect(new HelloAttempt(loop, (int) (number & Integer.MAX_VALUE), addresses.target(number),
                addresses.bindAddress(number), greeting, scheduledNs), nowNs);
    }

    @Override
    public void stopSending(long nowNs) {
        sending = false;
        loop.timers().remove(this);
    }

    @Override
    public void onConnected(ClientConnection connection, long nowNs) {
    }

    @Override
    public void onReady(ClientConnection connection, long nowNs) {
    }

    @Override
    public void onClosed(ClientConnection connection, long nowNs) {
        firstSettled = true;
        if (!sending) {
            return;
        }
        if (schedule != null) {
            if (!isScheduled()) {
                loop.timers().schedule(this, Math.max(nowNs, schedule.nextNs()));
            }
            return;
        }
        if (((HelloAttempt) connection).succeeded()) {
            startAttempt(nowNs, nowNs);
        } else {
            retriesDue++;
            if (!isScheduled()) {
                loop.timers().schedule(this, nowNs + RETRY_PAUSE_NS);
            }
        }
    }

    @Override
    public boolean drained() {
        return loop.liveCount() == 0;
    }

    @Override
    public boolean exhausted() {
        return false;
    }

    @Override
    public void finish(long nowNs) {
        for (int i = loop.liveCount() - 1; i >= 0; i--) {
            if (i < loop.liveCount()) {
                loop.live(i).finish(nowNs);
            }
        }
    }
}
