package io.vtnio.nio;

import io.vtnio.core.EchoReply;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Echo mode, the selector way: encodes the replies of one batch into the loop's output buffer and hands
 * the whole buffer to the connection once, which writes it straight to the socket. Nothing is
 * allocated unless the socket refuses bytes or one reply is larger than the buffer.
 *
 * <p>Threading: one per loop, confined to it.
 */
final class Echo extends MessageBatch {

    private final ByteBuffer output;
    private final EchoReply reply;
    /** Replies encoded into {@link #output} since it was last handed on: they count once it is sent. */
    private int repliesInOutput;

    Echo(ByteBuffer loopOutput, EchoReply reply) {
        this.output = loopOutput;
        this.reply = reply;
    }

    @Override
    void onBegin() {
        output.clear();
        repliesInOutput = 0;
    }

    @Override
    void take(Connection connection, byte[] bytes, int offset, int length) {
        int needed = reply.length(length);
        if (needed > output.remaining()) {
            // Keep order without doing I/O here: what is encoded so far goes to the queue first.
            output.flip();
            connection.queue(output, repliesInOutput, true);
            output.clear();
            repliesInOutput = 0;
            if (needed > output.capacity()) {
                connection.queue(ByteBuffer.wrap(reply.toBytes(bytes, offset, length)), 1, false);
                return;
            }
        }
        reply.write(bytes, offset, length, output);
        repliesInOutput++;
    }

    @Override
    void onEnd(Connection connection) throws IOException {
        output.flip();
        connection.send(output, repliesInOutput, true);
    }
}
