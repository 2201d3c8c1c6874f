package io.vtnio.conformance;

import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Mode;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
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
        return startServer(ConnectionPolicy.DEFAULT, flags);
    }

    /**
     * Starts an in-process server with {@code flags} and {@code policy}: timings short enough for a
     * rule about them to take milliseconds.
     */
    protected Server startServer(ConnectionPolicy policy, String... flags) throws IOException {
        List<String> args = new ArrayList<>(Arrays.asList(flags));
        if (!args.contains("--port")) {
            args.addAll(0, List.of("--port", "0"));
        }
        Server server = factory().create(ServerConfig.parse(args.toArray(String[]::new)).withPolicy(policy));
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
        Expect.line(client, message + SUFFIX, null);
    }

    /** The server's metrics now, for assertions and failure messages. */
    protected MetricsSnapshot snapshot(Server server) {
        return server.metrics().snapshot("test", factory().name());
    }

    /**
     * Connects {@code count} chat clients one after another, each in the room once it hears its
     * own join line ({@link RuleContext#joinChat}); closed after the test.
     */
    protected List<TestClient> joinChat(Server server, int count) throws IOException {
        RuleContext chat = register(new RuleContext(Target.remote("127.0.0.1", port(server)).withMode(Mode.CHAT)));
        return chat.joinChat(count);
    }

    /**
     * A {@link RuleContext} for {@code server} (started with the default suffix), closed after the
     * test: for in-process tests that share code with a {@link RemoteRule}.
     */
    protected RuleContext context(Server server) {
        Target target = Target.remote("127.0.0.1", port(server)).withMetrics(() -> snapshot(server));
        return register(new RuleContext(target));
    }

    /**
     * One dynamic test per rule, each against a fresh in-process server of {@link #factory()}
     * started with the rule's {@link RemoteRule#serverFlags()} and closed after it. The rule's
     * own time bound ({@link RuleRunner}) stands in for a {@link Timeout}, which JUnit does not
     * apply to dynamic tests. Each test's display name is the rule's name. The servers cut off a
     * client stalled in its request after 1 s ({@link #IN_SUITE}), not 5: the rule holds for any
     * limit up to its own, and the suite need not wait out the default.
     */
    protected Stream<DynamicTest> againstThisServer(List<RemoteRule> rules) {
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.name(), () -> {
            List<String> flags = new ArrayList<>(List.of("--port", "0"));
            flags.addAll(rule.serverFlags());
            ServerConfig config = ServerConfig.parse(flags.toArray(String[]::new)).withPolicy(IN_SUITE);
            try (Server server = factory().create(config)) {
                server.start();
                RuleRunner.check(rule, Target.inProcess(server, config, () -> snapshot(server)));
            } catch (Exception | AssertionError e) {
                // Surefire's reports call a dynamic test rulesForAnyServer()[N]: the failure names the rule.
                throw new AssertionError(rule.name() + ": " + RuleRunner.oneLine(e), e);
            }
        }));
    }

    /** The default policy, but a stall in an HTTP request is cut off after 1 s (see {@link #againstThisServer}). */
    private static final ConnectionPolicy IN_SUITE = new ConnectionPolicy(ConnectionPolicy.DEFAULT.errorLinger(),
            ConnectionPolicy.DEFAULT.idle(), ConnectionPolicy.DEFAULT.writerSettle(),
            ConnectionPolicy.DEFAULT.forcedStopWait(), Duration.ofSeconds(1));

    /** {@code text} as UTF-8 bytes, the form replies are compared in. */
    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
