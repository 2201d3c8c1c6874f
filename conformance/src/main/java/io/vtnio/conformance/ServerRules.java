package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * What every rule family shares: the {@link #factory()} hook and the fixtures a rule needs to start
 * a server, connect clients and close them all after the test. Most rules run the server in this
 * JVM ({@code factory().create(ServerConfig.parse(...))}) and talk raw bytes to it over {@link
 * TestClient}s. What needs a process of its own (signals, the stdout contract, CPU time, a
 * descriptor limit) runs it through {@link ForkedServer}. Every test binds port 0, has a {@link
 * Timeout}, and every client read has a timeout, so a missing reply fails instead of hanging.
 * Timings are asserted only with generous bounds.
 *
 * <p>Threading: JUnit runs the tests one at a time; clients inside a test run on virtual threads.
 */
abstract class ServerRules {

    /** The default {@code --suffix}, which echo replies end with before their newline. */
    protected static final String SUFFIX = "好";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** The implementation under test; the fixtures call it to build, fork or name the server. */
    protected abstract ServerFactory factory();

    /** Closes what the test opened, newest first. */
    @AfterEach
    void closeResources() throws Exception {
        Exception first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Starts an in-process server with {@code flags}, on {@code --port 0} unless a port is given. */
    protected Server startServer(String... flags) throws IOException {
        List<String> args = new ArrayList<>(Arrays.asList(flags));
        if (!args.contains("--port")) {
            args.addAll(0, List.of("--port", "0"));
        }
        Server server = factory().create(ServerConfig.parse(args.toArray(String[]::new)));
        register(server);
        server.start();
        return server;
    }

    /** Forks a server JVM on {@code --port 0} with {@code flags}. */
    protected ForkedServer fork(List<String> flags) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(flags);
        return register(ForkedServer.start(factory().getClass().getName(), args));
    }

    /** The first port the server listens on. */
    protected static int port(Server server) {
        return server.localAddresses().get(0).getPort();
    }

    /** A client of {@code server}, closed after the test. */
    protected TestClient connect(Server server) throws IOException {
        return register(TestClient.connect(port(server)));
    }

    /** A client of {@code server} with a read timeout of its own, closed after the test. */
    protected TestClient connect(Server server, Duration readTimeout) throws IOException {
        return register(TestClient.connect(port(server), readTimeout));
    }

    /** Closes {@code resource} after the test, before anything registered earlier. */
    protected <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Sends {@code message} as a line and asserts the echo reply. */
    protected static void roundTrip(TestClient client, String message) throws IOException {
        client.send(message + "\n");
        assertEquals(message + SUFFIX, client.readLine());
    }

    /** The server's metrics now, for assertions and failure messages. */
    protected MetricsSnapshot snapshot(Server server) {
        return server.metrics().snapshot("test", factory().name());
    }

    /**
     * Connects {@code count} chat clients one after another. Each sends {@code join-N} and waits
     * for it to come back: a chat client hears its own lines, so once it does it is surely in the
     * room. Earlier clients have the later join lines still unread.
     */
    protected List<TestClient> joinChat(Server server, int count) throws IOException {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestClient client = connect(server, Duration.ofSeconds(20));
            client.send("join-" + i + "\n");
            assertEquals("join-" + i, client.readLine(), "a new chat client first hears its own line");
            clients.add(client);
        }
        return clients;
    }

    /** {@code text} as UTF-8 bytes, the form replies are compared in. */
    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
