package io.vtnio.nio;

import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * A socket stand-in for benchmarks: takes up to {@code maxBytesPerWrite} bytes a write call (as a
 * socket takes what fits its send buffer) and throws them away, with no system call.
 *
 * <p>Threading: not thread-safe; one per benchmark thread.
 */
final class SinkChannel implements GatheringByteChannel {

    private final int maxBytesPerWrite;

    /** @param maxBytesPerWrite bytes one write call takes at most; at least 1 */
    SinkChannel(int maxBytesPerWrite) {
        if (maxBytesPerWrite < 1) {
            throw new IllegalArgumentException("maxBytesPerWrite must be at least 1: " + maxBytesPerWrite);
        }
        this.maxBytesPerWrite = maxBytesPerWrite;
    }

    @Override
    public int write(ByteBuffer src) {
        return (int) take(src, maxBytesPerWrite);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        long room = maxBytesPerWrite;
        for (int i = offset; i < offset + length && room > 0; i++) {
            room -= take(srcs[i], room);
        }
        return maxBytesPerWrite - room;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
        return write(srcs, 0, srcs.length);
    }

    private long take(ByteBuffer src, long room) {
        int n = (int) Math.min(src.remaining(), room);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
