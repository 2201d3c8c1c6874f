package io.vtnio.nio;

import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionState;
import io.vtnio.core.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interest ops of a connection's key as its state, its queue and back-pressure change. */
@Timeout(10)
class InterestTest {

    private static final BackPressure CHAT_1000 = new BackPressure(ServerConfig.parse("--mode", "chat",
            "--max-outbound", "1000")); // pauses at 500 owed bytes, resumes at 250

    private Selector selector;
    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel accepted;
    private SelectionKey key;

    @BeforeEach
    void connect() throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(listener.getLocalAddress());
        accepted = listener.accept();
        accepted.configureBlocking(false);
        key = accepted.register(selector, 0);
    }

    @AfterEach
    void close() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {client, accepted, listener, selector}) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing test sockets
            }
        }
    }

    @Test
    void owingTooMuchPausesReadingUntilTheResumeMark() {
        Interest interest = new Interest();
        interest.update(key, ConnectionState.OPEN, CHAT_1000, 0, 0, true);
        assertEquals(OP_READ, key.interestOps());
        assertFalse(interest.readPaused());

        interest.update(key, ConnectionState.OPEN, CHAT_1000, 500, 0, false);
        assertTrue(interest.readPaused());
        assertEquals(OP_WRITE, key.interestOps(), "paused: no OP_READ, and OP_WRITE while bytes are queued");
        assertTrue(interest.waitsForWritable());

        interest.update(key, ConnectionState.OPEN, CHAT_1000, 300, 0, false);
        assertTrue(interest.readPaused(), "between the marks it stays paused");
        interest.update(key, ConnectionState.OPEN, CHAT_1000, 250, 0, true);
        assertFalse(interest.readPaused());
        assertEquals(OP_READ, key.interestOps());
        assertFalse(interest.waitsForWritable());
    }

    @Test
    void finishingReadsNoMoreAndLingeringReadsOnlyToDiscard() {
        Interest interest = new Interest();
        interest.update(key, ConnectionState.FINISHING, CHAT_1000, 10, 0, false);
        assertEquals(OP_WRITE, key.interestOps());
        interest.update(key, ConnectionState.LINGERING, CHAT_1000, 0, 0, true);
        assertEquals(OP_READ, key.interestOps());
    }
}
