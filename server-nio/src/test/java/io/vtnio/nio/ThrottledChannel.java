package io.vtnio.nio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * A socket stand-in for {@link OutboundQueue}: each write takes at most {@link #takePerWrite}
 * bytes (0 is a full send buffer, {@link Integer#MAX_VALUE} a socket that keeps up) and records
 * them, so a test sees exactly what reached the peer and in how many calls.
 */
final class ThrottledChannel implements GatheringByteChannel {

    int takePerWrite;
    IOException failNextWrite;
    private final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    private int writeCalls;
    private int lastBuffersOffered;

    ThrottledChannel(int takePerWrite) {
        this.takePerWrite = takePerWrite;
    }

    byte[] taken() {
        return taken.toByteArray();
    }

    int writeCalls() {
        return writeCalls;
    }

    int lastBuffersOffered() {
        return lastBuffersOffered;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        writeCalls++;
        lastBuffersOffered = length;
        if (failNextWrite != null) {
            IOException failure = failNextWrite;
            failNextWrite = null;
            throw failure;
        }
        long budget = takePerWrite;
        long written = 0;
        for (int i = offset; i < offset + length && budget > 0; i++) {
            ByteBuffer src = srcs[i];
            while (src.hasRemaining() && budget > 0) {
                taken.write(src.get());
                budget--;
                written++;
            }
        }
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
