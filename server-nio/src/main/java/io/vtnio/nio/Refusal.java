package io.vtnio.nio;

import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.Protocol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection accepted beyond {@code --max-connections}, on the accepting loop: it is told
 * {@link Protocol#ERR_TOO_MANY_CONNECTIONS} and closed the way a too-long line is, FIN first and
 * input discarded for at most {@link ConnectionPolicy#errorLinger} ({@link LingeringClose}), so
 * the client reads the reason rather than a reset. It never becomes a {@link Connection}: it is
 * counted only as refused, and a graceful stop does not wait for it.
 *
 * <p>Threading: confined to the loop it is registered on.
 */
final class Refusal implements ReadinessHandler {

    private final SocketChannel channel;
    private final EventLoop loop;
    private final ByteBuffer reply = ByteBuffer.wrap(Protocol.ERR_TOO_MANY_CONNECTIONS);
    private SelectionKey key;
    private LingeringClose linger;
    private boolean closed;

    Refusal(SocketChannel channel, EventLoop loop) {
        this.channel = channel;
        this.loop = loop;
    }

    /** Registers with the loop and sends the refusal; runs on the loop. */
    void start() {
        try {
            key = channel.register(loop.selector(), 0, this);
            sendThenLinger();
        } catch (IOException | RuntimeException e) {
            closeNow(); // gone before it could be told; nothing is owed to a refused connection
        }
    }

    @Override
    public void onReady(SelectionKey key) {
        try {
            if (linger != null) {
                linger.discardInput();
            } else {
                sendThenLinger();
            }
        } catch (IOException | RuntimeException e) {
            closeNow();
        }
    }

    private void sendThenLinger() throws IOException {
        channel.write(reply);
        if (reply.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        ConnectionPolicy.Exit exit = loop.context().policy().lingerAfterError(System.nanoTime());
        linger = new LingeringClose(channel, loop, this::closeNow, exit.deadlineNanos(), exit.quietNanos());
        key.interestOps(SelectionKey.OP_READ);
    }

    @Override
    public void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (linger != null) {
            linger.cancel();
        }
        ReadinessHandler.release(key, channel);
    }
}
