package io.vtnio.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtnio.core.Server;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How bytes become messages and go back (SPEC section 1): a line ends at {@code \n}, a {@code \r}
 * right before it is dropped, bytes pass through unchanged whatever their value or however writes
 * split them, {@code --max-line} refuses only the line too long, and {@code --framing raw} answers
 * each chunk as it arrives.
 */
abstract class FramingRules extends ServerRules {

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
}
