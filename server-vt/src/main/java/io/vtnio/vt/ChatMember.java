package io.vtnio.vt;

import io.vtnio.core.ConnectionEnd;
import io.vtnio.core.ConnectionPolicy;
import io.vtnio.core.ConnectionPolicy.Finish;
import io.vtnio.core.DecodeResult;
import io.vtnio.core.MessageDecoder;
import io.vtnio.core.MessageSink;
import io.vtnio.core.Protocol;
import io.vtnio.core.ReadPause;
import io.vtnio.core.ServerMetrics;
import io.vtnio.core.Work;
import java.io.IOException;
import java.util.concurrent.ThreadFactory;

/**
 * The reading side of one chat connection: reads lines and broadcasts each to the
 * {@link ChatRoom}, while its {@link ChatOutbox} writes what the room delivers. It stops reading
 * at the {@link BackPressure} marks of its own outbox (half of {@code --max-outbound}, resuming
 * at a quarter, as in the selector server), so a client that publishes faster than it reads
 * throttles itself. At end of stream
 * (half-close or graceful stop) it leaves the room, lets the outbox write what is queued, then
 * closes or lingers as the policy says ({@link Connection#closeOrLinger}); a
 * line over the limit is broadcast to nobody and answered with
 * {@link Protocol#ERR_LINE_TOO_LONG} before a lingering close.
 *
 * <p>Threading: confined to the connection's thread; {@link #onMessage} is called by the
 * decoder on that same thread.
 */
final class ChatMember extends ConnectionSession implements MessageSink {

    private final ChatRoom room;
    private final ChatOutbox outbox;
    private final MessageDecoder decoder;
    private final Work work;
    private final ServerMetrics metrics;
    private final ReadBuffer readBuffer = new ReadBuffer();
    private int messagesInRead;
    private boolean endOfStream;

    /** @param writers makes the outbox's writer thread, of the server's {@link ConnectionThreads} kind */
    ChatMember(Connection connection, ChatRoom room, MessageDecoder decoder, Work work, ServerMetrics metrics,
            int maxOutboundBytes, ThreadFactory writers) {
        super(connection);
        this.room = room;
        BackPressure owed = new BackPressure(ReadPause.forChat(maxOutboundBytes));
        this.outbox = new ChatOutbox(connection, maxOutboundBytes, owed, metrics, writers);
        this.decoder = decoder;
        this.work = work;
        this.metrics = metrics;
    }

    @Override
    void serve() throws IOException, InterruptedException {
        outbox.start();
        room.join(outbox);
        try {
            DecodeResult result = readUntilEnd();
            connection.finish();
            room.leave(outbox);
            if (result == DecodeResult.MALFORMED) {
                metrics.error();
                outbox.offer(Protocol.ERR_LINE_TOO_LONG);
            }
            outbox.finish();
            outbox.awaitWriter();
            connection.closeOrLinger(result == DecodeResult.MALFORMED ? Finish.ERROR_LINE
                    : endOfStream ? Finish.END_OF_STREAM : Finish.STOP, readBuffer.bytes());
        } finally {
            room.leave(outbox);
            outbox.abort();
        }
    }

    /**
     * Lines queued in its outbox and not yet written are owed, its own and others' alike; its own
     * lines reach its outbox within {@link #onMessage}, so none is ever still on its way there.
     * The writer is stopped first: it counts a batch as written only once its write returned, and
     * a client may read that batch and reset in between; a write the reset cut short fails at
     * once. A writer that does not end within {@link ConnectionPolicy#writerSettle} leaves its bytes owed.
     */
    @Override
    ConnectionEnd.Owed owed() {
        outbox.abort();
        try {
            outbox.awaitWriter(connection.policy().writerSettle());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ConnectionEnd.Owed(decoder.pendingBytes(), outbox.owedBytes(), false);
    }

    /** @return {@link DecodeResult#OK} at end of stream or once a stop is requested, or the line-too-long verdict */
    private DecodeResult readUntilEnd() throws IOException, InterruptedException {
        while (true) {
            outbox.awaitRoomToRead();
            int read = connection.read(readBuffer);
            if (read < 0) {
                endOfStream = true;
                return DecodeResult.OK;
            }
            if (connection.stopRequested()) {
                return DecodeResult.OK; // read once a stop has begun: not answered, as in Echo
            }
            metrics.bytesIn(read);
            messagesInRead = 0;
            DecodeResult result = decoder.decode(readBuffer.bytes(), 0, read, this);
            metrics.messagesIn(messagesInRead);
            boolean moreWaiting = readBuffer.adaptTo(read);
            if (result == DecodeResult.MALFORMED || connection.stopRequested()) {
                return result;
            }
            if (moreWaiting) {
                Thread.yield(); // as in Echo: a busy client must not keep the carrier
            }
        }
    }

    @Override
    public void onMessage(byte[] bytes, int offset, int length) {
        messagesInRead++;
        work.perform(bytes, offset, length);
        room.broadcast(bytes, offset, length);
    }
}
