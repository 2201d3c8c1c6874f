package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private static final int MAX = 16;

    private final LineDecoder decoder = new LineDecoder(MAX);
    private final RecordingSink sink = new RecordingSink();

    private DecodeResult feed(String text) {
        return feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private DecodeResult feed(byte[] bytes) {
        return decoder.decode(bytes, 0, bytes.length, sink);
    }

    @Test
    void oneLineIsOneMessageWithoutItsNewline() {
        assertEquals(DecodeResult.OK, feed("hello\n"));
        assertEquals(List.of("hello"), sink.texts());
        assertEquals(0, decoder.pendingBytes());
    }

    @Test
    void manyLinesInOneChunkAreDeliveredInOrder() {
        assertEquals(DecodeResult.OK, feed("a\nbb\nccc\n"));
        assertEquals(List.of("a", "bb", "ccc"), sink.texts());
    }

    @Test
    void lineSentOneByteAtATimeIsAssembled() {
        for (byte b : "byte by byte\n".getBytes(StandardCharsets.US_ASCII)) {
            assertEquals(DecodeResult.OK, feed(new byte[] {b}));
        }
        assertEquals(List.of("byte by byte"), sink.texts());
    }

    @Test
    void threeByteUtf8CharacterSplitAcrossChunksPassesUnchanged() {
        byte[] good = "好".getBytes(StandardCharsets.UTF_8);
        assertEquals(3, good.length);
        feed(new byte[] {'x', good[0]});
        feed(new byte[] {good[1]});
        feed(new byte[] {good[2], 'y', '\n'});
        assertEquals(List.of("x好y"), sink.texts());
    }

    @Test
    void carriageReturnBeforeNewlineIsDropped() {
        feed("one\r\ntwo\r\n");
        assertEquals(List.of("one", "two"), sink.texts());
    }

    @Test
    void carriageReturnSplitFromItsNewlineIsStillDropped() {
        feed("one\r");
        feed("\n");
        assertEquals(List.of("one"), sink.texts());
    }

    @Test
    void loneCarriageReturnInsideALineIsKept() {
        feed("a\rb\n");
        feed("c\r");
        feed("d\r\r\n");
        assertEquals(List.of("a\rb", "c\rd\r"), sink.texts());
    }

    @Test
    void emptyLineIsAnEmptyMessage() {
        feed("\n\r\n");
        assertEquals(List.of("", ""), sink.texts());
    }

    @Test
    void incompleteTailIsHeldUntilItsNewline() {
        feed("abc");
        assertEquals(List.of(), sink.texts());
        assertEquals(3, decoder.pendingBytes());
        feed("def\nxy");
        assertEquals(List.of("abcdef"), sink.texts());
        assertEquals(2, decoder.pendingBytes());
    }

    @Test
    void invalidUtf8PassesThroughByteExact() {
        byte[] line = {(byte) 0xff, (byte) 0xc3, 0x28, (byte) 0x80, 0, '\r', 0x7f, '\n'};
        feed(line);
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xc3, 0x28, (byte) 0x80, 0, '\r', 0x7f},
                sink.messages().get(0));
    }

    @Test
    void lineOfExactlyMaxBytesPasses() {
        assertEquals(DecodeResult.OK, feed("x".repeat(MAX) + "\n"));
        assertEquals(List.of("x".repeat(MAX)), sink.texts());
    }

    @Test
    void lineOfMaxBytesPlusCarriageReturnNewlinePasses() {
        assertEquals(DecodeResult.OK, feed("x".repeat(MAX) + "\r\n"));
        assertEquals(List.of("x".repeat(MAX)), sink.texts());
    }

    @Test
    void lineOfMaxBytesPlusCarriageReturnNewlineSplitAcrossChunksPasses() {
        assertEquals(DecodeResult.OK, feed("x".repeat(MAX)));
        assertEquals(DecodeResult.OK, feed("\r"));
        assertEquals(DecodeResult.OK, feed("\n"));
        assertEquals(List.of("x".repeat(MAX)), sink.texts());
    }

    @Test
    void lineOfMaxPlusOneBytesFails() {
        assertEquals(DecodeResult.MALFORMED, feed("x".repeat(MAX + 1) + "\n"));
        assertEquals(List.of(), sink.texts());
    }

    @Test
    void lineOfMaxPlusOneBytesSplitAcrossChunksFails() {
        assertEquals(DecodeResult.OK, feed("x".repeat(MAX)));
        assertEquals(DecodeResult.MALFORMED, feed("x\n"));
    }

    @Test
    void incompleteTailFailsAsSoonAsItCannotFit() {
        assertEquals(DecodeResult.OK, feed("x".repeat(MAX)));
        assertEquals(DecodeResult.MALFORMED, feed("x"));
    }

    @Test
    void incompleteTailInOneChunkFailsAsSoonAsItCannotFit() {
        assertEquals(DecodeResult.MALFORMED, feed("x".repeat(MAX + 1)));
    }

    @Test
    void carriageReturnAfterMaxBytesIsNotALicenceForMore() {
        assertEquals(DecodeResult.OK, feed("x".repeat(MAX) + "\r"));
        assertEquals(DecodeResult.MALFORMED, feed("y\n"));
    }

    @Test
    void linesBeforeATooLongLineAreDelivered() {
        assertEquals(DecodeResult.MALFORMED, feed("ok\n" + "x".repeat(MAX + 1) + "\nlater\n"));
        assertEquals(List.of("ok"), sink.texts());
    }

    @Test
    void decoderWorksAgainAfterALongSplitLine() {
        LineDecoder big = new LineDecoder(65_536);
        byte[] first = "y".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        byte[] second = ("y".repeat(25_536) + "\nnext\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(DecodeResult.OK, big.decode(first, 0, first.length, sink));
        assertEquals(DecodeResult.OK, big.decode(second, 0, second.length, sink));
        assertEquals(List.of("y".repeat(65_536), "next"), sink.texts());
        assertEquals(0, big.pendingBytes());
    }

    @Test
    void decodesOnlyTheGivenRangeOfTheArray() {
        byte[] bytes = "junk|mid\n|junk".getBytes(StandardCharsets.US_ASCII);
        decoder.decode(bytes, 5, 4, sink);
        assertEquals(List.of("mid"), sink.texts());
    }

    @Test
    void heapBufferIsConsumed() {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        buffer.put("ab\ncd".getBytes(StandardCharsets.US_ASCII)).flip();
        assertEquals(DecodeResult.OK, decoder.decode(buffer, sink));
        assertEquals(0, buffer.remaining());
        assertEquals(List.of("ab"), sink.texts());
        assertEquals(2, decoder.pendingBytes());
    }

    @Test
    void heapBufferIsReadFromItsPositionAndItsArrayOffset() {
        byte[] bytes = "junk|ab\ncd|junk".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer slice = ByteBuffer.wrap(bytes).position(2).slice();   // array offset 2
        slice.position(3).limit(8);                                        // "ab\ncd"
        assertEquals(DecodeResult.OK, decoder.decode(slice, sink));
        assertEquals(List.of("ab"), sink.texts());
        assertEquals(2, decoder.pendingBytes());
        assertEquals(8, slice.position());
    }

    @Test
    void aLineWholeInOneChunkNeedsNoBuffer() {
        LineDecoder big = new LineDecoder(1_000);
        big.decode(bytes("x".repeat(500) + "\n"), 0, 501, sink);
        assertEquals(0, big.bufferCapacity());
    }

    @Test
    void aSplitLineGetsA64ByteBufferThatDoublesWhenFull() {
        LineDecoder big = new LineDecoder(1_000);
        feed(big, "abc");
        assertEquals(64, big.bufferCapacity());
        feed(big, "d".repeat(61));
        assertEquals(64, big.bufferCapacity(), "64 bytes fit a 64-byte buffer");
        feed(big, "e");
        assertEquals(128, big.bufferCapacity());
        feed(big, "\n");
        assertEquals(List.of("abc" + "d".repeat(61) + "e"), sink.texts());
    }

    @Test
    void aBufferGrowsAtOnceToWhatAChunkNeedsWhenThatIsMoreThanDouble() {
        LineDecoder big = new LineDecoder(1_000);
        feed(big, "abc");
        feed(big, "d".repeat(200));
        assertEquals(203, big.bufferCapacity());
    }

    @Test
    void aBufferNeverGrowsPastMaxLinePlusOne() {
        LineDecoder small = new LineDecoder(100);
        feed(small, "x".repeat(70));
        assertEquals(70, small.bufferCapacity());
        feed(small, "x".repeat(30) + "\r");
        assertEquals(101, small.bufferCapacity(), "room for the longest line and the \\r of its \\r\\n");
        feed(small, "\n");
        assertEquals(List.of("x".repeat(100)), sink.texts());
    }

    @Test
    void aBufferOfUpToRetainedBytesStaysForTheNextLineALargerOneIsDropped() {
        LineDecoder big = new LineDecoder(1_000);
        feed(big, "a\nb");
        feed(big, "\n");
        assertEquals(64, big.bufferCapacity(), "a small buffer is kept");

        feed(big, "x".repeat(128));
        feed(big, "y");
        assertEquals(LineDecoder.RETAINED_PARTIAL_BYTES, big.bufferCapacity());
        feed(big, "\n");
        assertEquals(LineDecoder.RETAINED_PARTIAL_BYTES, big.bufferCapacity(), "exactly the retained size is kept");

        feed(big, "z".repeat(257));
        assertEquals(512, big.bufferCapacity());
        feed(big, "\n");
        assertEquals(0, big.bufferCapacity(), "an idle connection holds no large buffer");
        assertEquals(List.of("a", "b", "x".repeat(128) + "y", "z".repeat(257)), sink.texts());
    }

    private void feed(LineDecoder target, String text) {
        byte[] chunk = bytes(text);
        assertEquals(DecodeResult.OK, target.decode(chunk, 0, chunk.length, sink));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void directBufferIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(ByteBuffer.allocateDirect(4), sink));
    }

    @Test
    void maxLineBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LineDecoder(0));
    }

    @Test
    void createPicksTheDecoderOfTheFraming() {
        assertEquals(LineDecoder.class, MessageDecoder.create(Framing.LINE, 10).getClass());
        assertEquals(ChunkDecoder.class, MessageDecoder.create(Framing.RAW, 10).getClass());
    }
}
