package io.vtnio.vt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A connection's read buffer that sizes itself to the traffic: {@value #MIN_BYTES} bytes to
 * start, doubled after a read that filled it (more was probably waiting), up to
 * {@value #MAX_BYTES}, and cut back to the smallest power of two above the last read when reads
 * get small. A blocking read holds its buffer for as long as the peer stays silent, so this is
 * what keeps an idle connection cheap while a busy one still reads in large gulps.
 *
 * <p>The array is a heap buffer, read through a {@link ByteBuffer} view of it. The JDK reads a
 * socket into a direct buffer of its own, cached per carrier thread, and copies the bytes over;
 * a direct buffer here would spare that copy only to need one of our own, because the decoder
 * works on an array, and it would keep native memory per connection for as long as the
 * connection is idle, since a blocking read holds its buffer while it waits.
 *
 * <p>Threading: not thread-safe; owned by the connection's thread.
 */
final class ReadBuffer {

    static final int MIN_BYTES = 256;
    static final int MAX_BYTES = 64 * 1024;

    private byte[] bytes = new byte[MIN_BYTES];
    private ByteBuffer view = ByteBuffer.wrap(bytes);

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
    int readFrom(ReadableByteChannel in) throws IOException {
        view.clear();
        return in.read(view);
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
                resize(capacity * 2);
            }
            return true;
        }
        // Smallest power of two above the read: steady traffic of one size never fills the
        // buffer, so it neither grows nor shrinks again.
        int fitting = Math.max(MIN_BYTES, Integer.highestOneBit(Math.max(1, lastReadBytes)) << 1);
        if (fitting < capacity) {
            resize(fitting);
        }
        return false;
    }

    private void resize(int capacity) {
        bytes = new byte[capacity];
        view = ByteBuffer.wrap(bytes);
    }
}
