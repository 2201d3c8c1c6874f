package io.vtnio.conformance;

import io.vtnio.core.MetricsSnapshot;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a {@link RemoteRule} works with while it runs: the {@link Target}, clients connected to it
 * and closed when the rule ends, and the protocol's small moves (a round trip, joining a chat).
 * {@link RuleRunner} creates one per run and closes it afterwards, also when the rule overran its
 * time: closing the clients is what unblocks a rule stuck in a read.
 *
 * <p>Threading: the rule's thread uses it; {@link #close} may come from the runner's thread.
 */
public final class RuleContext implements AutoCloseable {

    private final Target target;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    RuleContext(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    /** The echo suffix the server was started with, as a string. */
    public String suffix() {
        return target.suffix();
    }

    /** The echo suffix in UTF-8, as the server appends it. */
    public byte[] suffixBytes() {
        return target.suffix().getBytes(StandardCharsets.UTF_8);
    }

    /** A client of the target with the default read timeout, closed when the rule ends. */
    public TestClient connect() throws IOException {
        return connect(TestClient.DEFAULT_READ_TIMEOUT);
    }

    /** A client of the target with a read timeout of its own, closed when the rule ends. */
    public TestClient connect(Duration readTimeout) throws IOException {
        return register(TestClient.connect(target.address(), readTimeout, socket -> { }));
    }

    /** A client with a small receive buffer set before connecting, closed when the rule ends. */
    public TestClient connectWithReceiveBuffer(int receiveBufferBytes, Duration readTimeout) throws IOException {
        return register(TestClient.connect(target.address(), readTimeout, socket -> {
            try {
                socket.setReceiveBufferSize(receiveBufferBytes);
            } catch (SocketException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    /** A client the caller closes itself (for rules that open and close many). */
    public TestClient connectUnregistered(Duration readTimeout) throws IOException {
        return TestClient.connect(target.address(), readTimeout, socket -> { });
    }

    /** Closes {@code resource} when the rule ends, before anything registered earlier. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        if (closed) {
            closeQuietly(resource);
            throw new IllegalStateException("the rule has ended");
        }
        resources.push(resource);
        return resource;
    }

    /** Sends {@code message} as a line and expects it back with the suffix. */
    public void roundTrip(TestClient client, String message) throws IOException {
        client.send(message + "\n");
        Expect.line(client, message + suffix(), null);
    }

    /**
     * Connects {@code count} chat clients one after another. Each sends {@code join-N} and waits
     * for it to come back: a chat client hears its own lines, so once it does it is surely in the
     * room. Earlier clients have the later join lines still unread.
     */
    public List<TestClient> joinChat(int count) throws IOException {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestClient client = connect(Duration.ofSeconds(20));
            client.send("join-" + i + "\n");
            Expect.line(client, "join-" + i, "a new chat client first hears its own line");
            clients.add(client);
        }
        return clients;
    }

    /** The server's metrics as JSON, for failure messages; empty when they cannot be read. */
    public String metricsJson() {
        return target.metricsNow().map(MetricsSnapshot::toJson).orElse("");
    }

    /** Closes every client, newest first. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        for (AutoCloseable resource : toClose) {
            closeQuietly(resource);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // The rule's verdict is already made; a client that fails to close changes nothing.
        }
    }
}
