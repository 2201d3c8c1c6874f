package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules of SPEC sections 1 and 2 that every vtnio server must keep, as one JUnit suite. An
 * implementation's test is a one-line subclass naming its factory:
 *
 * <pre>{@code
 * class VirtualThreadServerConformanceTest extends ServerConformanceSuite {
 *     @Override protected ServerFactory factory() { return new VirtualThreadServerFactory(); }
 * }
 * }</pre>
 *
 * <p>Most tests run the server in this JVM ({@code factory().create(ServerConfig.parse(...))}) and
 * talk raw bytes to it over {@link TestClient}s. What needs a process of its own (signals, the
 * stdout contract, CPU time, a descriptor limit) runs it through {@link ForkedServer}. Every test
 * binds port 0, has a {@link Timeout}, and every client read has a timeout, so a missing reply
 * fails instead of hanging. Timings are asserted only with generous bounds.
 *
 * <p>Threading: JUnit runs the tests one at a time; clients inside a test run on virtual threads.
 */
public abstract class ServerConformanceSuite {

    private static final String SUFFIX = "好";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** The implementation under test; called once per test. */
    protected abstract ServerFactory factory();

    // ---------------------------------------------------------------- echo, line framing

    @Test
    @Timeout(10)
    void echoAnswersALineWithItsSuffixAndANewline() throws Exception {
        TestClient client = connect(startServer());
        client.send("hello\n");
        assertArrayEquals(utf8("hello好\n"), client.readExactly(utf8("hello好\n").length));
    }

