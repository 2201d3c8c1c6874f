package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/1.1 ({@code --mode http}, SPEC section 2): the rules that make sense for any HTTP/1.1
 * server that answers {@code GET /plaintext} with {@code Hello, World!} and {@code POST /echo}
 * with the request's body. Keep-alive and pipelining in order, bodies however they are split or
 * framed, oversized parts refused with their status, framing a proxy could read differently
 * (request smuggling) refused, {@code Connection: close} and HTTP/1.0 honoured, and a bad client
 * harming nobody else. All are {@link RemoteRule}s: {@code vtnio verify --mode http} runs them
 * against anyone's server, production frameworks included. Those about bad or unusual input are
 * {@linkplain RemoteRule.Stake#ROBUSTNESS robustness} rules: {@code compare} reports a contestant
 * that fails them and measures it all the same, since what it measures is answered rightly.
 *
 * <p>Sizes are chosen so that every common server's limits are passed (64 KiB of request line,
 * 64 KiB of headers, a declared body of 1 GiB), so the rules hold whatever a server's own limits.
 */
abstract class HttpRules extends ServerRules {

    static final String PLAINTEXT = "Hello, World!";

    /**
     * How long a client stalled partway through its headers may hold its connection: vtnio's
     * servers cut it off after 5 s (core's {@code ConnectionPolicy.requestStall}); any server
     * passes that does within this.
     */
    static final Duration STALL_LIMIT = Duration.ofSeconds(15);

