package io.vtnio.vt;

import java.io.IOException;
import java.io.InputStream;

/**
 * A connection's read buffer that sizes itself to the traffic: {@value #MIN_BYTES} bytes to
 * start, doubled after a read that filled it (more was probably waiting), up to
 * {@value #MAX_BYTES}, and cut back to the smallest power of two above the last read when reads
 * get small. A blocking read holds its buffer for as long as the peer stays silent, so this is
 * what keeps an idle connection cheap while a busy one still reads in large gulps.
 *
 * <p>Threading: not thread-safe; owned by the connection's thread.
 */
final class ReadBuffer {

    static final int MIN_BYTES = 256;
    static final int MAX_BYTES = 64 * 1024;

    private byte[] bytes = new byte[MIN_BYTES];

    /** The array the last {@link #readFrom} filled; valid until the next call. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * Blocks until some bytes arrive and reads them to the start of {@link #bytes()}.
     * The previous contents must have been consumed: the array may be replaced first.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    int readFrom(InputStream in) throws IOException {
        return in.read(bytes, 0, bytes.length);
    }

    /**
     * Adapts the capacity for the next read to how much the last one returned.
     *
     * @return true if the read filled the buffer: more bytes are probably waiting already
     */
    boolean adaptTo(int lastReadBytes) {
        int capacity = bytes.length;
        if (lastReadBytes >= capacity) {
            if (capacity < MAX_BYTES) {
                bytes = new byte[capacity * 2];
            }
            return true;
        }
        // Smallest power of two above the read: steady traffic of one size never fills the
        // buffer, so it neither grows nor shrinks again.
        int fitting = Math.max(MIN_BYTES, Integer.highestOneBit(Math.max(1, lastReadBytes)) << 1);
        if (fitting < capacity) {
            bytes = new byte[fitting];
        }
        return false;
    }
}
