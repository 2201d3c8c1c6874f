package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void lineIsTheSliceFollowedByANewline() {
        byte[] bytes = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals("hello\n".getBytes(StandardCharsets.US_ASCII), Protocol.line(bytes, 2, 5));
    }

    @Test
    void lineOfTheWholeArrayAppendsTheNewline() {
        byte[] bytes = "hi".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals("hi\n".getBytes(StandardCharsets.US_ASCII), Protocol.line(bytes, 0, bytes.length));
    }

    @Test
    void anEmptySliceIsABareNewline() {
        assertArrayEquals(new byte[] {Protocol.NEWLINE}, Protocol.line(new byte[] {1, 2, 3}, 3, 0));
    }

    @Test
    void lineIsACopyThatLeavesTheSourceAlone() {
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] line = Protocol.line(bytes, 0, 3);
        assertNotSame(bytes, line);
        bytes[0] = 'z';
        assertEquals('a', line[0]);
        assertArrayEquals("zbc".getBytes(StandardCharsets.US_ASCII), bytes);
    }

    @Test
    void errorLinesAreSingleNewlineTerminatedLines() {
        for (byte[] err : new byte[][] {Protocol.ERR_LINE_TOO_LONG, Protocol.ERR_TOO_MANY_CONNECTIONS}) {
            assertEquals(Protocol.NEWLINE, err[err.length - 1]);
            assertEquals(-1, new String(err, 0, err.length - 1, StandardCharsets.US_ASCII).indexOf('\n'));
            assertEquals("ERR ", new String(err, 0, 4, StandardCharsets.US_ASCII));
        }
    }
}
