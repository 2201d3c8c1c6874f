package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EchoReplyTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lineReplyIsMessageSuffixNewline() {
        EchoReply reply = new EchoReply(utf8("好"), Framing.LINE);
        byte[] message = utf8("[hi]");
        assertEquals(2 + 3 + 1, reply.length(2));
        assertArrayEquals(utf8("hi好\n"), reply.toBytes(message, 1, 2));
    }

    @Test
    void rawReplyHasNoNewline() {
        EchoReply reply = new EchoReply(utf8("好"), Framing.RAW);
        assertArrayEquals(utf8("hi好"), reply.toBytes(utf8("hi"), 0, 2));
    }

    @Test
    void emptySuffixEchoesTheMessageAlone() {
        EchoReply reply = new EchoReply(new byte[0], Framing.LINE);
        assertArrayEquals(utf8("hi\n"), reply.toBytes(utf8("hi"), 0, 2));
        assertArrayEquals(utf8("\n"), reply.toBytes(new byte[0], 0, 0));
    }

    @Test
    void writesIntoAnArrayAtAnOffset() {
        EchoReply reply = new EchoReply(utf8("!"), Framing.LINE);
        byte[] out = new byte[8];
        int end = reply.write(utf8("ab"), 0, 2, out, 3);
        assertEquals(7, end);
        assertArrayEquals(new byte[] {0, 0, 0, 'a', 'b', '!', '\n', 0}, out);
    }

    @Test
    void writesIntoABuffer() {
        EchoReply reply = new EchoReply(utf8("!"), Framing.LINE);
        ByteBuffer out = ByteBuffer.allocate(reply.length(2));
        reply.write(utf8("ab"), 0, 2, out);
        assertEquals(0, out.remaining());
        assertArrayEquals(utf8("ab!\n"), out.array());
    }

    @Test
    void suffixArrayIsCopied() {
        byte[] suffix = utf8("!");
        EchoReply reply = new EchoReply(suffix, Framing.LINE);
        suffix[0] = '?';
        assertArrayEquals(utf8("a!\n"), reply.toBytes(utf8("a"), 0, 1));
    }
}
