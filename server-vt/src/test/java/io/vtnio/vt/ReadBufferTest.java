package io.vtnio.vt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReadBufferTest {

    private final ReadBuffer buffer = new ReadBuffer();

    private int capacity() {
        return buffer.bytes().length;
    }

    private void growTo(int bytes) {
        while (capacity() < bytes) {
            assertTrue(buffer.adaptTo(capacity()));
        }
        assertEquals(bytes, capacity());
    }

    @Test
    void startsAtTheMinimum() {
        assertEquals(ReadBuffer.MIN_BYTES, capacity());
    }

    @Test
    void aFullReadDoublesTheBufferAndSaysMoreIsWaiting() {
        assertTrue(buffer.adaptTo(ReadBuffer.MIN_BYTES));
        assertEquals(2 * ReadBuffer.MIN_BYTES, capacity());
        assertTrue(buffer.adaptTo(2 * ReadBuffer.MIN_BYTES));
        assertEquals(4 * ReadBuffer.MIN_BYTES, capacity());
    }

    @Test
    void growthStopsAtTheMaximumButAFullReadIsStillReported() {
        growTo(ReadBuffer.MAX_BYTES);
        byte[] largest = buffer.bytes();

        assertTrue(buffer.adaptTo(ReadBuffer.MAX_BYTES));

        assertSame(largest, buffer.bytes());
        assertEquals(ReadBuffer.MAX_BYTES, capacity());
    }

    @Test
    void aSmallReadShrinksToTheSmallestPowerOfTwoAboveIt() {
        growTo(16 * 1024);

        assertFalse(buffer.adaptTo(300));

        assertEquals(512, capacity());
    }

    @Test
    void aReadOfExactlyAPowerOfTwoKeepsRoomAboveIt() {
        growTo(16 * 1024);

        assertFalse(buffer.adaptTo(1024));

        assertEquals(2048, capacity(), "a read of 1024 must not fill the next buffer");
    }

    @Test
    void neverShrinksBelowTheMinimum() {
        growTo(4096);

        assertFalse(buffer.adaptTo(1));
        assertEquals(ReadBuffer.MIN_BYTES, capacity());
        assertFalse(buffer.adaptTo(0));
        assertEquals(ReadBuffer.MIN_BYTES, capacity());
    }

    @Test
    void steadyTrafficOfOneSizeKeepsTheSameArray() {
        growTo(8192);
        buffer.adaptTo(700);
        byte[] settled = buffer.bytes();
        assertEquals(1024, settled.length);

        for (int i = 0; i < 5; i++) {
            assertFalse(buffer.adaptTo(700));
            assertSame(settled, buffer.bytes());
        }
    }

    @Test
    void aReadBetweenHalfAndFullKeepsTheSize() {
        growTo(2048);
        byte[] before = buffer.bytes();

        assertFalse(buffer.adaptTo(1500));

        assertSame(before, buffer.bytes());
    }

    @Test
    void readFromFillsAtMostTheBufferAndAdaptsAcrossReads() throws IOException {
        byte[] stream = new byte[1000];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) i;
        }
        ByteArrayInputStream in = new ByteArrayInputStream(stream);

        int n = buffer.readFrom(in);
        assertEquals(256, n);
        assertArrayEquals(Arrays.copyOfRange(stream, 0, 256), Arrays.copyOf(buffer.bytes(), n));
        assertTrue(buffer.adaptTo(n));

        n = buffer.readFrom(in);
        assertEquals(512, n);
        assertArrayEquals(Arrays.copyOfRange(stream, 256, 768), Arrays.copyOf(buffer.bytes(), n));
        assertTrue(buffer.adaptTo(n));
        assertEquals(1024, capacity());

        n = buffer.readFrom(in);
        assertEquals(232, n);
        assertArrayEquals(Arrays.copyOfRange(stream, 768, 1000), Arrays.copyOf(buffer.bytes(), n));
        assertFalse(buffer.adaptTo(n));
        assertEquals(ReadBuffer.MIN_BYTES, capacity());

        assertEquals(-1, buffer.readFrom(in));
    }
}
