package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vtnio.core.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Chat mode (SPEC section 1): one room across every port and loop, every line delivered to every
 * client, the sender included, in one order all clients agree on; a client that leaves, politely
 * or by a reset, leaves the others undisturbed. Those needing no flags of the server's own are
 * {@link RemoteRule}s ({@link #FOR_ANY_SERVER}), which {@code vtnio verify} also runs.
 */
abstract class ChatRules extends ServerRules {

    /** The rules of this family that run against any server ({@link RemoteRule}). */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("chat", "chatDeliversEveryLineToEveryClientSenderIncludedInOneOrder", Needs.chat(), 30,
                    ChatRules::chatDeliversEveryLineToEveryClientSenderIncludedInOneOrder),
            RemoteRule.of("chat", "chatHalfCloseDeliversTheSendersLinesToEveryoneThenCloses", Needs.chat(), 20,
                    ChatRules::chatHalfCloseDeliversTheSendersLinesToEveryoneThenCloses),
            RemoteRule.of("chat", "chatClientThatResetsDoesNotDisturbTheOthers", Needs.chat(), 20,
                    ChatRules::chatClientThatResetsDoesNotDisturbTheOthers));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    @Test
    @Timeout(30)
    void chatKeepsOneOrderAcrossSeveralLoops() throws Exception {
        assumeTrue(factory().hasLoops(), factory().name() + " has no loops: --loops would change nothing");
        chatDeliversEveryLineToEveryClientSenderIncludedInOneOrder(context(startServer("--mode", "chat", "--loops", "3")));
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

    static void chatHalfCloseDeliversTheSendersLinesToEveryoneThenCloses(RuleContext rule) throws Exception {
        List<TestClient> clients = rule.joinChat(2);
        TestClient leaving = clients.get(0);
        leaving.send("last words\nreally last\n");
        leaving.shutdownOutput();
        readChatUntil(leaving, "last words");
        Expect.line(leaving, "really last", "the sender's second line, after its half-close");
        leaving.assertEof();
        readChatUntil(clients.get(1), "last words");
        Expect.line(clients.get(1), "really last", "the other client's copy of the second line");
        roundTripChat(clients.get(1), "alone now");
    }

    static void chatClientThatResetsDoesNotDisturbTheOthers(RuleContext rule) throws Exception {
        List<TestClient> clients = rule.joinChat(3);
        clients.get(2).reset();
        clients.get(0).send("after the reset\n");
        readChatUntil(clients.get(0), "after the reset");
        readChatUntil(clients.get(1), "after the reset");
        clients.get(1).send("still here\n");
        Expect.line(clients.get(0), "still here", "client 0");
        Expect.line(clients.get(1), "still here", "client 1");
        if (rule.target().serverMetrics() != null) {
            Eventually.await("the reset client is closed", Duration.ofSeconds(5),
                    () -> rule.target().serverMetrics().get().connectionsOpen() == 2, rule::metricsJson);
        }
    }

    /**
     * Eight clients send 400 lines each at once; every client must receive all 3,200, each
     * sender's lines in the order sent, and all clients the identical sequence.
     */
    static void chatDeliversEveryLineToEveryClientSenderIncludedInOneOrder(RuleContext rule) throws Exception {
        int clientCount = 8;
        int linesEach = 400;
        List<TestClient> clients = rule.joinChat(clientCount);
        List<BackgroundReader> readers = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            readers.add(rule.register(BackgroundReader.start("client-" + i, clients.get(i), line -> line.startsWith("m-"))));
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
            Expect.sameLines(sent, fromSender, "lines of client " + i + " arrive whole and in the order sent");
        }
        for (int i = 1; i < clientCount; i++) {
            Expect.sameLines(order, readers.get(i).lines(), "client " + i + " sees the same order as client 0");
        }
    }

    /** Sends {@code line} in chat mode and asserts the sender hears it back. */
    private static void roundTripChat(TestClient client, String line) throws IOException {
        client.send(line + "\n");
        Expect.line(client, line, "a chat client hears its own line");
    }

    /** Reads chat lines until {@code wanted}, failing on anything but join lines before it. */
    private static void readChatUntil(TestClient client, String wanted) throws IOException {
        while (true) {
            String line;
            try {
                line = client.readLine();
            } catch (IOException e) {
                throw new AssertionError("expected " + ReplyText.of(wanted) + " but "
                        + Expect.describeFailedRead(client, e), e);
            }
            if (line.equals(wanted)) {
                return;
            }
            if (!line.startsWith("join-")) {
                throw new AssertionError("expected " + ReplyText.of(wanted) + " (after join lines only) but came "
                        + ReplyText.of(line));
            }
        }
    }
}
