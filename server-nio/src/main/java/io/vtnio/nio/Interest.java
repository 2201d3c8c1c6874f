package io.vtnio.nio;

import io.vtnio.core.ConnectionState;
import java.nio.channels.SelectionKey;

/**
 * The interest ops of one selector connection, as they follow from where it is in its life:
 * {@code OP_READ} while OPEN and not paused by {@link BackPressure} (and while LINGERING, to
 * discard), {@code OP_WRITE} only while its outbound queue holds bytes. The key is touched only
 * when that changes.
 *
 * <p>Threading: confined to the connection's loop thread.
 */
final class Interest {

    private int ops;
    private boolean readPaused;

    /**
     * Sets {@code key}'s interest ops for a connection in {@code state}.
     *
     * @param owedBytes       outbound bytes the socket has not taken plus bytes waiting for work
     * @param waitingMessages messages waiting for work
     * @param outboundEmpty   whether the outbound queue is empty
     */
    void update(SelectionKey key, ConnectionState state, BackPressure backPressure, long owedBytes,
                int waitingMessages, boolean outboundEmpty) {
        readPaused = backPressure.readPaused(readPaused, owedBytes, waitingMessages);
        int wanted = 0;
        if ((state == ConnectionState.OPEN && !readPaused) || state == ConnectionState.LINGERING) {
            wanted |= SelectionKey.OP_READ;
        }
        if (!outboundEmpty && state != ConnectionState.LINGERING) {
            wanted |= SelectionKey.OP_WRITE;
        }
        if (wanted != ops && key.isValid()) {
            key.interestOps(wanted);
            ops = wanted;
        }
    }

    /** True while owing too much pauses reading. */
    boolean readPaused() {
        return readPaused;
    }

    /** True while {@code OP_WRITE} is on: the socket is full and will say when it has room. */
    boolean waitsForWritable() {
        return (ops & SelectionKey.OP_WRITE) != 0;
    }
}