    @Test
    @Timeout(10)
    void echoAnswersFiveHundredLinesFromOneWriteInOrder() throws Exception {
        TestClient client = connect(startServer());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            lines.append("line-").append(i).append('\n');
        }
        client.send(lines.toString());
        for (int i = 0; i < 500; i++) {
            assertEquals("line-" + i + SUFFIX, client.readLine(), "reply " + i);
        }
    }

    @Test
    @Timeout(10)
    void echoAssemblesALineSentOneByteAtATime() throws Exception {
        TestClient client = connect(startServer());
        for (byte b : utf8("one byte at a time\n")) {
            client.send(new byte[] {b});
            Thread.sleep(2);
        }
        assertEquals("one byte at a time" + SUFFIX, client.readLine());
    }

    @Test
    @Timeout(10)
    void echoPassesAUtf8CharacterSplitAcrossWritesUnchanged() throws Exception {
        TestClient client = connect(startServer());
        byte[] euro = utf8("€");
        assertEquals(3, euro.length);
        client.send(new byte[] {'a', euro[0]});
        Thread.sleep(20);
        client.send(new byte[] {euro[1]});
        Thread.sleep(20);
        client.send(new byte[] {euro[2], 'b', '\n'});
        assertArrayEquals(utf8("a€b好\n"), client.readExactly(utf8("a€b好\n").length));
    }

    @Test
    @Timeout(10)
    void echoDropsTheCarriageReturnBeforeTheNewlineOnly() throws Exception {
        TestClient client = connect(startServer());
        client.send("crlf\r\n");
        assertEquals("crlf" + SUFFIX, client.readLine());
        client.send("lone\rinside\r\n");
        assertEquals("lone\rinside" + SUFFIX, client.readLine());
        client.send("split\r");
        Thread.sleep(20);
        client.send("\n");
        assertEquals("split" + SUFFIX, client.readLine());
    }

    @Test
    @Timeout(10)
    void echoAnswersAnEmptyLineWithTheSuffixAlone() throws Exception {
        TestClient client = connect(startServer());
        client.send("\n\r\n");
        assertArrayEquals(utf8("好\n好\n"), client.readExactly(utf8("好\n好\n").length));
    }

    @Test
    @Timeout(20)
    void lineOfMaxLineBytesIsAnsweredAndOneByteMoreGetsAnErrorAndACloseOfThatConnectionOnly() throws Exception {
        Server server = startServer();
        TestClient bystander = connect(server);
        roundTrip(bystander, "before");

        TestClient longest = connect(server);
        String max = "a".repeat(65_536);
        longest.send(max + "\n");
        assertArrayEquals(utf8(max + "好\n"), longest.readExactly(65_536 + 4));

        TestClient tooLong = connect(server);
        tooLong.send("ok\n" + "b".repeat(65_537) + "\n");
        assertEquals("ok" + SUFFIX, tooLong.readLine(), "lines before the long one are still answered");
        assertEquals("ERR line too long", tooLong.readLine());
        tooLong.assertClosed();

        roundTrip(bystander, "after");
        roundTrip(longest, "still open");
        Eventually.await("errors counts the too-long line", Duration.ofSeconds(5),
                () -> snapshot(server).errors() >= 1, () -> snapshot(server).toJson());
    }

    @Test
    @Timeout(10)
    void lineThatCannotFitMaxLineIsRefusedBeforeItsNewlineArrives() throws Exception {
        Server server = startServer("--max-line", "8");
        TestClient exact = connect(server);
        exact.send("12345678\r\n");
        assertEquals("12345678" + SUFFIX, exact.readLine(), "--max-line bytes plus \\r\\n is a legal line");

        TestClient tooLong = connect(server);
        tooLong.send("1234");
        Thread.sleep(20);
        tooLong.send("56789");
        assertEquals("ERR line too long", tooLong.readLine(), "nine bytes can no longer become an 8-byte line");
        tooLong.assertClosed();
        roundTrip(exact, "1234");
    }

    @Test
    @Timeout(10)
    void echoReturnsEveryByteValueExceptNewlineUnchanged() throws Exception {
        TestClient client = connect(startServer());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int round = 0; round < 2; round++) {
            for (int b = 0; b < 256; b++) {
                if (b != '\n') {
                    line.write(b);
                }
            }
        }
        line.write(new byte[] {(byte) 0xc3, 0x28, (byte) 0xe2, (byte) 0x82, (byte) 0xf0, (byte) 0xed, (byte) 0xa0,
            (byte) 0x80, (byte) 0xc0, (byte) 0xaf});
        byte[] message = line.toByteArray();
        byte[] sent = Arrays.copyOf(message, message.length + 1);
        sent[message.length] = '\n';
        client.send(sent);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(message);
        expected.write(utf8("好\n"));
        assertArrayEquals(expected.toByteArray(), client.readExactly(expected.size()));
    }

    @Test
    @Timeout(10)
    void customSuffixIsAppended() throws Exception {
        TestClient client = connect(startServer("--suffix", " [ok]"));
        client.send("hi\n");
        assertArrayEquals(utf8("hi [ok]\n"), client.readExactly(utf8("hi [ok]\n").length));
    }

    @Test
    @Timeout(10)
    void emptySuffixEchoesTheMessageAlone() throws Exception {
        TestClient client = connect(startServer("--suffix", ""));
        client.send("plain\n\n");
        assertArrayEquals(utf8("plain\n\n"), client.readExactly(7));
    }

    @Test
    @Timeout(20)
    void echoWithCpuWorkAnswersPipelinedLinesInOrder() throws Exception {
        TestClient client = connect(startServer("--work", "cpu:200"));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            lines.append("work-").append(i).append('\n');
        }
        client.send(lines.toString());
        for (int i = 0; i < 200; i++) {
            assertEquals("work-" + i + SUFFIX, client.readLine(), "reply " + i);
        }
    }

    // ---------------------------------------------------------------- raw framing, ports

    @Test
    @Timeout(10)
    void rawFramingAnswersTheTutorialClientsSendallThenRecv() throws Exception {
        Server server = startServer("--framing", "raw");
        TestClient client = connect(server);
        // The tutorial's client: sock.sendall(text) with no newline, then sock.recv(1024).
        client.send("Hello, world");
        assertEquals("Hello, world好", new String(client.readOnce(1024), StandardCharsets.UTF_8));
        client.send("again");
        assertEquals("again好", new String(client.readOnce(1024), StandardCharsets.UTF_8));

        TestClient second = connect(server);
        second.send("line\nstays\n");
        assertEquals("line\nstays\n好", new String(second.readOnce(1024), StandardCharsets.UTF_8),
                "raw framing answers the chunk, newlines and all, and adds none");
    }

    @Test
    @Timeout(10)
    void rawFramingAnswersThenClosesOnHalfClose() throws Exception {
        TestClient client = connect(startServer("--framing", "raw", "--suffix", ""));
        client.send("bye");
        client.shutdownOutput();
        assertArrayEquals(utf8("bye"), client.readExactly(3));
        client.assertEof();
    }

    @Test
    @Timeout(10)
    void everyPortServesTheSameMode() throws Exception {
        Server server = startServer("--port", "0", "--port", "0", "--port", "0", "--suffix", "!");
        List<InetSocketAddress> addresses = server.localAddresses();
        assertEquals(3, addresses.size(), "one address per --port: " + addresses);
        assertEquals(3, new HashSet<>(addresses.stream().map(InetSocketAddress::getPort).toList()).size(),
                "each --port 0 takes its own free port: " + addresses);
        for (InetSocketAddress address : addresses) {
            assertNotEquals(0, address.getPort());
            TestClient client = register(TestClient.connect(address.getPort()));
            client.send("port " + address.getPort() + "\n");
            assertEquals("port " + address.getPort() + "!", client.readLine());
        }
    }

    // ---------------------------------------------------------------- chat

    @Test
    @Timeout(30)
    void chatDeliversEveryLineToEveryClientSenderIncludedInOneOrder() throws Exception {
        assertChatKeepsOneOrder(startServer("--mode", "chat"));
    }

    @Test
    @Timeout(30)
    void chatKeepsOneOrderAcrossSeveralLoops() throws Exception {
        assertChatKeepsOneOrder(startServer("--mode", "chat", "--loops", "3"));
    }

    @Test
    @Timeout(60)
    void chatDisconnectsAClientThatNeverReadsWhileTheOthersReceiveEverything() throws Exception {
        Server server = startServer("--mode", "chat", "--max-outbound", "64k");
        TestClient nonReader = register(TestClient.connect(new InetSocketAddress("127.0.0.1", port(server)),
                Duration.ofSeconds(10), socket -> {
                    try {
                        socket.setReceiveBufferSize(4096);
                    } catch (SocketException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
        nonReader.send("join-non-reader\n");
        assertEquals("join-non-reader", nonReader.readLine(), "a new chat client first hears its own line");
        // From here on the non-reader never reads again.

        List<TestClient> others = joinChat(server, 3);
        List<BackgroundReader> readers = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            readers.add(register(BackgroundReader.start("reader-" + i, others.get(i), line -> line.startsWith("p-"))));
        }
        TestClient publisher = others.get(0);

        // Batches of 32 KiB, each awaited by every reader before the next: a reader is never more
        // than half of --max-outbound behind, while the non-reader falls further behind each time.
        String padding = "x".repeat(1000);
        int sent = 0;
        long sentBytes = 0;
        long drops = 0;
        int batchesAfterDrop = 0;
        while (batchesAfterDrop < 3) {
            if (sentBytes > 32L << 20) {
                throw new AssertionError("published " + sentBytes + " bytes and the client that never reads was "
                        + "not dropped as a slow consumer (--max-outbound 64k); " + snapshot(server).toJson());
            }
            StringBuilder batch = new StringBuilder();
            for (int k = 0; k < 32; k++) {
                batch.append("p-").append(sent++).append('-').append(padding).append('\n');
            }
            publisher.send(batch.toString());
            sentBytes += batch.length();
            for (BackgroundReader reader : readers) {
                reader.awaitCount(sent, Duration.ofSeconds(10));
            }
            drops = snapshot(server).slowConsumerDrops();
            if (drops > 0) {
                batchesAfterDrop++;
            }
        }

        nonReader.assertClosedDiscardingInput();
        for (int r = 0; r < readers.size(); r++) {
            List<String> lines = readers.get(r).lines();
            assertEquals(sent, lines.size(), "reader " + r + " received every line exactly once");
            for (int k = 0; k < sent; k++) {
                String line = lines.get(k);
                if (!line.startsWith("p-" + k + "-")) {
                    throw new AssertionError("reader " + r + ": line " + k + " should be p-" + k + "-..., got "
                            + line.substring(0, Math.min(20, line.length())));
                }
            }
        }
        assertEquals(1, snapshot(server).slowConsumerDrops(), "only the client that never reads is dropped");
        Eventually.await("the dropped client is counted closed", Duration.ofSeconds(5),
                () -> server.metrics().connectionsOpen() == others.size(), () -> snapshot(server).toJson());
    }

    @Test
    @Timeout(20)
    void chatRoomSpansEveryPort() throws Exception {
        Server server = startServer("--mode", "chat", "--port", "0", "--port", "0");
        List<InetSocketAddress> addresses = server.localAddresses();
        TestClient first = register(TestClient.connect(addresses.get(0).getPort()));
        first.send("join-first\n");
        assertEquals("join-first", first.readLine());
        TestClient second = register(TestClient.connect(addresses.get(1).getPort()));
        second.send("join-second\n");
        assertEquals("join-second", second.readLine());
        assertEquals("join-second", first.readLine(), "a line sent on the second port reaches the first");
        first.send("from the first port\n");
        assertEquals("from the first port", first.readLine());
        assertEquals("from the first port", second.readLine(), "a line sent on the first port reaches the second");
    }

    @Test
    @Timeout(20)
    void chatHalfCloseDeliversTheSendersLinesToEveryoneThenCloses() throws Exception {
        Server server = startServer("--mode", "chat");
        List<TestClient> clients = joinChat(server, 2);
        TestClient leaving = clients.get(0);
        leaving.send("last words\nreally last\n");
        leaving.shutdownOutput();
        assertEquals("last words", readChatUntil(leaving, "last words"));
        assertEquals("really last", leaving.readLine());
        leaving.assertEof();
        assertEquals("last words", readChatUntil(clients.get(1), "last words"));
        assertEquals("really last", clients.get(1).readLine());
        roundTripChat(clients.get(1), "alone now");
    }

    @Test
    @Timeout(20)
    void chatClientThatResetsDoesNotDisturbTheOthers() throws Exception {
        Server server = startServer("--mode", "chat");
        List<TestClient> clients = joinChat(server, 3);
        clients.get(2).reset();
        clients.get(0).send("after the reset\n");
        assertEquals("after the reset", readChatUntil(clients.get(0), "after the reset"));
        assertEquals("after the reset", readChatUntil(clients.get(1), "after the reset"));
        clients.get(1).send("still here\n");
        assertEquals("still here", clients.get(0).readLine());
        assertEquals("still here", clients.get(1).readLine());
        Eventually.await("the reset client is closed", Duration.ofSeconds(5),
                () -> server.metrics().connectionsOpen() == 2, () -> snapshot(server).toJson());
    }

    // ---------------------------------------------------------------- hello

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

    // ---------------------------------------------------------------- many clients, faults

    @Test
    @Timeout(60)
    void thousandConcurrentClientsEachGetAHundredVerifiedRoundTrips() throws Exception {
        assertConcurrentRoundTrips(startServer(), 1_000, 100);
    }

    @Test
    @Timeout(30)
    void severalLoopsServeManyClientsEachInOrder() throws Exception {
        assertConcurrentRoundTrips(startServer("--loops", "3", "--work", "cpu:5"), 300, 30);
    }

    @Test
    @Timeout(30)
    void clientsThatResetOrVanishMidLineLeaveTheServerServing() throws Exception {
        Server server = startServer();
        int port = port(server);
        int clientCount = 200;
        String manyLines = "line\n".repeat(2_000);
        Concurrently.run(clientCount, i -> {
            TestClient client = TestClient.connect(port);
            switch (i % 4) {
                case 0 -> {
                    client.send("half a li");
                    client.reset();
                }
                case 1 -> {
                    client.send("a whole line whose reply meets a reset\n");
                    client.reset();
                }
                case 2 -> {
                    client.send("vanish mid-li");
                    client.close();
                }
                default -> {
                    client.send(manyLines);
                    client.reset();
                }
            }
        });

        TestClient fresh = connect(server);
        roundTrip(fresh, "still serving");
        fresh.close();
        Eventually.await("every connection is closed", Duration.ofSeconds(10),
                () -> server.metrics().connectionsOpen() == 0, () -> snapshot(server).toJson());
        assertTrue(server.metrics().connectionsAccepted() >= clientCount + 1, snapshot(server).toJson());
        roundTrip(connect(server), "and serving again");
    }

    @Test
    @Timeout(30)
    void echoClientThatDoesNotReadDelaysOnlyItselfAndGetsEveryReplyLater() throws Exception {
        Server server = startServer();
        TestClient stalled = register(TestClient.connect(new InetSocketAddress("127.0.0.1", port(server)),
                Duration.ofSeconds(20), socket -> {
                    try {
                        socket.setReceiveBufferSize(8192);
                    } catch (SocketException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
        int lineCount = 200_000;
        // Write from a thread of its own: once the server rightly stops reading, writes block.
        Future<?> writer;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            writer = executor.submit((Callable<Void>) () -> {
                for (int i = 0; i < lineCount; i += 1_000) {
                    StringBuilder chunk = new StringBuilder();
                    for (int k = i; k < i + 1_000; k++) {
                        chunk.append("s-").append(k).append('\n');
                    }
                    stalled.send(chunk.toString());
                }
                return null;
            });
            Thread.sleep(300);
            TestClient other = connect(server);
            for (int i = 0; i < 10; i++) {
                roundTrip(other, "meanwhile-" + i);
            }
            for (int i = 0; i < lineCount; i++) {
                String reply = stalled.readLine();
                if (!reply.equals("s-" + i + SUFFIX)) {
                    throw new AssertionError("reply " + i + " to the client that paused reading: " + reply);
                }
            }
            writer.get(20, TimeUnit.SECONDS);
        }
        roundTrip(stalled, "caught up");
    }

    @Test
    @Timeout(10)
    void halfCloseGetsEveryReplyThenEndOfStream() throws Exception {
        TestClient client = connect(startServer());
        client.send("one\ntwo\nthree\nfour\nfive\n");
        client.shutdownOutput();
        for (String word : List.of("one", "two", "three", "four", "five")) {
            assertEquals(word + SUFFIX, client.readLine());
        }
        client.assertEof();
    }

    @Test
    @Timeout(10)
    void halfCloseWaitsForWorkInFlight() throws Exception {
        TestClient client = connect(startServer("--work", "sleep:20ms"));
        client.send("one\ntwo\nthree\nfour\nfive\n");
        client.shutdownOutput();
        for (String word : List.of("one", "two", "three", "four", "five")) {
            assertEquals(word + SUFFIX, client.readLine());
        }
        client.assertEof();
    }

    @Test
    @Timeout(60)
    void slowWorkKeepsPerConnectionOrderWhileNewClientsAreStillAccepted() throws Exception {
        Server server = startServer("--work", "sleep:50ms");
        int clientCount = 200;
        int linesEach = 5;
        Duration patient = Duration.ofSeconds(30);
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(connect(server, patient));
        }
        Eventually.await("200 clients accepted", Duration.ofSeconds(10),
                () -> server.metrics().connectionsAccepted() >= clientCount, () -> snapshot(server).toJson());
        for (int i = 0; i < clientCount; i++) {
            StringBuilder lines = new StringBuilder();
            for (int j = 0; j < linesEach; j++) {
                lines.append("c").append(i).append('-').append(j).append('\n');
            }
            clients.get(i).send(lines.toString());
        }

        // 1000 messages of 50 ms are now queued; a newcomer must not wait for them to be accepted.
        long acceptedBefore = server.metrics().connectionsAccepted();
        TestClient newcomer = connect(server, patient);
        Duration acceptDelay = Eventually.await("the newcomer is accepted", Duration.ofSeconds(10),
                () -> server.metrics().connectionsAccepted() > acceptedBefore, () -> snapshot(server).toJson());
        assertTrue(acceptDelay.compareTo(Duration.ofSeconds(1)) < 0,
                "accepting a new client took " + acceptDelay + " while work was queued");

        for (int i = 0; i < clientCount; i++) {
            for (int j = 0; j < linesEach; j++) {
                assertEquals("c" + i + "-" + j + SUFFIX, clients.get(i).readLine(), "client " + i + " reply " + j);
            }
        }
        roundTrip(newcomer, "newcomer");
    }

    // ---------------------------------------------------------------- metrics, stop

    @Test
    @Timeout(10)
    void metricsCountConnectionsAndMessages() throws Exception {
        Server server = startServer();
        try (TestClient client = TestClient.connect(port(server))) {
            for (int i = 0; i < 10; i++) {
                roundTrip(client, "m-" + i);
            }
        }
        Eventually.await("the closed connection is counted", Duration.ofSeconds(5),
                () -> snapshot(server).connectionsClosed() == 1, () -> snapshot(server).toJson());
        MetricsSnapshot s = snapshot(server);
        assertEquals(1, s.connectionsAccepted(), s.toJson());
        assertEquals(0, s.connectionsOpen(), s.toJson());
        assertEquals(10, s.messagesIn(), s.toJson());
        assertEquals(10, s.messagesOut(), s.toJson());
        assertTrue(s.bytesIn() >= 10 * 3 && s.bytesIn() <= 10 * 4, "bytesIn between payload and wire bytes: " + s.toJson());
        assertTrue(s.bytesOut() >= 10 * 6 && s.bytesOut() <= 10 * 7, "bytesOut between payload and wire bytes: " + s.toJson());
        assertEquals(0, s.errors(), "an orderly close is no error: " + s.toJson());
        assertEquals(0, s.slowConsumerDrops(), s.toJson());
    }

    @Test
    @Timeout(15)
    void stopClosesConnectionsAndStopsAccepting() throws Exception {
        Server server = startServer();
        int port = port(server);
        TestClient idle = connect(server);
        roundTrip(idle, "before stop");
        server.stop(Duration.ofSeconds(1));
        idle.assertEof();
        assertThrows(ConnectException.class, () -> TestClient.connect(port).close(),
                "a stopped server accepts nobody");
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    @Timeout(15)
    void stopSendsEveryOwedReplyBeforeClosing() throws Exception {
        Server server = startServer("--work", "sleep:100ms");
        TestClient client = connect(server);
        roundTrip(client, "accepted");
        client.send("a\nb\nc\n");
        Thread.sleep(50);
        Future<Void> stop;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            stop = executor.submit(() -> {
                server.stop(Duration.ofSeconds(5));
                return null;
            });
            for (String line : List.of("a", "b", "c")) {
                assertEquals(line + SUFFIX, client.readLine(), "a reply owed when stop began");
            }
            client.assertClosed();
            stop.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(15)
    void stopGivesUpOnOwedRepliesAfterTheDrainTimeout() throws Exception {
        Server server = startServer("--work", "sleep:8s");
        TestClient client = connect(server, Duration.ofSeconds(10));
        client.send("never answered\n");
        Thread.sleep(200);
        long startNanos = System.nanoTime();
        server.stop(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0,
                "stop with a 300 ms drain timeout took " + took + " waiting for 8 s of work");
        client.assertClosed();
    }

    // ---------------------------------------------------------------- forked: signals, stdout, limits

    @Test
    @Timeout(60)
    void sigtermDeliversEveryOwedReplyThenPrintsFinalStatsAndExits() throws Exception {
        ForkedServer server = fork(List.of("--work", "sleep:200ms"));
        int clientCount = 10;
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(register(TestClient.connect(server.port(), Duration.ofSeconds(15))));
        }
        // One answered line each first, so every connection is accepted and reading.
        for (int i = 0; i < clientCount; i++) {
            clients.get(i).send("warm-" + i + "\n");
        }
        for (int i = 0; i < clientCount; i++) {
            assertEquals("warm-" + i + SUFFIX, clients.get(i).readLine());
        }
        for (int i = 0; i < clientCount; i++) {
            StringBuilder lines = new StringBuilder();
            for (int j = 0; j < 5; j++) {
                lines.append("owed-").append(i).append('-').append(j).append('\n');
            }
            clients.get(i).send(lines.toString());
        }
        Thread.sleep(150);
        server.terminate();

        for (int i = 0; i < clientCount; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals("owed-" + i + "-" + j + SUFFIX, clients.get(i).readLine(),
                        "client " + i + " reply " + j + " owed at SIGTERM; stderr: " + server.stderr());
            }
            clients.get(i).assertClosed();
        }
        int exitCode = server.awaitExit(Duration.ofSeconds(15));
        List<String> stdout = server.stdoutLines();
        String last = stdout.get(stdout.size() - 1);
        assertTrue(last.startsWith("{"), "after SIGTERM the server prints its final stats line; exit code "
                + exitCode + ", stdout: " + stdout + ", stderr: " + server.stderr());
        JsonNode json = StatsLine.parse(last);
        assertEquals("final", json.get("type").asText(), "the last stdout line is the final stats: " + stdout);
        assertTrue(json.get("messagesOut").asLong() >= clientCount * 6L, last);
    }

    @Test
    @Timeout(60)
    void descriptorExhaustionNeitherSpinsNorStopsServingAndAcceptsAgainLater() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")) && Files.isExecutable(Path.of("/bin/sh")),
                "needs Linux /proc and sh for ulimit");
        ForkedServer server = register(ForkedServer.startWithDescriptorLimit(
                factory().getClass().getName(), 64, List.of("--port", "0")));

        // Connect until a client is not answered: the server is then out of descriptors.
        List<TestClient> served = new ArrayList<>();
        List<TestClient> waiting = new ArrayList<>();
        for (int i = 0; i < 200 && waiting.isEmpty(); i++) {
            TestClient client = register(TestClient.connect(server.port(), Duration.ofMillis(1500)));
            client.send("ping-" + i + "\n");
            try {
                assertEquals("ping-" + i + SUFFIX, client.readLine());
                served.add(client);
            } catch (SocketTimeoutException e) {
                waiting.add(client);
            }
        }
        assertFalse(waiting.isEmpty(), "all 200 clients were served under ulimit -n 64; the limit did not apply");
        assertTrue(served.size() >= 5, "only " + served.size() + " clients served under ulimit -n 64; stderr: "
                + server.stderr());
        for (int i = 0; i < 2; i++) {
            TestClient client = register(TestClient.connect(server.port(), Duration.ofSeconds(15)));
            client.send("queued-" + i + "\n");
            waiting.add(client);
        }
        assertTrue(server.isAlive(), "server died when out of descriptors; stderr: " + server.stderr());

        Thread.sleep(300);
        Duration cpuBefore = server.cpuTime();
        long startNanos = System.nanoTime();
        Thread.sleep(1_000);
        Duration cpuUsed = server.cpuTime().minus(cpuBefore);
        Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(cpuUsed.compareTo(Duration.ofMillis(500)) < 0,
                "out of descriptors with clients queued, the server used " + cpuUsed + " CPU in " + wall
                        + ": it spins instead of backing off");

        for (int i = 0; i < served.size(); i++) {
            served.get(i).readTimeout(Duration.ofSeconds(5));
            roundTrip(served.get(i), "still served " + i);
        }

        int toClose = Math.min(served.size(), waiting.size() + 4);
        for (int i = 0; i < toClose; i++) {
            served.get(i).close();
        }
        for (int i = 0; i < waiting.size(); i++) {
            TestClient client = waiting.get(i);
            client.readTimeout(Duration.ofSeconds(15));
            String expected = (i == 0 ? "ping-" + served.size() : "queued-" + (i - 1)) + SUFFIX;
            assertEquals(expected, client.readLine(), "a waiting client is accepted once descriptors are free");
        }
        for (int i = toClose; i < served.size(); i++) {
            roundTrip(served.get(i), "served throughout " + i);
        }
        assertTrue(server.isAlive(), "stderr: " + server.stderr());
    }

    @Test
    @Timeout(30)
    void statsLinesAreJsonWithTheNamedFieldsAndTheLastIsFinal() throws Exception {
        ForkedServer server = fork(List.of("--port", "0", "--stats-interval", "100ms"));
        assertEquals(2, server.ports().size(), "the listening line names every port: " + server.stdoutLines());
        TestClient client = register(TestClient.connect(server.ports().get(1)));
        for (int i = 0; i < 3; i++) {
            roundTrip(client, "counted-" + i);
        }

        int statsLines = 0;
        MetricsSnapshot latest = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (statsLines < 3 || latest.messagesOut() < 3) {
            String line = server.nextStdoutLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertNotNull(line, "fewer stats lines than expected within 10 s at --stats-interval 100ms, or "
                    + "messages not counted; stdout: " + server.stdoutLines());
            JsonNode json = StatsLine.parse(line);
            assertEquals("stats", json.get("type").asText(), line);
            latest = MetricsSnapshot.fromJson(line);
            statsLines++;
        }
        assertEquals(3, latest.messagesIn(), latest.toJson());
        assertEquals(1, latest.connectionsOpen(), latest.toJson());
        assertTrue(latest.heapUsedBytes() > 0 && latest.liveThreads() > 0, latest.toJson());

        client.close();
        server.terminate();
        int exitCode = server.awaitExit(Duration.ofSeconds(15));
        List<String> stdout = server.stdoutLines();
        for (String line : stdout.subList(1, stdout.size())) {
            StatsLine.parse(line);
        }
        MetricsSnapshot last = MetricsSnapshot.fromJson(stdout.get(stdout.size() - 1));
        assertEquals("final", last.type(), "after SIGTERM the last stdout line is the final stats; exit code "
                + exitCode + ", stdout: " + stdout + ", stderr: " + server.stderr());
        assertEquals(3, last.messagesOut(), last.toJson());
    }

    // ---------------------------------------------------------------- support

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

    private MetricsSnapshot snapshot(Server server) {
        return server.metrics().snapshot("test", factory().name());
    }

    /**
     * Eight clients send 400 lines each at once; every client must receive all 3,200, each
     * sender's lines in the order sent, and all clients the identical sequence.
     */
    private void assertChatKeepsOneOrder(Server server) throws Exception {
        int clientCount = 8;
        int linesEach = 400;
        List<TestClient> clients = joinChat(server, clientCount);
        List<BackgroundReader> readers = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            readers.add(register(BackgroundReader.start("client-" + i, clients.get(i), line -> line.startsWith("m-"))));
        }

        Concurrently.run(clientCount, i -> {
            TestClient sender = clients.get(i);
            for (int j = 0; j < linesEach; j += 10) {
                StringBuilder batch = new StringBuilder();
                for (int k = j; k < j + 10; k++) {
                    batch.append("m-").append(i).append('-').append(k).append('\n');
                }
                sender.send(batch.toString());
                Thread.yield();
            }
        });

        int total = clientCount * linesEach;
        for (BackgroundReader reader : readers) {
            reader.awaitCount(total, Duration.ofSeconds(20));
        }
        List<String> order = readers.get(0).lines();
        assertEquals(total, order.size(), "client 0 received more lines than were sent");
        for (int i = 0; i < clientCount; i++) {
            String prefix = "m-" + i + "-";
            List<String> fromSender = order.stream().filter(line -> line.startsWith(prefix)).toList();
            List<String> sent = IntStream.range(0, linesEach).mapToObj(k -> prefix + k).toList();
            assertEquals(sent, fromSender, "lines of client " + i + " arrive whole and in the order sent");
        }
        for (int i = 1; i < clientCount; i++) {
            assertEquals(order, readers.get(i).lines(), "client " + i + " sees the same order as client 0");
        }
    }

    /**
     * {@code clientCount} clients on virtual threads connect, wait until the server holds them
     * all open, then each does {@code roundTrips} round trips, checking every reply.
     */
    private void assertConcurrentRoundTrips(Server server, int clientCount, int roundTrips) throws Exception {
        int port = port(server);
        CountDownLatch connected = new CountDownLatch(clientCount);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                int id = i;
                results.add(clients.submit(() -> {
                    try (TestClient client = TestClient.connect(port, Duration.ofSeconds(20))) {
                        connected.countDown();
                        go.await();
                        for (int j = 0; j < roundTrips; j++) {
                            String message = "c" + id + "-" + j;
                            client.send(message + "\n");
                            String reply = client.readLine();
                            if (!reply.equals(message + SUFFIX)) {
                                throw new AssertionError("client " + id + " sent " + message + ", got " + reply);
                            }
                        }
                    }
                    return null;
                }));
            }
            try {
                assertTrue(connected.await(30, TimeUnit.SECONDS), clientCount + " clients connect");
                Eventually.await("the server holds all " + clientCount + " clients open", Duration.ofSeconds(10),
                        () -> server.metrics().connectionsOpen() == clientCount, () -> snapshot(server).toJson());
            } finally {
                go.countDown();
            }
            Concurrently.awaitAll(results);
        }
        Eventually.await("every client's round trips are counted", Duration.ofSeconds(5),
                () -> snapshot(server).messagesOut() == (long) clientCount * roundTrips, () -> snapshot(server).toJson());
    }

    /**
     * Connects {@code count} chat clients one after another. Each sends {@code join-N} and waits
     * for it to come back: a chat client hears its own lines, so once it does it is surely in the
     * room. Earlier clients have the later join lines still unread.
     */
    private List<TestClient> joinChat(Server server, int count) throws IOException {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestClient client = connect(server, Duration.ofSeconds(20));
            client.send("join-" + i + "\n");
            assertEquals("join-" + i, client.readLine(), "a new chat client first hears its own line");
            clients.add(client);
        }
        return clients;
    }

    /** Sends {@code line} in chat mode and asserts the sender hears it back. */
    private static void roundTripChat(TestClient client, String line) throws IOException {
        client.send(line + "\n");
        assertEquals(line, client.readLine());
    }

    /** Reads chat lines until {@code wanted}, failing on anything but join lines before it. */
    private static String readChatUntil(TestClient client, String wanted) throws IOException {
        while (true) {
            String line = client.readLine();
            if (line.equals(wanted)) {
                return line;
            }
            assertTrue(line.startsWith("join-"), "unexpected chat line before '" + wanted + "': " + line);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
