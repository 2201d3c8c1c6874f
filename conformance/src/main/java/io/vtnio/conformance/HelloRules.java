package io.vtnio.conformance;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hello mode (SPEC section 1): every connection gets the greeting and a newline, then a close,
 * however many arrive at once. Every rule here needs nothing but connections, so all of them are
 * {@link RemoteRule}s ({@link #FOR_ANY_SERVER}), which {@code vtnio verify} also runs.
 */
abstract class HelloRules extends ServerRules {

    /** The rules of this family that run against any server: all of them. */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("hello", "helloGreetsThenCloses", Needs.hello(), 10, HelloRules::helloGreetsThenCloses),
            RemoteRule.of("hello", "helloGreetsManyConcurrentClients", Needs.hello(), 20,
                    HelloRules::helloGreetsManyConcurrentClients),
            RemoteRule.of("hello", "helloSendsACustomGreeting", Needs.hello().greeting("welcome, 朋友"), 10,
                    HelloRules::helloSendsACustomGreeting));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    static void helloGreetsThenCloses(RuleContext rule) throws Exception {
        for (int i = 0; i < 3; i++) {
            TestClient client = rule.connect();
            Expect.bytes(client, rule.target().greeting() + "\n", "connection " + i);
            client.assertEof();
        }
    }

    static void helloGreetsManyConcurrentClients(RuleContext rule) throws Exception {
        String greeting = rule.target().greeting() + "\n";
        Concurrently.run(300, i -> {
            try (TestClient client = rule.connectUnregistered(TestClient.DEFAULT_READ_TIMEOUT)) {
                Expect.bytes(client, greeting, "client " + i);
                client.assertEof();
            }
        });
        if (rule.target().serverMetrics() != null) {
            Eventually.await("every greeted connection is closed", Duration.ofSeconds(5),
                    () -> rule.target().serverMetrics().get().connectionsOpen() == 0, rule::metricsJson);
            long accepted = rule.target().serverMetrics().get().connectionsAccepted();
            if (accepted != 300) {
                throw new AssertionError("expected 300 connections accepted but the server counted " + accepted);
            }
        }
    }

    static void helloSendsACustomGreeting(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        Expect.bytes(client, "welcome, 朋友\n", null);
        client.assertEof();
    }
}
