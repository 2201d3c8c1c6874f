package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkDecoderTest {

    private final ChunkDecoder decoder = new ChunkDecoder();
    private final RecordingSink sink = new RecordingSink();

    private DecodeResult feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length, sink);
    }

    @Test
    void everyChunkIsOneMessageNewlinesIncluded() {
        assertEquals(DecodeResult.OK, feed("no newline"));
        assertEquals(DecodeResult.OK, feed("two\nlines\n"));
        assertEquals(List.of("no newline", "two\nlines\n"), sink.texts());
        assertEquals(0, decoder.pendingBytes());
    }

    @Test
    void emptyChunkIsNoMessage() {
        assertEquals(DecodeResult.OK, feed(""));
        assertEquals(List.of(), sink.texts());
    }

    @Test
    void chunkLongerThanAnyLineLimitPasses() {
        String big = "z".repeat(200_000);
        assertEquals(DecodeResult.OK, feed(big));
        assertEquals(List.of(big), sink.texts());
    }

    @Test
    void onlyTheGivenRangeIsTheMessage() {
        byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        decoder.decode(bytes, 3, 4, sink);
        assertEquals(List.of("3456"), sink.texts());
    }
}
