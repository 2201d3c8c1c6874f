package io.vtnio.vt;

import io.vtnio.core.ConnectionEnd;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.ConnectionPolicy.Finish;
import io.vtnio.core.DecodeResult;
import io.vtnio.core.EchoReply;
import io.vtnio.core.MessageDecoder;
import io.vtnio.core.MessageSink;
import io.vtnio.core.Protocol;
import io.vtnio.core.ServerMetrics;
import io.vtnio.core.Work;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Echo mode, the blocking way, for one connection: read, decode, answer, flush once per read
 * batch, repeat. End of stream (the client's half-close, or a graceful stop shutting the input of
 * a silent client) means every reply owed is sent and the connection closes; a stop noticed after
 * a read means the same, then the close or linger the policy says ({@link Connection#closeOrLinger}). A line over the
 * limit gets {@link Protocol#ERR_LINE_TOO_LONG} (a malformed HTTP request its error response) and a lingering
 * close; an HTTP request asking to close gets its response and the same linger. In http mode the "messages" are
 * whole responses ({@link io.vtnio.core.http.HttpExchange}), written as they are.
 *
 * <p>Threading: confined to the connection's thread; {@link #onMessage} is called by the
 * decoder on that same thread.
 */
final class Echo extends ConnectionSession implements MessageSink {

    private final MessageDecoder decoder;
    private final EchoReply reply;
    private final Work work;
    private final ServerMetrics metrics;
    private final ReadBuffer readBuffer = new ReadBuffer();
    private final OutputBatch batch;
    private int messagesInRead;

    Echo(Connection connection, MessageDecoder decoder, EchoReply reply, Work work, ServerMetrics metrics) {
        super(connection);
        this.decoder = decoder;
        this.reply = reply;
        this.work = work;
        this.metrics = metrics;
        this.batch = new OutputBatch(connection.output(), metrics);
    }

    @Override
    void serve() throws IOException {
        while (true) {
            int read;
            try {
                read = connection.read(readBuffer, stallTimeoutMillis());
            } catch (SocketTimeoutException e) {
                // Cut off partway through a request (ConnectionPolicy.isStalled): 408, then as after an error.
                refuse(decoder.stallRefusal());
                return;
            }
            if (read < 0) {
                connection.finish();
                batch.flush();
                connection.closeOrLinger(Finish.END_OF_STREAM, readBuffer.bytes());
                return;
            }
            if (connection.stopRequested()) {
                // Bytes read once a stop has begun are not answered (nor counted): as in the
                // selector server, whose connections stop reading when the stop begins.
                connection.finish();
                connection.closeOrLinger(Finish.STOP, readBuffer.bytes());
                return;
            }
            metrics.bytesIn(read);
            DecodeResult result = decode(read);
            boolean moreWaiting = readBuffer.adaptTo(read);
            if (result == DecodeResult.MALFORMED) {
                refuse(decoder.refusal());
                return;
            }
            if (result == DecodeResult.CLOSE) {
                connection.finish();
                batch.flush();
                connection.closeOrLinger(Finish.CLOSE_REQUESTED, readBuffer.bytes());
                return;
            }
            batch.flush();
            if (connection.stopRequested()) {
                connection.finish();
                connection.closeOrLinger(Finish.STOP, readBuffer.bytes());
                return;
            }
            if (moreWaiting) {
                // Virtual threads are not preempted: a client that keeps the socket full would
                // keep this carrier forever and starve other connections. Let them run first
                // (on a platform thread this is only a hint to the OS scheduler).
                Thread.yield();
            }
        }
    }

    /** Sends {@code refusal} after every reply owed, counted as the error it is (no reply), then lingers. */
    private void refuse(byte[] refusal) throws IOException {
        connection.finish();
        batch.add(refusal, 0);
        batch.flush();
        metrics.error();
        connection.closeOrLinger(Finish.ERROR_LINE, readBuffer.bytes());
    }

    /** The read timeout that enforces {@link ConnectionPolicy#isStalled}: its stall limit, 0 for none. */
    private int stallTimeoutMillis() {
        long limitNanos = connection.policy().stallLimitNanos(decoder);
        return limitNanos == 0 ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(limitNanos));
    }

    /**
     * A failed read comes only after every reply was flushed, so the decoder's partial line is all
     * that can be owed then; a failed write leaves its bytes in the batch, and work runs inline, so
     * a message being answered always shows there.
     */
    @Override
    ConnectionEnd.Owed owed() {
        return new ConnectionEnd.Owed(decoder.pendingBytes(), batch.pendingBytes(), false);
    }

    private DecodeResult decode(int read) throws IOException {
        messagesInRead = 0;
        try {
            return decoder.decode(readBuffer.bytes(), 0, read, this);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            // Counted even when a write among the read's answers failed: those messages were read.
            metrics.messagesIn(messagesInRead);
        }
    }

    @Override
    public void onMessage(byte[] bytes, int offset, int length) {
        messagesInRead++;
        try {
            if (!work.isNone()) {
                // The work may block for a while; replies already owed should not wait for it.
                batch.flush();
                work.perform(bytes, offset, length);
            }
            batch.addReply(reply, bytes, offset, length);
        } catch (IOException e) {
            // MessageSink cannot throw checked exceptions; decode() unwraps this again.
            throw new UncheckedIOException(e);
        }
    }
}
