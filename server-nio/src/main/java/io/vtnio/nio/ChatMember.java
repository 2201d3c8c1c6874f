package io.vtnio.nio;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One connection's part in the chat, the selector way: lines the {@link ChatRoom} delivers go
 * into the connection's outbound queue and are flushed once at the end of the loop's iteration,
 * however many deliveries came; a
 * member whose queue passes {@code --max-outbound} even after the socket had its chance is a slow
 * consumer and is dropped on the spot. A member that is finishing still receives lines until its
 * own published lines have come back to it (the room's order is global, so they come back after
 * everything published before them), and only then may close.
 *
 * <p>Threading: confined to the connection's loop thread.
 */
final class ChatMember {

    private final Connection connection;
    private int batchesInFlight;
    private boolean flushRequested;

    ChatMember(Connection connection) {
        this.connection = connection;
    }

    /** The member published lines that must reach it before it may close. */
    void published() {
        batchesInFlight++;
    }

    /** Lines it published have reached every member of its own loop, itself included. */
    void ownLinesDelivered() {
        batchesInFlight--;
        connection.settle();
    }

    /** True while some of its own lines are still on their way back to it. */
    boolean awaitsOwnLines() {
        return batchesInFlight > 0;
    }

    /**
     * Queues {@code lineCount} lines shared with other members ({@code lines} is never written
     * into); drops the member as a slow consumer once more than {@code maxOutboundBytes} are owed.
     */
    void deliver(ByteBuffer lines, int lineCount, long maxOutboundBytes) {
        OutboundQueue outbound = connection.outbound();
        outbound.queue(lines, lineCount, false);
        try {
            if (outbound.pendingBytes() > maxOutboundBytes && !connection.waitsForWritable()) {
                outbound.flush(connection.loop().gatherScratch()); // the socket's chance first
            }
        } catch (IOException e) {
            connection.fail(e);
            return;
        }
        if (outbound.pendingBytes() > maxOutboundBytes) {
            connection.dropSlowConsumer();
        } else if (!flushRequested) {
            flushRequested = true;
            connection.loop().requestFlush(this);
        }
    }

    /** The loop's end-of-iteration flush, Netty's {@code flush} after a batch of tasks. */
    void flush() {
        flushRequested = false;
        if (connection.isClosed()) {
            return;
        }
        if (!connection.waitsForWritable()) {
            try {
                connection.outbound().flush(connection.loop().gatherScratch());
            } catch (IOException | RuntimeException e) {
                connection.fail(e);
                return;
            }
        }
        connection.settle();
    }
}
