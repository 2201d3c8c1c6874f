package io.vtnio.nio;

import java.util.Arrays;

/**
 * With {@code --work}: copies each message of a batch into its connection's {@link PendingWork}
 * and, at the end of the batch, lets the connection start the next item if none is in flight.
 * The replies come later, from {@link PendingWork}, through the mode's own batch.
 *
 * <p>Threading: one per loop, confined to it.
 */
final class WorkIntake extends MessageBatch {

    @Override
    void take(Connection connection, byte[] bytes, int offset, int length) {
        connection.pendingWork().add(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    @Override
    void onEnd(Connection connection) {
        connection.pendingWork().startNext();
    }
}
