package io.vtnio.nio;

import java.nio.channels.SelectionKey;

/**
 * What a selection key's attachment does when the selector reports the key ready. Both the
 * listening side ({@link Acceptor}) and each {@link Connection} are attachments.
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
}
