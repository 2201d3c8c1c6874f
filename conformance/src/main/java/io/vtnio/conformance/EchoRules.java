package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vtnio.core.Server;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Echo mode (SPEC section 1): every line is answered with itself, the suffix and a newline, in the
 * order sent, on every port, with or without simulated work and whatever the suffix. The rules
 * that need no flags of the server's own are {@link RemoteRule}s ({@link #FOR_ANY_SERVER}),
 * which {@code vtnio verify} also runs against anyone's server.
 */
abstract class EchoRules extends ServerRules {

    /** The rules of this family that run against any server ({@link RemoteRule}). */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("echo", "echoAnswersALineWithItsSuffixAndANewline", Needs.echo(), 10,
                    EchoRules::echoAnswersALineWithItsSuffixAndANewline),
            RemoteRule.of("echo", "echoAnswersFiveHundredLinesFromOneWriteInOrder", Needs.echo(), 10,
                    EchoRules::echoAnswersFiveHundredLinesFromOneWriteInOrder),
            RemoteRule.of("echo", "echoAssemblesALineSentOneByteAtATime", Needs.echo(), 10,
                    EchoRules::echoAssemblesALineSentOneByteAtATime),
            RemoteRule.of("echo", "customSuffixIsAppended", Needs.echo().suffix(" [ok]"), 10,
                    EchoRules::customSuffixIsAppended),
            RemoteRule.of("echo", "emptySuffixEchoesTheMessageAlone", Needs.echo().suffix(""), 10,
                    EchoRules::emptySuffixEchoesTheMessageAlone));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    static void echoAnswersALineWithItsSuffixAndANewline(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("hello\n");
        Expect.bytes(client, "hello" + rule.suffix() + "\n", null);
    }

    static void echoAnswersFiveHundredLinesFromOneWriteInOrder(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            lines.append("line-").append(i).append('\n');
        }
        client.send(lines.toString());
        for (int i = 0; i < 500; i++) {
            Expect.line(client, "line-" + i + rule.suffix(), "reply " + i);
        }
    }

    static void echoAssemblesALineSentOneByteAtATime(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        for (byte b : utf8("one byte at a time\n")) {
            client.send(new byte[] {b});
            Thread.sleep(2);
        }
        Expect.line(client, "one byte at a time" + rule.suffix(), null);
    }

    static void customSuffixIsAppended(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("hi\n");
        Expect.bytes(client, "hi [ok]\n", null);
    }

    static void emptySuffixEchoesTheMessageAlone(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("plain\n\n");
        Expect.bytes(client, "plain\n\n", null);
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
}
