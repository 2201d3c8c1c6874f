package io.vtnio.nio;

import io.vtnio.core.EchoReply;
import io.vtnio.core.ServerMetrics;
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
    private final ServerMetrics metrics;
    private int replies;

    Echo(ByteBuffer loopOutput, EchoReply reply, ServerMetrics metrics) {
        this.output = loopOutput;
        this.reply = reply;
        this.metrics = metrics;
    }

    @Override
    void onBegin() {
        output.clear();
        replies = 0;
    }

    @Override
    void take(Connection connection, byte[] bytes, int offset, int length) {
        replies++;
        int needed = reply.length(length);
        if (needed > output.remaining()) {
            // Keep order without doing I/O here: what is encoded so far goes to the queue first.
            output.flip();
            connection.queue(output, true);
            output.clear();
            if (needed > output.capacity()) {
                connection.queue(ByteBuffer.wrap(reply.toBytes(bytes, offset, length)), false);
                return;
            }
        }
        reply.write(bytes, offset, length, output);
    }

    @Override
    void onEnd(Connection connection) throws IOException {
        output.flip();
        metrics.messagesOut(replies);
        connection.send(output, true);
    }
}