    /** The rules of this family that run against any server: all of them. */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("http", "plaintextAnswersHelloWorld", Needs.http(), 10, HttpRules::plaintextAnswersHelloWorld),
            RemoteRule.of("http", "pipelinedRequestsAreAnsweredInOrder", Needs.http(), 15,
                    HttpRules::pipelinedRequestsAreAnsweredInOrder),
            RemoteRule.of("http", "echoReturnsABodySplitAcrossManyWrites", Needs.http(), 15,
                    HttpRules::echoReturnsABodySplitAcrossManyWrites),
            RemoteRule.of("http", "echoReturnsAChunkedBody", Needs.http(), 10, HttpRules::echoReturnsAChunkedBody),
            RemoteRule.of("http", "headAnswersWithoutABody", Needs.http(), 10, HttpRules::headAnswersWithoutABody),
            RemoteRule.of("http", "unknownPathIs404AndWrongMethodIs405", Needs.http(), 10,
                    HttpRules::unknownPathIs404AndWrongMethodIs405),
            RemoteRule.of("http", "connectionCloseIsHonoured", Needs.http(), 10, HttpRules::connectionCloseIsHonoured),
            // What the scenarios never send, and what clients may send wrongly: findings, not refusals.
            RemoteRule.of("http", "chunkExtensionsAreIgnored", Needs.http(), 10, HttpRules::chunkExtensionsAreIgnored)
                    .aboutRobustness(),
            RemoteRule.of("http", "http10IsAnsweredAndClosed", Needs.http(), 10, HttpRules::http10IsAnsweredAndClosed)
                    .aboutRobustness(),
            RemoteRule.of("http", "oversizedRequestLineIsRefusedWith414", Needs.http(), 10,
                    HttpRules::oversizedRequestLineIsRefusedWith414).aboutRobustness(),
            RemoteRule.of("http", "oversizedHeadersAreRefusedWith431", Needs.http(), 10,
                    HttpRules::oversizedHeadersAreRefusedWith431).aboutRobustness(),
            RemoteRule.of("http", "oversizedBodyIsRefusedWith413", Needs.http(), 10,
                    HttpRules::oversizedBodyIsRefusedWith413).aboutRobustness(),
            RemoteRule.of("http", "contentLengthWithTransferEncodingIsRefused", Needs.http(), 10,
                    HttpRules::contentLengthWithTransferEncodingIsRefused).aboutRobustness(),
            RemoteRule.of("http", "conflictingContentLengthsAreRefused", Needs.http(), 10,
                    HttpRules::conflictingContentLengthsAreRefused).aboutRobustness(),
            RemoteRule.of("http", "malformedRequestIsRefusedWith400AndHarmsNoOther", Needs.http(), 15,
                    HttpRules::malformedRequestIsRefusedWith400AndHarmsNoOther).aboutRobustness(),
            RemoteRule.of("http", "clientStalledInItsHeadersIsCutOff", Needs.http(), (int) STALL_LIMIT.toSeconds() + 10,
                    HttpRules::clientStalledInItsHeadersIsCutOff).aboutRobustness());

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: vtnio\r\n\r\n";
    }

    static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: vtnio\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static void plaintextAnswersHelloWorld(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        for (int i = 0; i < 3; i++) { // keep-alive: the same connection serves again
            client.send(get("/plaintext"));
            HttpReply reply = HttpReply.read(client);
            assertEquals(200, reply.status(), "status of request " + i);
            assertEquals(PLAINTEXT, reply.bodyText(), "body of request " + i);
        }
    }

    static void pipelinedRequestsAreAnsweredInOrder(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            requests.append(i % 2 == 0 ? get("/plaintext") : post("/echo", "request " + i));
        }
        client.send(requests.toString());
        for (int i = 0; i < 100; i++) {
            HttpReply reply = HttpReply.read(client);
            assertEquals(200, reply.status(), "status of request " + i);
            assertEquals(i % 2 == 0 ? PLAINTEXT : "request " + i, reply.bodyText(), "body of request " + i);
        }
    }

    static void echoReturnsABodySplitAcrossManyWrites(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        byte[] body = new byte[20_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        client.send("POST /echo HTTP/1.1\r\nHost: vtnio\r\nContent-Length: " + body.length + "\r\n\r\n");
        for (int from = 0; from < body.length; from += 1000) {
            client.send(java.util.Arrays.copyOfRange(body, from, from + 1000));
            Thread.sleep(5);
        }
        HttpReply reply = HttpReply.read(client);
        assertEquals(200, reply.status());
        assertArrayEquals(body, reply.body(), "the body, sent in 20 writes");
    }

    static void echoReturnsAChunkedBody(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("POST /echo HTTP/1.1\r\nHost: vtnio\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n");
        Thread.sleep(20);
        client.send("7\r\n, world\r\n0\r\n\r\n" + get("/plaintext"));
        HttpReply reply = HttpReply.read(client);
        assertEquals(200, reply.status());
        assertEquals("hello, world", reply.bodyText(), "the chunks joined");
        assertEquals(PLAINTEXT, HttpReply.read(client).bodyText(), "the request after the chunked one");
    }

    static void chunkExtensionsAreIgnored(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        // RFC 9112, 7.1.1: a recipient must ignore chunk extensions it does not understand.
        client.send("POST /echo HTTP/1.1\r\nHost: vtnio\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1;flag\r\n!\r\n0\r\n\r\n");
        HttpReply reply = HttpReply.read(client);
        assertEquals(200, reply.status(), "chunks with extensions");
        assertEquals("hello!", reply.bodyText());
    }

    static void headAnswersWithoutABody(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("HEAD /plaintext HTTP/1.1\r\nHost: vtnio\r\n\r\n" + get("/plaintext"));
        HttpReply head = HttpReply.read(client, true);
        assertEquals(200, head.status(), "HEAD's status");
        HttpReply next = HttpReply.read(client);
        assertEquals(PLAINTEXT, next.bodyText(), "HEAD's response carried no body: the next response follows it");
    }

    static void unknownPathIs404AndWrongMethodIs405(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send(get("/no-such-path"));
        assertEquals(404, HttpReply.read(client).status(), "an unknown path");
        client.send("DELETE /plaintext HTTP/1.1\r\nHost: vtnio\r\n\r\n");
        HttpReply reply = HttpReply.read(client);
        assertEquals(405, reply.status(), "DELETE /plaintext");
        assertTrue(reply.header("Allow") != null, "a 405 names the allowed methods (RFC 9110, 15.5.6)");
        client.send(get("/plaintext"));
        assertEquals(PLAINTEXT, HttpReply.read(client).bodyText(), "the connection serves on after a 404 and a 405");
    }

    static void connectionCloseIsHonoured(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("GET /plaintext HTTP/1.1\r\nHost: vtnio\r\nConnection: close\r\n\r\n");
        HttpReply reply = HttpReply.read(client);
        assertEquals(PLAINTEXT, reply.bodyText());
        assertTrue(reply.closes(), "the response says Connection: close (RFC 9112, 9.6)");
        client.assertClosed();
    }

    static void http10IsAnsweredAndClosed(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("GET /plaintext HTTP/1.0\r\n\r\n");
        HttpReply reply = HttpReply.read(client);
        assertEquals(200, reply.status());
        assertEquals(PLAINTEXT, reply.bodyText());
        client.assertClosed(); // HTTP/1.0 without keep-alive ends with the response

        TestClient kept = rule.connect();
        kept.send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        HttpReply first = HttpReply.read(kept);
        assertEquals(PLAINTEXT, first.bodyText());
        if ("keep-alive".equalsIgnoreCase(first.header("Connection"))) {
            kept.send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals(PLAINTEXT, HttpReply.read(kept).bodyText(), "a kept HTTP/1.0 connection serves again");
        } else {
            kept.assertClosed(); // a server may decline keep-alive for 1.0, but then it closes
        }
    }

    static void oversizedRequestLineIsRefusedWith414(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("GET /plaintext?" + "q".repeat(64 * 1024) + " HTTP/1.1\r\nHost: vtnio\r\n\r\n");
        HttpReply reply = HttpReply.read(client);
        assertEquals(414, reply.status(), "a 64 KiB request line");
        client.assertClosedDiscardingInput();
    }

    static void oversizedHeadersAreRefusedWith431(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        StringBuilder request = new StringBuilder("GET /plaintext HTTP/1.1\r\nHost: vtnio\r\n");
        for (int i = 0; i < 64; i++) {
            request.append("X-Filler-").append(i).append(": ").append("f".repeat(1000)).append("\r\n");
        }
        client.send(request.append("\r\n").toString());
        HttpReply reply = HttpReply.read(client);
        assertEquals(431, reply.status(), "64 KiB of header fields");
        client.assertClosedDiscardingInput();
    }

    static void oversizedBodyIsRefusedWith413(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        // Refused from the length alone: the 1 GiB never comes.
        client.send("POST /echo HTTP/1.1\r\nHost: vtnio\r\nContent-Length: 1073741824\r\n\r\n" + "x".repeat(1000));
        HttpReply reply = HttpReply.read(client);
        assertEquals(413, reply.status(), "a declared body of 1 GiB");
        // Then a server may close, or read and discard the body to keep the connection (Netty does):
        // both are RFC 9110's (15.5.14); vtnio's servers close (workRunsPerRequest... below).
    }

    static void contentLengthWithTransferEncodingIsRefused(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        // A front end that frames by Content-Length would pass "0\r\n\r\nGET /smuggled ..." as the
        // body; one that frames by chunks sees a second request. RFC 9112 (6.1) lets a server
        // refuse such a request, or read it as chunked and close the connection after answering.
        client.send("POST /echo HTTP/1.1\r\nHost: vtnio\r\nContent-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: vtnio\r\n\r\n");
        HttpReply reply = HttpReply.read(client);
        if (reply.status() == 400) {
            client.assertClosedDiscardingInput();
        } else {
            assertEquals(200, reply.status(), "either 400, or the request read as chunked");
            assertEquals("", reply.bodyText(), "read as chunked, the body is empty");
            client.assertClosedDiscardingInput(); // and the smuggled request is never answered
        }
    }

    static void conflictingContentLengthsAreRefused(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("POST /echo HTTP/1.1\r\nHost: vtnio\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde");
        assertEquals(400, HttpReply.read(client).status(), "two Content-Lengths that differ (RFC 9112, 6.3)");
        client.assertClosedDiscardingInput();
    }

    static void malformedRequestIsRefusedWith400AndHarmsNoOther(RuleContext rule) throws Exception {
        TestClient good = rule.connect();
        good.send(get("/plaintext"));
        assertEquals(PLAINTEXT, HttpReply.read(good).bodyText());
        TestClient bad = rule.connect();
        bad.send("GET /plaintext HTTP/1.1\r\nHost: vtnio\r\nX-Broken header without a colon\r\n\r\n");
        assertEquals(400, HttpReply.read(bad).status(), "a header field without a colon");
        bad.assertClosedDiscardingInput();
        TestClient garbage = rule.connect();
        garbage.send(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n', '\r', '\n'});
        HttpReply refused = HttpReply.read(garbage);
        assertTrue(refused.status() >= 400 && refused.status() < 500, "binary garbage: got " + refused.status());
        garbage.assertClosedDiscardingInput();
        good.send(get("/plaintext"));
        assertEquals(PLAINTEXT, HttpReply.read(good).bodyText(), "the good client, after the bad ones");
    }

    static void clientStalledInItsHeadersIsCutOff(RuleContext rule) throws Exception {
        stallAndExpectTheCutOff(rule.connect(STALL_LIMIT));
    }

    /** Sends part of a request's headers and nothing more; expects 408 (or 400, or a plain close) within the limit. */
    static long stallAndExpectTheCutOff(TestClient stalled) throws Exception {
        long startNanos = System.nanoTime();
        stalled.send("GET /plaintext HTTP/1.1\r\nHost: vtnio\r\nX-Stalled: "); // and nothing more
        byte[] answer;
        try {
            answer = stalled.readOnce(4096);
        } catch (java.io.EOFException | java.net.SocketException closed) {
            answer = new byte[0]; // closed without a word: allowed
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("a client stalled in its headers still held its connection after "
                    + STALL_LIMIT.toSeconds() + " s (a slowloris attack holds every connection this way)");
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertTrue(answer.length == 0 || text.startsWith("HTTP/1.1 408") || text.startsWith("HTTP/1.0 408")
                || text.startsWith("HTTP/1.1 400"), "cut off with 408 (or 400, or a plain close), got: "
                + text.lines().findFirst().orElse(""));
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    @Timeout(20)
    void onlyAStallPartwayThroughARequestIsCutOffNotAnIdleKeepAliveConnection() throws Exception {
        Server server = startServer(new ConnectionPolicy(ConnectionPolicy.DEFAULT.errorLinger(),
                ConnectionPolicy.DEFAULT.idle(), ConnectionPolicy.DEFAULT.writerSettle(),
                ConnectionPolicy.DEFAULT.forcedStopWait(), Duration.ofMillis(500)), "--mode", "http");
        TestClient idle = connect(server);
        idle.send(get("/plaintext"));
        assertEquals(PLAINTEXT, HttpReply.read(idle).bodyText());
        long heldMillis = stallAndExpectTheCutOff(connect(server));
        assertTrue(heldMillis >= 400, "cut off after the stall limit, not before: " + heldMillis + " ms");
        Thread.sleep(600);
        idle.send(get("/plaintext"));
        assertEquals(PLAINTEXT, HttpReply.read(idle).bodyText(), "a keep-alive connection idle between requests for "
                + "over a second is still served: only a stall partway through a request is cut off");
        TestClient oversized = connect(server);
        oversized.send("POST /echo HTTP/1.1\r\nHost: vtnio\r\nContent-Length: 1073741824\r\n\r\nxyz");
        assertEquals(413, HttpReply.read(oversized).status());
        oversized.assertClosedDiscardingInput(); // vtnio's servers do not read a body they refused
        Eventually.await("the stalled one counted an error", Duration.ofSeconds(5),
                () -> snapshot(server).errors() == 2, () -> snapshot(server).toJson());
    }

    @Test
    @Timeout(20)
    void workRunsPerRequestAndRepliesCountLikeEchoReplies() throws Exception {
        Server server = startServer("--mode", "http", "--work", "sleep:2ms");
        TestClient client = connect(server);
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            requests.append(post("/echo", "work " + i));
        }
        client.send(requests.toString());
        for (int i = 0; i < 50; i++) {
            assertEquals("work " + i, HttpReply.read(client).bodyText(), "response " + i + ", after its work");
        }
        client.send("GET /plaintext HTTP/1.1\r\n\r\n"); // no Host: 400, an error and no reply
        assertEquals(400, HttpReply.read(client).status());
        client.assertClosedDiscardingInput();
        Eventually.await("the connection counted closed", Duration.ofSeconds(5),
                () -> snapshot(server).connectionsClosed() == 1, () -> snapshot(server).toJson());
        MetricsSnapshot metrics = snapshot(server);
        assertEquals(50, metrics.messagesIn(), "requests read: " + metrics.toJson());
        assertEquals(50, metrics.messagesOut(), "responses the kernel took, the 400 not among them: " + metrics.toJson());
        assertEquals(1, metrics.errors(), "the 400 is the error it answers: " + metrics.toJson());
    }
}
