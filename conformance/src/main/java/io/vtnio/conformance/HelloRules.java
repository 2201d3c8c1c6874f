package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtnio.core.Server;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hello mode (SPEC section 1): every connection gets the greeting and a newline, then a close,
 * however many arrive at once.
 */
abstract class HelloRules extends ServerRules {

    @Test
    @Timeout(10)
    void helloGreetsThenCloses() throws Exception {
        Server server = startServer("--mode", "hello");
        for (int i = 0; i < 3; i++) {
            TestClient client = connect(server);
            assertArrayEquals(utf8("hello\n"), client.readExactly(6));
            client.assertEof();
        }
    }

    @Test
    @Timeout(20)
    void helloGreetsManyConcurrentClients() throws Exception {
        Server server = startServer("--mode", "hello");
        int port = port(server);
        Concurrently.run(300, i -> {
            try (TestClient client = TestClient.connect(port)) {
                assertArrayEquals(utf8("hello\n"), client.readExactly(6), "client " + i);
                client.assertEof();
            }
        });
        Eventually.await("every greeted connection is closed", Duration.ofSeconds(5),
                () -> server.metrics().connectionsOpen() == 0, () -> snapshot(server).toJson());
        assertEquals(300, server.metrics().connectionsAccepted());
    }

    @Test
    @Timeout(10)
    void helloSendsACustomGreeting() throws Exception {
        TestClient client = connect(startServer("--mode", "hello", "--greeting", "welcome, 朋友"));
        byte[] expected = utf8("welcome, 朋友\n");
        assertArrayEquals(expected, client.readExactly(expected.length));
        client.assertEof();
    }
}
