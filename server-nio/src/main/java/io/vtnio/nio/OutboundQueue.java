package io.vtnio.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes a connection owes its peer that the socket has not taken yet, as a queue of
 * {@link ByteBuffer}s written with gathering writes. The queue is only used on the slow path:
 * replies go straight to the socket while it keeps up, and only what it refuses lands here.
 *
 * <p>The deque is created on first use and dropped again once empty, so an idle connection
 * holds no queue at all. Buffers may share a backing array with other queues (a chat line goes
 * to every member), so nobody writes into a queued buffer's array.
 *
 * <p>Threading: confined to the owning connection's loop thread.
 */
final class OutboundQueue {

    private ArrayDeque<ByteBuffer> buffers;
    private long pendingBytes;

    boolean isEmpty() {
        return pendingBytes == 0;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /** Queues {@code buffer}'s remaining bytes; the queue takes over the buffer object. */
    void add(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (length == 0) {
            return;
        }
        if (buffers == null) {
            buffers = new ArrayDeque<>(4);
        }
        buffers.addLast(buffer);
        pendingBytes += length;
    }

    /** Queues a private copy of {@code source}'s remaining bytes, which the caller will reuse. */
    void addCopy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source).flip();
        add(copy);
    }

    /**
     * Writes queued bytes with at most {@code maxWrites} gathering writes, stopping early when
     * the socket takes less than offered (its send buffer is full).
     *
     * @param scratch a loop-owned array for the gathering write; cleared again before returning
     * @return bytes written
     */
    long writeTo(GatheringByteChannel channel, ByteBuffer[] scratch, int maxWrites) throws IOException {
        long written = 0;
        try {
            for (int round = 0; round < maxWrites && pendingBytes > 0; round++) {
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
                written += n;
                pendingBytes -= n;
                while (!buffers.isEmpty() && !buffers.peekFirst().hasRemaining()) {
                    buffers.pollFirst();
                }
                if (n < offered) {
                    break;
                }
            }
        } finally {
            Arrays.fill(scratch, null);
            if (pendingBytes == 0) {
                buffers = null;
            }
        }
        return written;
    }

    /** Forgets everything owed; the connection is closing. */
    void clear() {
        buffers = null;
        pendingBytes = 0;
    }
}
