package io.vtnio.nio;

import java.io.IOException;
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
     * Hands the next waiting message to the worker pool unless one is in flight already; once
     * the pool is shut down (the drain timed out) the connection closes instead.
     */
    void startNext() {
        if (inFlight || waitingCount() == 0 || connection.isClosed()) {
            return;
        }
        byte[] message = waiting.pollFirst();
        waitingBytes -= message.length;
        if (waiting.isEmpty()) {
            waiting = null;
        }
        inFlight = true;
        try {
            context.workers().submit(() -> perform(message));
        } catch (RejectedExecutionException e) {
            connection.closeNow(); // the server is past its drain timeout
        }
    }

    private void perform(byte[] message) {
        try {
            context.work().perform(message, 0, message.length);
        } finally {
            connection.loop().execute(() -> done(message));
        }
    }

    /** Back on the loop: the reply goes out through the mode's batch, and the next message starts. */
    private void done(byte[] message) {
        inFlight = false;
        if (connection.isClosed()) {
            return;
        }
        MessageBatch replies = connection.loop().replies();
        replies.begin(connection);
        replies.onMessage(message, 0, message.length);
        try {
            replies.end();
        } catch (IOException e) {
            connection.fail(e);
            return;
        }
        startNext();
        connection.settle();
    }

    int waitingCount() {
        return waiting == null ? 0 : waiting.size();
    }

    long waitingBytes() {
        return waitingBytes;
    }
}
