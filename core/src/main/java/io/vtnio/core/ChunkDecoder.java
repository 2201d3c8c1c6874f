package io.vtnio.core;

/**
 * The {@link Framing#RAW} decoder: every chunk one read returns is one message, as the
 * tutorial's clients expect ({@code sendall(text)} then {@code recv(1024)}).
 *
 * <p>Threading: stateless apart from nothing; safe to share, though one per connection is usual.
 */
public final class ChunkDecoder implements MessageDecoder {

    @Override
    public DecodeResult decode(byte[] bytes, int offset, int length, MessageSink sink) {
        if (length > 0) {
            sink.onMessage(bytes, offset, length);
        }
        return DecodeResult.OK;
    }

    @Override
    public int pendingBytes() {
        return 0;
    }
}
