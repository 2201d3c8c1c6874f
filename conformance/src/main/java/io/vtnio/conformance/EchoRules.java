package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vtnio.core.Server;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Echo mode (SPEC section 1): every line is answered with itself, the suffix and a newline, in the
 * order sent, on every port, with or without simulated work and whatever the suffix.
 */
abstract class EchoRules extends ServerRules {

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
