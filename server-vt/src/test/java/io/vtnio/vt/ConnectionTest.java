package io.vtnio.vt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link Connection} over a real socket pair on port 0, never given a session: what it does to
 * the socket it takes over, and the one close that counts.
 */
@Timeout(30)
class ConnectionTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final ConnectionLimit limit = new ConnectionLimit(10);
    private final LiveConnections live = new LiveConnections(connection -> {
        throw new AssertionError("no session in this test");
    }, metrics, limit, ConnectionPolicy.DEFAULT, ConnectionThreads.VIRTUAL);
    private ServerSocket listener;
    private Socket client;
    private Socket accepted;
    private Connection connection;

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        client.setSoTimeout(10_000);
        accepted = listener.accept();
        assertTrue(limit.tryAdmit());
        metrics.connectionAccepted();
        connection = new Connection(accepted, metrics, live);
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        client.close();
        listener.close();
    }

    private MetricsSnapshot counted() {
        return metrics.snapshot("stats", "test");
    }

    @Test
    void theAcceptedSocketSendsWithoutNagle() throws IOException {
        assertTrue(accepted.getTcpNoDelay(), "replies are batched per read already; Nagle would only delay them");
    }

    @Test
    void onlyTheFirstCloseClosesAndCounts() throws IOException {
        assertTrue(connection.close());

        assertFalse(connection.close(), "already closed");
        assertTrue(connection.isClosed());
        assertTrue(accepted.isClosed());
        assertEquals(-1, client.getInputStream().read(), "the client sees the connection end");
        assertEquals(1, counted().connectionsClosed());
        assertEquals(0, limit.admitted(), "its place is given back once");
    }

    @Test
    void aFaultAfterTheCloseIsNotCounted() {
        connection.close();

        connection.fail();

        assertEquals(0, counted().errors(), "closed on purpose: its failing read is no fault");
        assertEquals(1, counted().connectionsClosed());
    }

    @Test
    void aFaultClosesAndCountsOnce() {
        connection.fail();
        connection.fail();

        assertTrue(connection.isClosed());
        assertEquals(1, counted().errors());
        assertEquals(1, counted().connectionsClosed());
        assertEquals(0, limit.admitted());
    }
}
