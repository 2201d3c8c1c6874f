package io.vtnio.vt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vtnio.core.EchoReply;
import io.vtnio.core.Framing;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.ServerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputBatchTest {

    /** Records every write call: the array handed over (to see when the batch's array changes) and the bytes. */
    private static final class RecordingStream extends OutputStream {
        final List<byte[]> arrays = new ArrayList<>();
        final List<byte[]> writes = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            throw new AssertionError("single-byte write");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            arrays.add(b);
            writes.add(Arrays.copyOfRange(b, off, off + len));
            all.write(b, off, len);
        }
    }

    private final RecordingStream out = new RecordingStream();
    private final ServerMetrics metrics = new ServerMetrics();
    private final OutputBatch batch = new OutputBatch(out, metrics);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int length, char c) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private MetricsSnapshot counted() {
        return metrics.snapshot("stats", "test");
    }

    @Test
    void everythingAddedGoesOutInOneWritePerFlush() throws IOException {
        batch.add(ascii("one\n"), 1);
        batch.add(ascii("two\n"), 1);
        batch.add(ascii("three\n"), 1);
        assertEquals(14, batch.pendingBytes());
        assertEquals(0, out.writes.size(), "nothing is written before the flush");

        batch.flush();

        assertEquals(1, out.writes.size());
        assertArrayEquals(ascii("one\ntwo\nthree\n"), out.writes.get(0));
        assertEquals(0, batch.pendingBytes());
        assertEquals(3, counted().messagesOut());
        assertEquals(14, counted().bytesOut());
    }

    @Test
    void flushingNothingWritesNothing() throws IOException {
        batch.flush();
        batch.add(ascii("x\n"), 1);
        batch.flush();
        batch.flush();

        assertEquals(1, out.writes.size());
        assertEquals(1, counted().messagesOut());
    }

    @Test
    void echoRepliesAreBuiltFromTheMessageSlice() throws IOException {
        EchoReply reply = new EchoReply(ascii("!"), Framing.LINE);
        byte[] read = ascii("[ab][cde]");

        batch.addReply(reply, read, 1, 2);
        batch.addReply(reply, read, 5, 3);
        batch.flush();

        assertArrayEquals(ascii("ab!\ncde!\n"), out.all.toByteArray());
        assertEquals(2, counted().messagesOut());
        assertEquals(9, counted().bytesOut());
    }

    @Test
    void aBatchThatWouldPassTheFlushMarkIsFlushedEarly() throws IOException {
        int size = 10_000;
        int fitting = OutputBatch.FLUSH_AT_BYTES / size;
        for (int i = 0; i <= fitting; i++) {
            batch.add(filled(size, (char) ('a' + i)), 1);
        }

        assertEquals(1, out.writes.size(), "flushed early, before the message that would not fit");
        assertEquals(fitting * size, out.writes.get(0).length);
        assertEquals(size, batch.pendingBytes());
        assertEquals(fitting, counted().messagesOut());

        batch.flush();

        assertEquals(2, out.writes.size());
        assertArrayEquals(filled(size, (char) ('a' + fitting)), out.writes.get(1));
        assertEquals(fitting + 1, counted().messagesOut());
        assertEquals((fitting + 1L) * size, counted().bytesOut());
    }

    @Test
    void bytesStayInOrderAcrossEarlyFlushes() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            byte[] message = ascii(i + ":" + "y".repeat(i * 7) + "\n");
            expected.writeBytes(message);
            batch.add(message, 1);
        }
        batch.flush();

        assertArrayEquals(expected.toByteArray(), out.all.toByteArray());
        assertEquals(200, counted().messagesOut());
        assertEquals(expected.size(), counted().bytesOut());
    }

    @Test
    void aMessageLargerThanTheFlushMarkGoesOutWhole() throws IOException {
        byte[] huge = filled(OutputBatch.FLUSH_AT_BYTES + 1000, 'h');

        batch.add(huge, 1);
        batch.flush();

        assertEquals(1, out.writes.size());
        assertArrayEquals(huge, out.writes.get(0));
    }

    @Test
    void aSmallBatchKeepsItsArrayForTheNext() throws IOException {
        batch.add(filled(OutputBatch.RETAINED_BYTES, 's'), 1);
        batch.flush();
        batch.add(ascii("next\n"), 1);
        batch.flush();

        assertSame(out.arrays.get(0), out.arrays.get(1));
    }

    @Test
    void aBigBatchDropsItsArrayAndTheNextStartsSmall() throws IOException {
        batch.add(filled(OutputBatch.RETAINED_BYTES + 1, 'b'), 1);
        batch.flush();
        batch.add(ascii("next\n"), 1);
        batch.flush();

        assertNotSame(out.arrays.get(0), out.arrays.get(1));
        assertEquals(OutputBatch.FIRST_BYTES, out.arrays.get(1).length);
        assertArrayEquals(ascii("next\n"), out.writes.get(1));
    }

    @Test
    void aGrowingBatchKeepsWhatItHadGathered() throws IOException {
        // From the first small array through several doublings.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] message = ascii("message-" + i + "\n");
            expected.writeBytes(message);
            batch.add(message, 1);
        }
        batch.flush();

        assertEquals(1, out.writes.size());
        assertArrayEquals(expected.toByteArray(), out.writes.get(0));
    }

    @Test
    void aBatchThatExactlyReachesTheFlushMarkIsNotFlushedEarly() throws IOException {
        batch.add(filled(OutputBatch.FLUSH_AT_BYTES - 100, 'a'), 1);
        batch.add(filled(100, 'b'), 1);

        assertEquals(0, out.writes.size(), "only a batch that would pass the mark is flushed early");
        assertEquals(OutputBatch.FLUSH_AT_BYTES, batch.pendingBytes());

        batch.flush();

        assertEquals(1, out.writes.size());
        assertEquals(OutputBatch.FLUSH_AT_BYTES, out.writes.get(0).length);
    }

    @Test
    void aBatchThatExactlyFillsItsArrayKeepsIt() throws IOException {
        batch.add(filled(OutputBatch.FIRST_BYTES - 28, 'a'), 1);
        batch.add(filled(28, 'b'), 1);
        batch.flush();

        assertEquals(OutputBatch.FIRST_BYTES, out.arrays.get(0).length, "no growth for bytes that fit");
    }

    @Test
    void aGrowingArrayDoubles() throws IOException {
        batch.add(filled(OutputBatch.FIRST_BYTES, 'a'), 1);
        batch.add(ascii("b"), 1);
        batch.flush();

        assertEquals(2 * OutputBatch.FIRST_BYTES, out.arrays.get(0).length);
    }

    @Test
    void aGrowingArrayDoublesNoFurtherThanTheFlushMark() throws IOException {
        int big = OutputBatch.FLUSH_AT_BYTES * 5 / 8;
        batch.add(filled(big, 'a'), 1);
        batch.add(ascii("b"), 1);
        batch.flush();

        assertEquals(OutputBatch.FLUSH_AT_BYTES, out.arrays.get(0).length, "doubling " + big + " would pass the mark");
        assertEquals(big + 1, out.writes.get(0).length);
    }
}
