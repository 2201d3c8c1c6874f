package io.vtnio.nio;

import io.vtnio.core.Mode;
import io.vtnio.core.ReadPause;
import io.vtnio.core.ServerConfig;

/**
 * When a connection stops reading, the selector way: its {@code OP_READ} interest goes off once
 * it owes {@link ReadPause}'s pause mark (reply bytes the socket has not taken, plus messages
 * waiting for their work) and on again at the resume mark. The virtual-thread server applies the
 * same marks by not calling read.
 *
 * <p>Threading: immutable; one per server, used by every loop.
 */
final class BackPressure {

    private final ReadPause marks;

    BackPressure(ServerConfig config) {
        this.marks = config.mode() == Mode.CHAT ? ReadPause.forChat(config.maxOutboundBytes()) : ReadPause.ECHO;
    }

    /**
     * Whether reading is paused now.
     *
     * @param owedBytes        outbound bytes not taken by the socket plus bytes waiting for work
     * @param waitingMessages  messages waiting for work
     */
    boolean readPaused(boolean wasPaused, long owedBytes, int waitingMessages) {
        return marks.paused(wasPaused, owedBytes, waitingMessages);
    }
}
