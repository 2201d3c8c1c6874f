package io.vtnio.nio;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's messages on their way through the worker pool ({@code --work}). At most one
 * is in flight at a time, which is all it takes to keep replies in order without sequence
 * numbers; the rest wait here as private copies (the read buffer they came from is reused at
 * once). The worker hands the message back to the connection's loop as a task, and the loop
 * writes the reply: a worker never touches a channel.
 *
 * <p>Threading: confined to the connection's loop thread, except {@link #perform}, which runs on
 * a worker and touches only final fields.
 */
final class PendingWork {

    private final Connection connection;
    private final ServerContext context;
    private ArrayDeque<byte[]> waiting;
    private long waitingBytes;
    private boolean inFlight;

    PendingWork(Connection connection, ServerContext context) {
        this.connection = connection;
        this.context = context;
    }

    void add(byte[] message) {
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        waiting.addLast(message);
        waitingBytes += message.length;
    }

    /** True when nothing is in flight and nothing waits: the connection owes no work. */
    boolean isIdle() {
        return !inFlight && waitingCount() == 0;
    }

    /**
     * Hands the next waiting message to the worker pool unless one is in flight already.
     *
     * @throws RejectedExecutionException once the pool is shut down (the drain timed out)
     */
    void startNext() {
        if (inFlight || waitingCount() == 0) {
            return;
        }
        byte[] message = waiting.pollFirst();
        waitingBytes -= message.length;
        if (waiting.isEmpty()) {
            waiting = null;
        }
        inFlight = true;
        context.workers().submit(() -> perform(message));
    }

    private void perform(byte[] message) {
        try {
            context.work().perform(message, 0, message.length);
        } finally {
            connection.loop().execute(() -> connection.onWorkDone(message));
        }
    }

    /** The message in flight has come back to the loop. */
    void finished() {
        inFlight = false;
    }

    int waitingCount() {
        return waiting == null ? 0 : waiting.size();
    }

    long waitingBytes() {
        return waitingBytes;
    }
}
