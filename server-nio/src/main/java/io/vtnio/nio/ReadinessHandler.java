package io.vtnio.nio;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;

/**
 * What a selection key's attachment does when the selector reports the key ready. The
 * listening side ({@link Acceptor}), each {@link Connection} and each {@link Refusal} are attachments.
 *
 * <p>Threading: called only on the thread of the loop whose selector owns the key.
 */
interface ReadinessHandler {

    /**
     * Handles every ready operation of {@code key}. Implementations catch their own I/O errors
     * and close what failed; anything that still escapes is a bug the loop logs and survives.
     */
    void onReady(SelectionKey key);

    /** Releases the channel at once, owing nothing; called when the loop shuts down. */
    void closeNow();

    /** Deregisters {@code key} (if any) and closes {@code channel}, which has nothing left to report. */
    static void release(SelectionKey key, Channel channel) {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that was left to do with it.
        }
    }
}
