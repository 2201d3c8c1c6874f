package io.vtnio.nio;

import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes one connection owes its peer, and every write of its socket. Replies go straight to
 * the socket while it keeps up; only what it refuses is queued, as {@link ByteBuffer}s written
 * later with gathering writes.
 *
 * <p>It also counts what was sent, as {@link io.vtnio.core.ConnectionPolicy} says for both servers:
 * bytes as the socket takes them, and a message (a reply, a chat line, a greeting; an ERR line is
 * none) once the socket has taken the whole buffer it ends in. A message queued and then dropped
 * with its connection is never counted.
 *
 * <p>The deque is created on first use and dropped again once empty, so an idle connection
 * holds no queue at all. Buffers may share a backing array with other queues (a chat line goes
 * to every member), so nobody writes into a queued buffer's array.
 *
 * <p>Threading: confined to the owning connection's loop thread.
 */
final class OutboundQueue {

    /** Bounds the writes per call so one fast reader cannot monopolise its loop. */
    static final int MAX_WRITES_PER_CALL = 16;

    private final GatheringByteChannel channel;
    private final ServerMetrics metrics;
    private ArrayDeque<ByteBuffer> buffers;
    /** For each buffer in {@link #buffers}, in the same order: how many messages end in it. */
    private ArrayDeque<Integer> messagesEnding;
    private long pendingBytes;
    private long lastWriteNanos = System.nanoTime();

    OutboundQueue(GatheringByteChannel channel, ServerMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    boolean isEmpty() {
        return pendingBytes == 0;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /** When the socket last took a byte, in {@link System#nanoTime} time (or when the queue was made). */
    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /**
     * Writes {@code buffer}, in which {@code messages} messages end, straight to the socket if
     * nothing is queued ahead of it and queues what the socket refuses: a copy if {@code reusable}
     * (the caller reuses the buffer), else the buffer itself. Bytes queued behind others are
     * written at once unless {@code socketFull} (the caller waits for {@code OP_WRITE}).
     */
    void send(ByteBuffer buffer, int messages, boolean reusable, boolean socketFull, ByteBuffer[] scratch)
            throws IOException {
        if (!buffer.hasRemaining()) {
            sent(messages);
            return;
        }
        boolean queuedAhead = !isEmpty();
        if (!queuedAhead) {
            try {
                wrote(channel.write(buffer));
            } catch (IOException e) {
                // What the socket refused is still owed: a reset now is a fault, not a close.
                queue(buffer, messages, reusable);
                throw e;
            }
            if (!buffer.hasRemaining()) {
                sent(messages);
                return;
            }
        }
        queue(buffer, messages, reusable);
        if (queuedAhead && !socketFull) {
            flush(scratch);
        }
    }

    /**
     * Queues {@code buffer}'s remaining bytes, in which {@code messages} messages end, without I/O:
     * a private copy if {@code reusable}, else the buffer itself.
     */
    void queue(ByteBuffer buffer, int messages, boolean reusable) {
        int length = buffer.remaining();
        if (length == 0) {
            sent(messages);
            return;
        }
        ByteBuffer queued = buffer;
        if (reusable) {
            queued = ByteBuffer.allocate(length);
            queued.put(buffer).flip();
        }
        if (buffers == null) {
            buffers = new ArrayDeque<>(4);
            messagesEnding = new ArrayDeque<>(4);
        }
        buffers.addLast(queued);
        messagesEnding.addLast(messages);
        pendingBytes += length;
    }

    /**
     * Writes queued bytes with at most {@link #MAX_WRITES_PER_CALL} gathering writes, stopping
     * early when the socket takes less than offered (its send buffer is full).
     *
     * @param scratch a loop-owned array for the gathering write; cleared again before returning
     */
    void flush(ByteBuffer[] scratch) throws IOException {
        try {
            for (int round = 0; round < MAX_WRITES_PER_CALL && pendingBytes > 0; round++) {
                int count = 0;
                long offered = 0;
                for (ByteBuffer buffer : buffers) {
                    scratch[count++] = buffer;
                    offered += buffer.remaining();
                    if (count == scratch.length) {
                        break;
                    }
                }
                long n = channel.write(scratch, 0, count);
                wrote(n);
                pendingBytes -= n;
                while (!buffers.isEmpty() && !buffers.peekFirst().hasRemaining()) {
                    buffers.pollFirst();
                    sent(messagesEnding.pollFirst());
                }
                if (n < offered) {
                    break;
                }
            }
        } finally {
            Arrays.fill(scratch, null);
            if (pendingBytes == 0) {
                buffers = null;
                messagesEnding = null;
            }
        }
    }

    private void wrote(long bytes) {
        if (bytes > 0) {
            metrics.bytesOut(bytes);
            lastWriteNanos = System.nanoTime();
        }
    }

    private void sent(int messages) {
        if (messages > 0) {
            metrics.messagesOut(messages);
        }
    }

    /** Forgets everything owed, uncounted; the connection is closing. */
    void clear() {
        buffers = null;
        messagesEnding = null;
        pendingBytes = 0;
    }
}
