package io.vtnio.vt;

import io.vtnio.core.EchoReply;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Replies gathered into one array and written with one call, as Netty flushes once per read
 * batch: a pipelining client gets all answers to one read in a single segment instead of one
 * write per message. The array is allocated at the first reply, grows with the batch, and is
 * dropped after a flush if it grew past {@value #RETAINED_BYTES} bytes, so an idle connection
 * keeps at most a small one. A batch that would pass {@value #FLUSH_AT_BYTES} bytes is flushed
 * early, which bounds the array for clients that pipeline deeply.
 *
 * <p>Threading: not thread-safe; used by the one thread that writes the connection.
 */
final class OutputBatch {

    static final int FIRST_BYTES = 128;
    static final int RETAINED_BYTES = 1024;
    static final int FLUSH_AT_BYTES = 64 * 1024;

    private final OutputStream out;
    private final ServerMetrics metrics;
    private byte[] bytes;
    private int length;
    private int messages;

    OutputBatch(OutputStream out, ServerMetrics metrics) {
        this.out = out;
        this.metrics = metrics;
    }

    /** Adds the echo reply to {@code message[offset, offset + length)} without allocating. */
    void addReply(EchoReply reply, byte[] message, int offset, int messageLength) throws IOException {
        int at = makeRoom(reply.length(messageLength));
        length = reply.write(message, offset, messageLength, bytes, at);
        messages++;
    }

    /**
     * Adds one whole line, such as a chat line or an {@code ERR} line, counted as {@code messages}
     * messages once written: 1 for a chat line, 0 for an {@code ERR} line, which is no reply
     * ({@link io.vtnio.core.ConnectionPolicy}).
     */
    void add(byte[] line, int messages) throws IOException {
        int at = makeRoom(line.length);
        System.arraycopy(line, 0, bytes, at, line.length);
        length = at + line.length;
        this.messages += messages;
    }

    /** Bytes waiting for {@link #flush}. */
    int pendingBytes() {
        return length;
    }

    /** Writes everything gathered, blocking until the socket took it. */
    void flush() throws IOException {
        if (length == 0) {
            return;
        }
        out.write(bytes, 0, length);
        metrics.messagesOut(messages);
        metrics.bytesOut(length);
        length = 0;
        messages = 0;
        if (bytes.length > RETAINED_BYTES) {
            bytes = null;
        }
    }

    /** @return where the next {@code size} bytes go */
    private int makeRoom(int size) throws IOException {
        if (length > 0 && length + size > FLUSH_AT_BYTES) {
            flush();
        }
        int needed = length + size;
        if (bytes == null) {
            bytes = new byte[Math.max(FIRST_BYTES, needed)];
        } else if (bytes.length < needed) {
            byte[] grown = new byte[Math.max(needed, Math.min(FLUSH_AT_BYTES, bytes.length * 2))];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
        return length;
    }
}
