package io.vtnio.nio;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server's graceful stop, the selector way: the acceptors close on loop 0 first, so no
 * hand-off can be queued behind what follows; then every loop stops reading, moving each of its
 * connections to FINISHING ({@link EventLoop#stopReading}); once all have, every loop settles its
 * connections and counts a latch down once none is left ({@link EventLoop#settleDrain}); the
 * stopping thread waits on that latch until the deadline, then ends the loops, which closes
 * whatever is still open, and the workers.
 *
 * <p>Threading: {@link #run} from the one thread that stops the server (never a loop thread).
 */
final class GracefulStop {

    private final List<EventLoop> loops;
    private final List<Acceptor> acceptors;
    private final WorkerPool workers;
    private final Duration forcedStopWait;

    /** @param forcedStopWait how long ending the loops may take ({@link io.vtnio.core.ConnectionPolicy#forcedStopWait}) */
    GracefulStop(List<EventLoop> loops, List<Acceptor> acceptors, WorkerPool workers, Duration forcedStopWait) {
        this.loops = List.copyOf(loops);
        this.acceptors = List.copyOf(acceptors);
        this.workers = workers;
        this.forcedStopWait = forcedStopWait;
    }

    /** Drains until every connection owes nothing or {@code deadlineNanos} comes, then ends everything. */
    void run(long deadlineNanos) throws InterruptedException {
        try {
            if (!loops.isEmpty()) {
                drain(deadlineNanos);
            }
        } finally {
            endLoops();
        }
    }

    private void drain(long deadlineNanos) throws InterruptedException {
        EventLoop first = loops.get(0);
        try {
            first.call(() -> {
                acceptors.forEach(Acceptor::closeNow);
                return null;
            });
        } catch (IOException e) {
            return; // loop 0 is not answering; ending the loops closes everything they can
        }
        // Two halves, so that chat lines read before the stop on one loop still reach the members
        // of every other: no loop settles (closes, lingers) until every loop has stopped reading.
        CountDownLatch stoppedReading = new CountDownLatch(loops.size());
        for (EventLoop loop : loops) {
            loop.execute(() -> {
                loop.stopReading(deadlineNanos);
                stoppedReading.countDown();
            });
        }
        stoppedReading.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        CountDownLatch drained = new CountDownLatch(loops.size());
        for (EventLoop loop : loops) {
            loop.execute(() -> loop.settleDrain(drained));
        }
        drained.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Closes whatever is left, ends the loops, then the workers; safe to call more than once. */
    void endLoops() throws InterruptedException {
        for (EventLoop loop : loops) {
            loop.execute(loop::shutdown);
        }
        long deadlineNanos = System.nanoTime() + forcedStopWait.toNanos();
        for (EventLoop loop : loops) {
            loop.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        if (workers != null) {
            workers.shutdownNow(deadlineNanos - System.nanoTime());
        }
    }
}
