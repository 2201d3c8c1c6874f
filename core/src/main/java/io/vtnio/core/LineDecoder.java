package io.vtnio.core;

import java.util.Arrays;

/**
 * The {@link Framing#LINE} decoder: the bytes up to {@code \n} form one message and a {@code \r}
 * right before the {@code \n} is dropped. Bytes are never decoded as text.
 *
 * <p>A line that arrives whole inside one chunk is handed to the sink straight from the caller's
 * array, with no copy. Only a line split across chunks is gathered in a buffer of this decoder's
 * own, allocated when first needed and dropped again once it has grown past
 * {@value #RETAINED_PARTIAL_BYTES} bytes, so an idle connection holds no large buffer.
 *
 * <p>The limit is exact: a message of {@code maxLineBytes} bytes (terminator excluded) passes, one
 * byte more fails, and a line still incomplete fails as soon as it can no longer fit.
 *
 * <p>Threading: not thread-safe; one instance per connection.
 */
public final class LineDecoder implements MessageDecoder {

    /** Partial-line buffers up to this size stay with the connection; larger ones are dropped. */
    static final int RETAINED_PARTIAL_BYTES = 256;

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final int maxLineBytes;
    private byte[] partial;
    private int partialLength;

    /** @param maxLineBytes largest message accepted, terminator excluded; at least 1 */
    public LineDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public DecodeResult decode(byte[] bytes, int offset, int length, MessageSink sink) {
        int end = offset + length;
        int lineStart = offset;
        int newline;
        while ((newline = indexOfNewline(bytes, lineStart, end)) >= 0) {
            boolean ok = partialLength == 0
                    ? emit(bytes, lineStart, newline - lineStart, sink)
                    : appendAndEmit(bytes, lineStart, newline - lineStart, sink);
            if (!ok) {
                return DecodeResult.MALFORMED;
            }
            lineStart = newline + 1;
        }
        return keepTail(bytes, lineStart, end - lineStart)
                ? DecodeResult.OK
                : DecodeResult.MALFORMED;
    }

    @Override
    public int pendingBytes() {
        return partialLength;
    }

    /** Size of the partial-line buffer this decoder holds, 0 when none; package-private for tests. */
    int bufferCapacity() {
        return partial == null ? 0 : partial.length;
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == LF) {
                return i;
            }
        }
        return -1;
    }

    private boolean emit(byte[] bytes, int offset, int length, MessageSink sink) {
        if (length > 0 && bytes[offset + length - 1] == CR) {
            length--;
        }
        if (length > maxLineBytes) {
            return false;
        }
        sink.onMessage(bytes, offset, length);
        return true;
    }

    private boolean appendAndEmit(byte[] bytes, int offset, int length, MessageSink sink) {
        if (!append(bytes, offset, length)) {
            return false;
        }
        int lineLength = partialLength;
        partialLength = 0;
        boolean ok = emit(partial, 0, lineLength, sink);
        if (partial.length > RETAINED_PARTIAL_BYTES) {
            partial = null;
        }
        return ok;
    }

    /** Keeps an incomplete tail, failing as soon as it can no longer become a legal line. */
    private boolean keepTail(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return true;
        }
        if (!append(bytes, offset, length)) {
            return false;
        }
        // maxLineBytes + 1 bytes fit only if the last one is the \r of a coming \r\n.
        return partialLength <= maxLineBytes
                || (partialLength == maxLineBytes + 1 && partial[partialLength - 1] == CR);
    }

    private boolean append(byte[] bytes, int offset, int length) {
        int needed = partialLength + length;
        if (needed > maxLineBytes + 1) {
            return false;
        }
        if (partial == null || partial.length < needed) {
            int capacity = Math.min(maxLineBytes + 1,
                    Math.max(needed, partial == null ? 64 : partial.length * 2));
            partial = partial == null ? new byte[capacity] : Arrays.copyOf(partial, capacity);
        }
        System.arraycopy(bytes, offset, partial, partialLength, length);
        partialLength = needed;
        return true;
    }
}
