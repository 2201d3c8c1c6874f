package io.vtnio.nio;

import io.vtnio.core.MessageSink;
import java.io.IOException;

/**
 * What a loop does with the messages one read produced, Netty style: each message is taken as
 * the decoder finds it ({@code write}) and the batch is handed on once at the end
 * ({@code flush}), so a read full of pipelined lines costs one socket write, not one per line.
 *
 * <p>One instance per loop is reused for every connection of that loop; it must not outlive a
 * {@link #begin}/{@link #end} pair. {@link #onMessage} never does I/O (the sink interface cannot
 * throw {@link IOException}); anything that may fail waits for {@link #end}.
 *
 * <p>Threading: confined to its loop thread.
 */
abstract class MessageBatch implements MessageSink {

    private Connection connection;
    private int messages;

    /** Starts a batch for {@code connection}, dropping whatever a failed batch left behind. */
    final void begin(Connection connection) {
        this.connection = connection;
        this.messages = 0;
        onBegin();
    }

    @Override
    public final void onMessage(byte[] bytes, int offset, int length) {
        messages++;
        take(connection, bytes, offset, length);
    }

    /** Hands the batch on. */
    final void end() throws IOException {
        Connection target = connection;
        connection = null;
        onEnd(target);
    }

    /** Messages taken since {@link #begin}. */
    final int messages() {
        return messages;
    }

    void onBegin() {
    }

    abstract void take(Connection connection, byte[] bytes, int offset, int length);

    abstract void onEnd(Connection connection) throws IOException;
}
