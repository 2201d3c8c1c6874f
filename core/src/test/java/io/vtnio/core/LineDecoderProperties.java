package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based tests of {@link LineDecoder} (jqwik): for any bytes and any way of cutting them
 * into chunks, the decoder agrees with the framing rule of SPEC section 1 written out as plainly as
 * possible ({@link #specOf}). The inputs lean on the bytes that matter ({@code \n}, {@code \r})
 * and on small {@code maxLineBytes}, so lines at, just under and just over the limit are common.
 */
class LineDecoderProperties {

    private static final int TRIES = 400;

    /** What decoding a whole stream must produce: the messages, the verdict, the bytes held. */
    private record Outcome(List<byte[]> messages, DecodeResult result, int pendingBytes) {

        void assertSameAs(Outcome expected, String context) {
            assertEquals(expected.result, result, "verdict " + context);
            assertEquals(expected.messages.size(), messages.size(), "message count " + context);
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(expected.messages.get(i), messages.get(i), "message " + i + " " + context);
            }
            if (expected.result == DecodeResult.OK) {
                assertEquals(expected.pendingBytes, pendingBytes, "bytes held for an incomplete line " + context);
            }
        }
    }

    @Property(tries = TRIES)
    void anyStreamCutIntoAnyChunksDecodesAsTheSpecSays(
            @ForAll("streams") byte[] stream,
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 10_000) Integer> cuts,
            @ForAll @IntRange(min = 1, max = 24) int maxLineBytes) {
        Outcome chunked = decodeInChunks(stream, cutPoints(stream.length, cuts), maxLineBytes);
        chunked.assertSameAs(specOf(stream, maxLineBytes), "for " + describe(stream) + " max " + maxLineBytes);
    }

    @Property(tries = TRIES)
    void cutStreamYieldsTheSameMessagesAsTheUncutStream(
            @ForAll("streams") byte[] stream,
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 10_000) Integer> cuts,
            @ForAll @IntRange(min = 1, max = 24) int maxLineBytes) {
        Outcome uncut = decodeInChunks(stream, new int[0], maxLineBytes);
        Outcome chunked = decodeInChunks(stream, cutPoints(stream.length, cuts), maxLineBytes);
        chunked.assertSameAs(uncut, "cut vs uncut for " + describe(stream) + " max " + maxLineBytes);
    }

    @Property(tries = TRIES)
    void byteAtATimeYieldsTheSameMessagesAsTheUncutStream(
            @ForAll("streams") byte[] stream,
            @ForAll @IntRange(min = 1, max = 24) int maxLineBytes) {
        int[] everyByte = new int[Math.max(0, stream.length - 1)];
        Arrays.setAll(everyByte, i -> i + 1);
        decodeInChunks(stream, everyByte, maxLineBytes)
                .assertSameAs(decodeInChunks(stream, new int[0], maxLineBytes), "byte at a time for " + describe(stream));
    }

    @Property(tries = TRIES)
    void maxLineBoundaryIsExactWhateverTheTerminatorAndTheCuts(
            @ForAll @IntRange(min = 1, max = 64) int maxLineBytes,
            @ForAll @IntRange(min = -3, max = 3) int lengthOverMax,
            @ForAll boolean crlf,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 100) Integer> cuts) {
        int length = Math.max(0, maxLineBytes + lengthOverMax);
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) 'x');
        byte[] line = concat(body, crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        Outcome outcome = decodeInChunks(line, cutPoints(line.length, cuts), maxLineBytes);
        if (length <= maxLineBytes) {
            assertEquals(DecodeResult.OK, outcome.result, length + " bytes with max " + maxLineBytes);
            assertEquals(1, outcome.messages.size());
            assertArrayEquals(body, outcome.messages.get(0));
        } else {
            assertEquals(DecodeResult.MALFORMED, outcome.result, length + " bytes with max " + maxLineBytes);
            assertEquals(0, outcome.messages.size());
        }
    }

    @Property(tries = TRIES)
    void incompleteLineFailsExactlyWhenItCanNoLongerFit(
            @ForAll @IntRange(min = 1, max = 64) int maxLineBytes,
            @ForAll @IntRange(min = 0, max = 4) int lengthOverMax,
            @ForAll boolean endsWithCarriageReturn,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 100) Integer> cuts) {
        // No newline yet: maxLineBytes + 1 bytes may still become a legal line only if the last
        // is the \r of a coming \r\n.
        byte[] tail = new byte[maxLineBytes + lengthOverMax];
        Arrays.fill(tail, (byte) 'y');
        if (endsWithCarriageReturn && tail.length > 0) {
            tail[tail.length - 1] = '\r';
        }
        boolean canStillFit = tail.length <= maxLineBytes
                || (tail.length == maxLineBytes + 1 && endsWithCarriageReturn);
        Outcome outcome = decodeInChunks(tail, cutPoints(tail.length, cuts), maxLineBytes);
        assertEquals(canStillFit ? DecodeResult.OK : DecodeResult.MALFORMED, outcome.result,
                tail.length + " bytes without a newline, max " + maxLineBytes);
    }

    @Property(tries = TRIES)
    void carriageReturnsAreKeptUnlessRightBeforeTheNewline(
            @ForAll("linesWithoutNewline") byte[] body,
            @ForAll boolean crlf,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 100) Integer> cuts) {
        // "a\rb\n" keeps its \r; "a\r\n" loses it; "a\r\r\n" keeps the first \r.
        byte[] line = concat(body, crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        byte[] expected = !crlf && body.length > 0 && body[body.length - 1] == '\r'
                ? Arrays.copyOf(body, body.length - 1)
                : body;
        Outcome outcome = decodeInChunks(line, cutPoints(line.length, cuts), 1_000);
        assertEquals(DecodeResult.OK, outcome.result);
        assertEquals(1, outcome.messages.size());
        assertArrayEquals(expected, outcome.messages.get(0), "for " + describe(line));
    }

    @Property(tries = TRIES)
    void decodingNeverChangesTheCallersBytes(@ForAll("streams") byte[] stream,
            @ForAll @IntRange(min = 1, max = 24) int maxLineBytes) {
        byte[] copy = stream.clone();
        new LineDecoder(maxLineBytes).decode(stream, 0, stream.length, new RecordingSink());
        assertArrayEquals(copy, stream);
    }

    /** Streams of up to 300 bytes, a third of them {@code \n} or {@code \r}, the rest anything. */
    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<Byte> framing = Arbitraries.of((byte) '\n', (byte) '\r');
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(Tuple.of(1, framing), Tuple.of(2, any))
                .list().ofMaxSize(300)
                .map(LineDecoderProperties::toArray);
    }

    /** Up to 40 bytes of anything but {@code \n}, with many {@code \r}. */
    @Provide
    Arbitrary<byte[]> linesWithoutNewline() {
        Arbitrary<Byte> carriageReturn = Arbitraries.just((byte) '\r');
        Arbitrary<Byte> other = Arbitraries.bytes().filter(b -> b != '\n');
        return Arbitraries.frequencyOf(Tuple.of(1, carriageReturn), Tuple.of(2, other))
                .list().ofMaxSize(40)
                .map(LineDecoderProperties::toArray);
    }

    /**
     * SPEC section 1 written out plainly: the bytes up to each {@code \n} form a message, minus one
     * {@code \r} right before the {@code \n}; a message over {@code maxLineBytes} fails the stream
     * and ends it. An incomplete last line fails once it cannot become legal any more.
     */
    private static Outcome specOf(byte[] stream, int maxLineBytes) {
        List<byte[]> messages = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < stream.length; i++) {
            if (stream[i] != '\n') {
                continue;
            }
            int end = i > start && stream[i - 1] == '\r' ? i - 1 : i;
            if (end - start > maxLineBytes) {
                return new Outcome(messages, DecodeResult.MALFORMED, 0);
            }
            messages.add(Arrays.copyOfRange(stream, start, end));
            start = i + 1;
        }
        int tail = stream.length - start;
        boolean tailCanFit = tail <= maxLineBytes
                || (tail == maxLineBytes + 1 && stream[stream.length - 1] == '\r');
        return new Outcome(messages, tailCanFit ? DecodeResult.OK : DecodeResult.MALFORMED, tail);
    }

    /**
     * Feeds {@code stream} to a fresh decoder in chunks ending at {@code cuts} (sorted, within the
     * stream; repeats make empty chunks), each chunk copied into an array of its own at an offset,
     * stopping at the first failure as a server does.
     */
    private static Outcome decodeInChunks(byte[] stream, int[] cuts, int maxLineBytes) {
        LineDecoder decoder = new LineDecoder(maxLineBytes);
        RecordingSink sink = new RecordingSink();
        int from = 0;
        DecodeResult result = DecodeResult.OK;
        for (int i = 0; i <= cuts.length && result == DecodeResult.OK; i++) {
            int to = i < cuts.length ? cuts[i] : stream.length;
            // The chunk sits at offset 3 of a larger array, as a read into a buffer's middle would.
            byte[] buffer = new byte[to - from + 5];
            System.arraycopy(stream, from, buffer, 3, to - from);
            result = decoder.decode(buffer, 3, to - from, sink);
            from = to;
        }
        return new Outcome(sink.messages(), result, decoder.pendingBytes());
    }

    private static int[] cutPoints(int length, List<Integer> cuts) {
        return cuts.stream().mapToInt(cut -> cut % (length + 1)).sorted().toArray();
    }

    private static byte[] toArray(List<Byte> bytes) {
        byte[] array = new byte[bytes.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes.get(i);
        }
        return array;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static String describe(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            switch (b) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b));
            }
        }
        return text.append('"').toString();
    }
}
