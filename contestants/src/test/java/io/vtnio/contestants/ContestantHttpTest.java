package io.vtnio.contestants;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vtnio.contestants.helidon.HelidonServer;
import io.vtnio.contestants.netty.NettyServer;
import io.vtnio.contestants.netty.NettyTransport;
import io.vtnio.core.Work;
import io.vtnio.core.http.HttpRequestDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * vtnio's HTTP routes, over raw bytes, against every contestant started in-process on port 0:
 * Helidon, Netty on the event loop, and both with {@code --work} (Netty then answers from its
 * work group). A contestant that does not speak HTTP/1.0 (Helidon 4.5) says so through
 * {@link Subject#speaksHttp10}, and the HTTP/1.0 rule checks what it does instead.
 */
@Timeout(10)
class ContestantHttpTest {

    /** A contestant under test: how to build it and what it can do. */
    record Subject(String name, Function<ContestantConfig, Contestant> factory, Work work, boolean speaksHttp10) {
        Contestant start() throws IOException {
            ContestantConfig config = new ContestantConfig("127.0.0.1", 0, work, Duration.ofMillis(500),
                    HttpRequestDecoder.Limits.DEFAULT);
            Contestant contestant = factory.apply(config);
            contestant.start();
            return contestant;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void quietFrameworkLogs() {
        // As ContestantMain does: Helidon's INFO lines on each start would bury the test output.
        Logger.getLogger("").setLevel(Level.WARNING);
    }

    static Stream<Subject> contestants() {
        Work none = Work.parse("none");
        Work sleep = Work.parse("sleep:1ms");
        return Stream.of(
                new Subject("helidon", HelidonServer::new, none, false),
                new Subject("helidon --work sleep:1ms", HelidonServer::new, sleep, false),
                new Subject("netty", config -> new NettyServer(config, NettyTransport.AUTO, 1, 1), none, true),
                new Subject("netty --transport nio --work sleep:1ms",
                        config -> new NettyServer(config, NettyTransport.NIO, 1, 2), sleep, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void plaintextAnswersHelloWorldWithItsContentLength(Subject subject) throws Exception {
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("GET /plaintext HTTP/1.1\r\nHost: test\r\n\r\n");
            RawHttpConnection.Response response = connection.read();
            assertEquals(200, response.status());
            assertEquals("Hello, World!", response.bodyText());
            assertEquals("13", response.header("Content-Length"));
            assertEquals("text/plain", response.header("Content-Type"));

            connection.send("HEAD /plaintext?ignored=1 HTTP/1.1\r\nHost: test\r\n\r\n");
            RawHttpConnection.Response head = connection.read(true);
            assertEquals(200, head.status());
            assertEquals("13", head.header("Content-Length"));
            // HEAD sends no body: the next bytes are the next response's.
            connection.send("GET /plaintext HTTP/1.1\r\nHost: test\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK", connection.read().statusLine());
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void threePipelinedRequestsAreAnsweredInOrder(Subject subject) throws Exception {
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("GET /plaintext HTTP/1.1\r\nHost: test\r\n\r\n"
                    + "GET /missing HTTP/1.1\r\nHost: test\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nthird");
            assertEquals("Hello, World!", connection.read().bodyText());
            assertEquals(404, connection.read().status());
            assertEquals("third", connection.read().bodyText());
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void echoReturnsAContentLengthBodyWithItsContentType(Subject subject) throws Exception {
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 11\r\n\r\n{\"a\":\"\u00e9\"}\r\n");
            RawHttpConnection.Response response = connection.read();
            assertEquals(200, response.status());
            assertEquals("application/json", response.header("Content-Type"));
            assertArrayEquals("{\"a\":\"\u00e9\"}\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    response.body());

            connection.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
            RawHttpConnection.Response empty = connection.read();
            assertEquals(Route.DEFAULT_ECHO_TYPE, empty.header("Content-Type"));
            assertEquals("0", empty.header("Content-Length"));
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void echoReturnsAChunkedRequestBodyWithAContentLength(Subject subject) throws Exception {
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: text/plain\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            RawHttpConnection.Response response = connection.read();
            assertEquals(200, response.status());
            assertEquals("11", response.header("Content-Length"));
            assertEquals("hello world", response.bodyText());
            assertEquals(null, response.header("Transfer-Encoding"));
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void anUnknownPathIs404AndAWrongMethodIs405WithAllow(Subject subject) throws Exception {
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("GET /nowhere?plaintext HTTP/1.1\r\nHost: test\r\n\r\n");
            RawHttpConnection.Response notFound = connection.read();
            assertEquals(404, notFound.status());
            assertEquals("0", notFound.header("Content-Length"));

            connection.send("POST /plaintext HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\nhi");
            RawHttpConnection.Response notAllowed = connection.read();
            assertEquals(405, notAllowed.status());
            assertEquals("GET, HEAD", notAllowed.header("Allow"));

            connection.send("GET /echo HTTP/1.1\r\nHost: test\r\n\r\n");
            RawHttpConnection.Response getEcho = connection.read();
            assertEquals(405, getEcho.status());
            assertEquals("POST", getEcho.header("Allow"));
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void connectionCloseIsAnsweredThenClosed(Subject subject) throws Exception {
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("GET /plaintext HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
            RawHttpConnection.Response response = connection.read();
            assertEquals("Hello, World!", response.bodyText());
            assertEquals("close", response.header("Connection"));
            assertTrue(connection.closedByServer(), "the server keeps the connection open");
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void anHttp10RequestIsAnsweredAndClosed(Subject subject) throws Exception {
        assumeTrue(subject.speaksHttp10(), subject + " does not speak HTTP/1.0");
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("GET /plaintext HTTP/1.0\r\n\r\n");
            RawHttpConnection.Response response = connection.read();
            assertEquals(200, response.status());
            assertEquals("Hello, World!", response.bodyText());
            assertTrue(connection.closedByServer(), "HTTP/1.0 without keep-alive must close");
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void anHttp10KeepAliveRequestKeepsTheConnection(Subject subject) throws Exception {
        assumeTrue(subject.speaksHttp10(), subject + " does not speak HTTP/1.0");
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            for (int i = 0; i < 2; i++) {
                connection.send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawHttpConnection.Response response = connection.read();
                assertEquals("Hello, World!", response.bodyText());
                assertEquals("keep-alive", response.header("Connection"));
            }
        } finally {
            server.stop();
        }
    }

    /** Helidon 4.5 picks a connection's protocol by its first line ending in " HTTP/1.1": 1.0 is closed unanswered. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("contestants")
    void aContestantWithoutHttp10ClosesTheConnectionUnanswered(Subject subject) throws Exception {
        assumeFalse(subject.speaksHttp10(), subject + " speaks HTTP/1.0");
        Contestant server = subject.start();
        try (RawHttpConnection connection = new RawHttpConnection(server.localAddress())) {
            connection.send("GET /plaintext HTTP/1.0\r\n\r\n");
            assertTrue(connection.closedByServer(), "expected a close without a response");
        } finally {
            server.stop();
        }
    }
}
