package io.vtnio.vt;

import java.time.Duration;
import java.util.List;

/**
 * A server's graceful stop, the blocking way: the ports close and the accept loops end, so no
 * connection can appear behind the stop; then the stop flag goes up, and every session sees it
 * after the read in hand, sends what it owes and closes, lingering if its client may still be
 * sending. Meanwhile the stopping thread shuts the input of sessions blocked in a read on an idle
 * connection ({@link Connection#isIdleInStop}), so they end without waiting for a byte that may
 * never come; a client still sending, or still reading its replies, is left to its session. At
 * the deadline whatever is left is closed by force and its thread interrupted.
 *
 * <p>Threading: {@link #run} from the one thread that stops the server.
 */
final class GracefulStop {

    /** How often the stop looks for sessions blocked on a silent client. */
    private static final Duration POLL = Duration.ofMillis(10);

    private final List<Acceptor> acceptors;
    private final LiveConnections connections;

    GracefulStop(List<Acceptor> acceptors, LiveConnections connections) {
        this.acceptors = List.copyOf(acceptors);
        this.connections = connections;
    }

    /** Drains until every connection has closed or {@code deadlineNanos} comes, then closes the rest. */
    void run(long deadlineNanos) throws InterruptedException {
        try {
            acceptors.forEach(Acceptor::close);
            for (Acceptor acceptor : acceptors) {
                acceptor.awaitExit();
            }
            connections.beginStop(deadlineNanos);
            if (!awaitClosed(deadlineNanos)) {
                forceClose();
                awaitThreads(System.nanoTime() + connections.policy().forcedStopWait().toNanos());
            }
        } finally {
            // Reached early only if this thread was interrupted; never leave sockets behind.
            forceClose();
        }
    }

    /** @return true if every connection thread ended before {@code deadlineNanos} */
    private boolean awaitClosed(long deadlineNanos) throws InterruptedException {
        while (!connections.open().isEmpty()) {
            long nowNanos = System.nanoTime();
            if (nowNanos - deadlineNanos >= 0) {
                return false;
            }
            for (Connection connection : connections.open()) {
                if (connection.isIdleInStop(nowNanos)) {
                    connection.stopReading();
                }
            }
            Thread.sleep(Duration.ofNanos(Math.min(POLL.toNanos(), deadlineNanos - nowNanos)));
        }
        return true;
    }

    private void awaitThreads(long deadlineNanos) throws InterruptedException {
        for (Connection connection : List.copyOf(connections.open())) {
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (remainingNanos <= 0) {
                break;
            }
            Thread thread = connection.thread();
            if (thread != null) {
                thread.join(Duration.ofNanos(remainingNanos));
            }
        }
    }

    /** Closes every connection and refusal still open and interrupts its thread, e.g. out of a sleep. */
    private void forceClose() {
        for (Connection connection : connections.open()) {
            connection.close();
            Thread thread = connection.thread();
            if (thread != null) {
                thread.interrupt();
            }
        }
        for (Refusal refusal : connections.refusals()) {
            refusal.close();
        }
    }
}
