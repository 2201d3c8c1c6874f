package io.vtnio.core;

import java.nio.ByteBuffer;

/**
 * Splits a connection's inbound byte stream into messages according to a {@link Framing}.
 * The framing logic of the whole project lives behind this interface: both servers and the
 * load generator use it.
 *
 * <pre>{@code
 * MessageDecoder decoder = MessageDecoder.create(Framing.LINE, 65_536);
 * int n = in.read(buffer);
 * if (decoder.decode(buffer, 0, n, this::reply) == DecodeResult.MALFORMED) {
 *     sendErrorAndClose();
 * }
 * }</pre>
 *
 * <p>Threading: not thread-safe; one decoder per connection, used by one thread at a time.
 */
public interface MessageDecoder {

    /**
     * Delivers every complete message in {@code bytes[offset, offset + length)} to {@code sink}.
     *
     * @return {@link DecodeResult#MALFORMED} when the input broke the rules (a line over the
     *     limit), {@link DecodeResult#CLOSE} when a message asked to end the connection; the
     *     decoder must not be used after either
     */
    DecodeResult decode(byte[] bytes, int offset, int length, MessageSink sink);

    /**
     * Decodes the remaining bytes of a heap buffer and consumes them (position becomes limit).
     *
     * @throws IllegalArgumentException if the buffer has no accessible array
     */
    default DecodeResult decode(ByteBuffer heapBuffer, MessageSink sink) {
        if (!heapBuffer.hasArray()) {
            throw new IllegalArgumentException("decoder needs a heap buffer");
        }
        int offset = heapBuffer.arrayOffset() + heapBuffer.position();
        int length = heapBuffer.remaining();
        heapBuffer.position(heapBuffer.limit());
        return decode(heapBuffer.array(), offset, length, sink);
    }

    /** Bytes held for a message not yet complete; 0 when the connection is between messages. */
    int pendingBytes();

    /**
     * What a connection writes, last, after {@link DecodeResult#MALFORMED}: the line protocol's
     * {@link Protocol#ERR_LINE_TOO_LONG}, or an HTTP error response. It is no reply: servers count
     * it as an error, not as a message out.
     */
    default byte[] refusal() {
        return Protocol.ERR_LINE_TOO_LONG;
    }

    /**
     * Whether a connection holding part of a message is cut off when it reads nothing more for
     * {@link ConnectionPolicy#requestStall} (HTTP); false where the protocol lets a message wait as
     * long as the client likes (the line protocol). Asked on every read that leaves a partial
     * message: it answers without building anything.
     */
    default boolean cutsOffStalls() {
        return false;
    }

    /**
     * What a connection {@linkplain #cutsOffStalls cut off} for stalling writes last (HTTP's 408);
     * built when it is owed. Counted as an error, like {@link #refusal}.
     *
     * @throws UnsupportedOperationException where the protocol never cuts off a stall
     */
    default byte[] stallRefusal() {
        throw new UnsupportedOperationException("this protocol lets a partial message wait");
    }

    /** A decoder for one connection. {@code maxLineBytes} must be at least 1. */
    static MessageDecoder create(Framing framing, int maxLineBytes) {
        return switch (framing) {
            case LINE -> new LineDecoder(maxLineBytes);
            case RAW -> new ChunkDecoder();
        };
    }
}
