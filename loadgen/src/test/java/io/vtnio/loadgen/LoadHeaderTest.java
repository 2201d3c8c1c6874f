package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The summary's first line says what ran, in the words of each mode. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadHeaderTest {

    /** The first line of a {@code load} against {@code server} that must exit 0. */
    private static String header(TestServer server, String... more) {
        return CommandRun.load(server, more).assertExit(0).out().lines().findFirst().orElseThrow();
    }

    @Test
    void echoNamesPayloadAndPipeline() throws Exception {
        try (TestServer server = TestServer.echo("好")) {
            String header = header(server, "--connections", "3", "--payload", "48", "--pipeline", "2",
                    "--duration", "200ms");
            assertTrue(header.startsWith("vtnio load: echo, closed model, 3 connections, 48-byte payload, pipeline 2 to "),
                    header);
        }
    }

    @Test
    void openEchoHasNoPipeline() throws Exception {
        try (TestServer server = TestServer.echo("好")) {
            String header = header(server, "--connections", "3", "--rate", "100", "--duration", "200ms");
            assertTrue(header.startsWith("vtnio load: echo, open model at 100.0/s, 3 connections, 32-byte payload to "),
                    header);
        }
    }

    @Test
    void openHelloSaysConnectsAndNoConnectionCount() throws Exception {
        try (TestServer server = TestServer.hello("hello")) {
            String header = header(server, "--mode", "hello", "--rate", "50", "--duration", "200ms");
            assertTrue(header.startsWith("vtnio load: hello, open model at 50.0 connects/s to "), header);
            assertFalse(header.contains("connections"), header);
        }
    }

    @Test
    void closedHelloCountsConcurrentConnects() throws Exception {
        try (TestServer server = TestServer.hello("hello")) {
            String header = header(server, "--mode", "hello", "--connections", "4", "--duration", "200ms");
            assertTrue(header.startsWith("vtnio load: hello, closed model, 4 concurrent connects to "), header);
        }
    }
}
