package io.vtnio.conformance;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * How bytes become messages and go back (SPEC section 1): a line ends at {@code \n}, a {@code \r}
 * right before it is dropped, bytes pass through unchanged whatever their value or however writes
 * split them, {@code --max-line} refuses only the line too long, and {@code --framing raw} answers
 * each chunk as it arrives. Every rule here needs nothing but a connection, so all of them are
 * {@link RemoteRule}s ({@link #FOR_ANY_SERVER}), which {@code vtnio verify} also runs against
 * anyone's server.
 */
abstract class FramingRules extends ServerRules {

    /** The rules of this family that run against any server: all of them. */
    static final List<RemoteRule> FOR_ANY_SERVER = List.of(
            RemoteRule.of("framing", "echoPassesAUtf8CharacterSplitAcrossWritesUnchanged", Needs.echo(), 10,
                    FramingRules::echoPassesAUtf8CharacterSplitAcrossWritesUnchanged),
            RemoteRule.of("framing", "echoDropsTheCarriageReturnBeforeTheNewlineOnly", Needs.echo(), 10,
                    FramingRules::echoDropsTheCarriageReturnBeforeTheNewlineOnly),
            RemoteRule.of("framing", "echoAnswersAnEmptyLineWithTheSuffixAlone", Needs.echo(), 10,
                    FramingRules::echoAnswersAnEmptyLineWithTheSuffixAlone),
            RemoteRule.of("framing", "echoReturnsEveryByteValueExceptNewlineUnchanged", Needs.echo().linesUpTo(520), 10,
                    FramingRules::echoReturnsEveryByteValueExceptNewlineUnchanged),
            RemoteRule.of("framing", "lineOfMaxLineBytesIsAnsweredAndOneByteMoreGetsAnErrorAndACloseOfThatConnectionOnly",
                    Needs.echo(), 20,
                    FramingRules::lineOfMaxLineBytesIsAnsweredAndOneByteMoreGetsAnErrorAndACloseOfThatConnectionOnly),
            RemoteRule.of("framing", "lineThatCannotFitMaxLineIsRefusedBeforeItsNewlineArrives", Needs.echo(), 10,
                    FramingRules::lineThatCannotFitMaxLineIsRefusedBeforeItsNewlineArrives)
                    .triedWith("--max-line", "8"),
            RemoteRule.of("framing", "rawFramingAnswersTheTutorialClientsSendallThenRecv", Needs.rawEcho(), 10,
                    FramingRules::rawFramingAnswersTheTutorialClientsSendallThenRecv),
            RemoteRule.of("framing", "rawFramingAnswersThenClosesOnHalfClose", Needs.rawEcho(), 10,
                    FramingRules::rawFramingAnswersThenClosesOnHalfClose)
                    .triedWith("--suffix", ""));

    @TestFactory
    Stream<DynamicTest> rulesForAnyServer() {
        return againstThisServer(FOR_ANY_SERVER);
    }

    static void echoPassesAUtf8CharacterSplitAcrossWritesUnchanged(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        byte[] euro = utf8("€");
        client.send(new byte[] {'a', euro[0]});
        Thread.sleep(20);
        client.send(new byte[] {euro[1]});
        Thread.sleep(20);
        client.send(new byte[] {euro[2], 'b', '\n'});
        Expect.bytes(client, "a€b" + rule.suffix() + "\n", null);
    }

    static void echoDropsTheCarriageReturnBeforeTheNewlineOnly(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("crlf\r\n");
        Expect.line(client, "crlf" + rule.suffix(), "the \\r before the \\n is dropped");
        client.send("lone\rinside\r\n");
        Expect.line(client, "lone\rinside" + rule.suffix(), "a \\r inside the line stays");
        client.send("split\r");
        Thread.sleep(20);
        client.send("\n");
        Expect.line(client, "split" + rule.suffix(), "a \\r and \\n in two writes");
    }

    static void echoAnswersAnEmptyLineWithTheSuffixAlone(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("\n\r\n");
        Expect.bytes(client, rule.suffix() + "\n" + rule.suffix() + "\n", "\\n then \\r\\n");
    }

    static void echoReturnsEveryByteValueExceptNewlineUnchanged(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
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
        expected.write(rule.suffixBytes());
        expected.write('\n');
        Expect.bytes(client, expected.toByteArray(), "every byte value and invalid UTF-8 in one line");
    }

    static void lineOfMaxLineBytesIsAnsweredAndOneByteMoreGetsAnErrorAndACloseOfThatConnectionOnly(RuleContext rule)
            throws Exception {
        int maxLine = rule.target().maxLineBytes();
        TestClient bystander = rule.connect();
        rule.roundTrip(bystander, "before");

        TestClient longest = rule.connect();
        String max = "a".repeat(maxLine);
        longest.send(max + "\n");
        Expect.bytes(longest, max + rule.suffix() + "\n", "a line of exactly --max-line " + maxLine + " bytes");

        TestClient tooLong = rule.connect();
        tooLong.send("ok\n" + "b".repeat(maxLine + 1) + "\n");
        Expect.line(tooLong, "ok" + rule.suffix(), "lines before the long one are still answered");
        Expect.line(tooLong, "ERR line too long", "a line of --max-line + 1 bytes");
        tooLong.assertClosed();

        rule.roundTrip(bystander, "after");
        rule.roundTrip(longest, "still open");
        if (rule.target().serverMetrics() != null) {
            Eventually.await("errors counts the too-long line", Duration.ofSeconds(5),
                    () -> rule.target().serverMetrics().get().errors() >= 1, rule::metricsJson);
        }
    }

    static void lineThatCannotFitMaxLineIsRefusedBeforeItsNewlineArrives(RuleContext rule) throws Exception {
        int maxLine = rule.target().maxLineBytes();
        String digits = "1234567890".repeat(maxLine / 10 + 1);
        TestClient exact = rule.connect();
        exact.send(digits.substring(0, maxLine) + "\r\n");
        Expect.line(exact, digits.substring(0, maxLine) + rule.suffix(), "--max-line bytes plus \\r\\n is a legal line");

        TestClient tooLong = rule.connect();
        tooLong.send(digits.substring(0, maxLine / 2));
        Thread.sleep(20);
        tooLong.send(digits.substring(maxLine / 2, maxLine + 1));
        Expect.line(tooLong, "ERR line too long", (maxLine + 1) + " bytes with no newline can no longer become a line");
        tooLong.assertClosed();
        rule.roundTrip(exact, "1234");
    }

    static void rawFramingAnswersTheTutorialClientsSendallThenRecv(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        // The tutorial's client: sock.sendall(text) with no newline, then sock.recv(1024).
        client.send("Hello, world");
        Expect.oneRead(client, 1024, "Hello, world" + rule.suffix(), null);
        client.send("again");
        Expect.oneRead(client, 1024, "again" + rule.suffix(), null);

        TestClient second = rule.connect();
        second.send("line\nstays\n");
        Expect.oneRead(second, 1024, "line\nstays\n" + rule.suffix(),
                "raw framing answers the chunk, newlines and all, and adds none");
    }

    static void rawFramingAnswersThenClosesOnHalfClose(RuleContext rule) throws Exception {
        TestClient client = rule.connect();
        client.send("bye");
        client.shutdownOutput();
        Expect.bytes(client, "bye" + rule.suffix(), null);
        client.assertEof();
    }
}
