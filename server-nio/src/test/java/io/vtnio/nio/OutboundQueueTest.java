package io.vtnio.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ServerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private static final int EVERYTHING = Integer.MAX_VALUE;

    private final ServerMetrics metrics = new ServerMetrics();
    private final ByteBuffer[] scratch = new ByteBuffer[64];

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private long bytesOut() {
        return metrics.snapshot("stats", "test").bytesOut();
    }

    private long messagesOut() {
        return metrics.snapshot("stats", "test").messagesOut();
    }

    @Test
    void aMessageCountsOnceTheSocketTookTheWholeBufferItEndsIn() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(4);
        OutboundQueue queue = new OutboundQueue(channel, metrics);

        queue.send(ascii("a\nb\n"), 2, true, false, scratch);
        assertEquals(2, messagesOut(), "written whole at once");

        queue.send(ascii("cc\ndd\n"), 2, true, false, scratch);
        assertEquals(2, messagesOut(), "4 of its 6 bytes taken: its replies are not sent yet");
        queue.queue(ascii("eeee\n"), 1, false);
        queue.flush(scratch);
        assertEquals(4, messagesOut(), "the rest of the first buffer taken, the next only in part");
        queue.flush(scratch);
        assertEquals(5, messagesOut());
        assertEquals(15, bytesOut());
    }

    @Test
    void sendWritesStraightToTheSocketWhenNothingIsQueued() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(EVERYTHING);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        ByteBuffer reply = ascii("hello\n");

        queue.send(reply, 1, true, false, scratch);

        assertArrayEquals(bytes("hello\n"), channel.taken());
        assertEquals(1, channel.writeCalls());
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.pendingBytes());
        assertFalse(reply.hasRemaining());
        assertEquals(6, bytesOut());
    }

    @Test
    void anEmptyBufferCostsNoWrite() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(EVERYTHING);
        OutboundQueue queue = new OutboundQueue(channel, metrics);

        queue.send(ByteBuffer.allocate(0), 1, false, false, scratch);
        queue.queue(ByteBuffer.allocate(0), 2, true);

        assertEquals(0, channel.writeCalls());
        assertTrue(queue.isEmpty());
        assertEquals(3, messagesOut(), "messages ending in an empty buffer count at once: nothing of theirs is owed");
    }

    @Test
    void whatTheSocketRefusesIsQueuedAndCounted() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(3);
        OutboundQueue queue = new OutboundQueue(channel, metrics);

        queue.send(ascii("0123456789"), 1, true, false, scratch);

        assertArrayEquals(bytes("012"), channel.taken());
        assertFalse(queue.isEmpty());
        assertEquals(7, queue.pendingBytes());
        assertEquals(3, bytesOut());
    }

    @Test
    void aReusableBufferIsCopiedSoTheCallerMayOverwriteIt() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(3);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        ByteBuffer loopOutput = ByteBuffer.allocate(16);
        loopOutput.put(bytes("first-reply\n")).flip();

        queue.send(loopOutput, 1, true, false, scratch);
        // The loop reuses its output buffer for the next connection's replies.
        loopOutput.clear();
        loopOutput.put(bytes("XXXXXXXXXXXXXXXX"));
        channel.takePerWrite = EVERYTHING;
        queue.flush(scratch);

        assertArrayEquals(bytes("first-reply\n"), channel.taken());
        assertTrue(queue.isEmpty());
    }

    @Test
    void aBufferThatIsNotReusableIsQueuedItselfWithoutACopy() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(3);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        byte[] line = bytes("shared-line\n");
        ByteBuffer buffer = ByteBuffer.wrap(line);

        queue.send(buffer, 1, false, false, scratch);
        assertEquals(3, buffer.position(), "the socket took three bytes of the caller's buffer");
        channel.takePerWrite = EVERYTHING;
        queue.flush(scratch);

        // The queue drained the caller's own buffer: no copy was made.
        assertFalse(buffer.hasRemaining());
        assertArrayEquals(line, channel.taken());
    }

    @Test
    void aFullSocketTakesNothingAndEverythingIsQueued() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(0);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        long before = queue.lastWriteNanos();

        queue.send(ascii("abcdef"), 1, true, false, scratch);
        queue.flush(scratch);

        assertEquals(6, queue.pendingBytes());
        assertEquals(0, channel.taken().length);
        assertEquals(0, bytesOut());
        assertEquals(before, queue.lastWriteNanos(), "a write that took nothing is no write");
    }

    @Test
    void bytesComeOutCompleteAndInOrderThroughPartialWrites() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(3);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            byte[] line = bytes("line-" + i + "\n");
            expected.writeBytes(line);
            // Alternate copies and shared buffers, and a socket full or not.
            queue.send(ByteBuffer.wrap(line), 1, i % 2 == 0, i % 3 == 0, scratch);
        }
        for (int round = 0; round < 1_000 && !queue.isEmpty(); round++) {
            queue.flush(scratch);
        }

        assertTrue(queue.isEmpty());
        assertArrayEquals(expected.toByteArray(), channel.taken());
        assertEquals(expected.size(), bytesOut());
    }

    @Test
    void sendBehindQueuedBytesWritesThemFirstUnlessTheSocketIsFull() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(EVERYTHING);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        queue.queue(ascii("abc"), 1, true);

        queue.send(ascii("def"), 1, true, true, scratch);
        assertEquals(0, channel.writeCalls(), "waiting for OP_WRITE: no write");
        assertEquals(6, queue.pendingBytes());

        queue.send(ascii("ghi"), 1, true, false, scratch);
        assertArrayEquals(bytes("abcdefghi"), channel.taken());
        assertTrue(queue.isEmpty());
    }

    @Test
    void flushStopsAtTheFirstWriteTheSocketTakesOnlyPartOf() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(3);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        for (int i = 0; i < 10; i++) {
            queue.queue(ascii("0123456789"), 1, true);
        }

        queue.flush(scratch);

        assertEquals(1, channel.writeCalls());
        assertEquals(10, channel.lastBuffersOffered(), "one gathering write offers every queued buffer");
        assertEquals(97, queue.pendingBytes());
    }

    @Test
    void flushMakesAtMostMaxWritesPerCall() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(EVERYTHING);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        int buffers = OutboundQueue.MAX_WRITES_PER_CALL + 4;
        for (int i = 0; i < buffers; i++) {
            queue.queue(ascii("ab"), 1, false);
        }
        // A one-slot scratch array: each write offers one buffer, and the socket takes it all.
        ByteBuffer[] oneSlot = new ByteBuffer[1];

        queue.flush(oneSlot);
        assertEquals(OutboundQueue.MAX_WRITES_PER_CALL, channel.writeCalls());
        assertEquals(8, queue.pendingBytes());

        queue.flush(oneSlot);
        assertEquals(buffers, channel.writeCalls());
        assertTrue(queue.isEmpty());
        assertEquals(2L * buffers, bytesOut());
    }

    @Test
    void scratchIsClearedAfterAFlush() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(5);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        for (int i = 0; i < 5; i++) {
            queue.queue(ascii("0123456789"), 1, false);
        }

        queue.flush(scratch);

        assertEquals(45, queue.pendingBytes());
        assertTrue(Arrays.stream(scratch).allMatch(b -> b == null), Arrays.toString(scratch));
    }

    @Test
    void scratchIsClearedEvenWhenTheWriteFails() {
        ThrottledChannel channel = new ThrottledChannel(EVERYTHING);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        queue.queue(ascii("abc"), 1, false);
        queue.queue(ascii("def"), 1, false);
        channel.failNextWrite = new IOException("connection reset");

        assertThrows(IOException.class, () -> queue.flush(scratch));

        for (ByteBuffer slot : scratch) {
            assertNull(slot);
        }
    }

    @Test
    void clearForgetsEverythingOwedAndCountsNoneOfIt() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(0);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        queue.send(ascii("a\nb\n"), 2, true, false, scratch);
        queue.queue(ascii("c\n"), 1, true);
        int callsBefore = channel.writeCalls();

        queue.clear();
        channel.takePerWrite = EVERYTHING;
        queue.flush(scratch);

        assertTrue(queue.isEmpty());
        assertEquals(0, queue.pendingBytes());
        assertEquals(callsBefore, channel.writeCalls(), "nothing left to write");
        assertEquals(0, channel.taken().length);
        assertEquals(0, messagesOut(), "messages queued and dropped with their connection are never counted");
        assertEquals(0, bytesOut());
    }

    @Test
    void lastWriteNanosMovesOnlyWhenTheSocketTakesBytes() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(0);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        queue.send(ascii("abc"), 1, true, false, scratch);
        long untouched = queue.lastWriteNanos();

        long beforeWrite = System.nanoTime();
        channel.takePerWrite = 1;
        queue.flush(scratch);

        assertTrue(queue.lastWriteNanos() - beforeWrite >= 0, "stamped at or after the write began");
        assertTrue(queue.lastWriteNanos() - untouched >= 0);
        assertEquals(2, queue.pendingBytes());
    }

    @Test
    void aQueueThatEmptiedIsReusable() throws IOException {
        ThrottledChannel channel = new ThrottledChannel(2);
        OutboundQueue queue = new OutboundQueue(channel, metrics);
        queue.send(ascii("abcd"), 1, true, false, scratch);
        queue.flush(scratch);
        assertTrue(queue.isEmpty());

        queue.send(ascii("efgh"), 1, true, false, scratch);
        queue.flush(scratch);

        assertTrue(queue.isEmpty());
        assertArrayEquals(bytes("abcdefgh"), channel.taken());
        assertEquals(8, bytesOut());
    }
}
