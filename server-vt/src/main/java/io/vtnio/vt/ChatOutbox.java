package io.vtnio.vt;

import io.vtnio.core.Protocol;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * A chat member's outbound queue and the writer thread that drains it. Broadcasters
 * {@link #offer} lines without ever blocking; the writer takes whatever has queued up, writes it
 * as one batch, and parks when the queue is empty. When the bytes queued and not yet written
 * pass {@code maxPendingBytes}, the member is a slow consumer: its connection is closed and
 * counted, and later offers are refused, so nobody else ever waits for it.
 *
 * <p>States: RUNNING → FINISHING (write what is queued, then stop) → done; or RUNNING →
 * ABORTED (stop at once; the connection is closed or about to be).
 *
 * <p>Threading: {@link #offer} from any thread (broadcasters, under the room's lock);
 * {@link #start}, {@link #finish}, {@link #abort}, {@link #awaitRoomToRead} and
 * {@link #awaitWriter} from the member's reader thread ({@link #abort} also from broadcasters);
 * the draining runs on the writer thread, the only one writing the socket.
 */
final class ChatOutbox {

    private static final System.Logger LOG = System.getLogger(ChatOutbox.class.getName());
    private final Connection connection;
    private final long maxPendingBytes;
    private final ServerMetrics metrics;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final BackPressure owed;
    private final Thread writer;
    private volatile boolean finishing;
    private volatile boolean aborted;

    /** @param writers makes the writer thread, of the server's {@link ConnectionThreads} kind */
    ChatOutbox(Connection connection, long maxPendingBytes, BackPressure owed, ServerMetrics metrics,
            ThreadFactory writers) {
        this.connection = connection;
        this.maxPendingBytes = maxPendingBytes;
        this.owed = owed;
        this.metrics = metrics;
        this.writer = writers.newThread(this::drain);
    }

    void start() {
        writer.start();
    }

    /**
     * Queues a message without blocking.
     *
     * @return false if this member is gone (dropped as a slow consumer, or closed) and should
     *     be offered nothing more
     */
    boolean offer(byte[] message) {
        if (aborted || connection.isClosed()) {
            return false;
        }
        if (owed.owe(message.length) > maxPendingBytes) {
            if (connection.close()) {
                metrics.slowConsumerDropped();
            }
            abort();
            return false;
        }
        queue.add(message);
        LockSupport.unpark(writer);
        return true;
    }

    /** The writer writes what is queued now, then ends. Nothing may be offered afterwards. */
    void finish() {
        finishing = true;
        LockSupport.unpark(writer);
    }

    /** The writer ends after the write in progress, if any; queued messages are dropped. */
    void abort() {
        aborted = true;
        LockSupport.unpark(writer);
        owed.wakeReader();
    }

    /**
     * Blocks the member's own reader while its outbox is past the {@link BackPressure} marks: a
     * client that sends faster than it reads is slowed down instead of being dropped for its own
     * backlog. Returns early once the outbox is aborted.
     */
    void awaitRoomToRead() throws InterruptedException {
        owed.awaitRoomToRead(() -> aborted);
    }

    /** Bytes queued and not yet taken by the socket. */
    long owedBytes() {
        return owed.owedBytes();
    }

    /** Waits at most {@code limit} for the writer to end. */
    void awaitWriter(Duration limit) throws InterruptedException {
        writer.join(limit);
    }

    void awaitWriter() throws InterruptedException {
        writer.join();
    }

    private void drain() {
        OutputBatch batch = new OutputBatch(connection.output(), metrics);
        try {
            while (!aborted) {
                byte[] message = queue.poll();
                if (message == null) {
                    if (!finishing) {
                        LockSupport.park(this);
                        continue;
                    }
                    // Poll again: a line may have been queued between the poll and reading the flag.
                    message = queue.poll();
                    if (message == null) {
                        return;
                    }
                }
                writeBatchStartingWith(message, batch);
            }
        } catch (IOException e) {
            connection.fail();
        } catch (RuntimeException | Error e) {
            // Without its writer the member would only fill up; end it rather than leave it hanging.
            connection.fail();
            LOG.log(System.Logger.Level.ERROR, "chat writer failed", e);
        }
    }

    private void writeBatchStartingWith(byte[] first, OutputBatch batch) throws IOException {
        long taken = 0;
        byte[] message = first;
        while (true) {
            // The ERR line, offered last by its member, is the one line that is no message.
            batch.add(message, message == Protocol.ERR_LINE_TOO_LONG ? 0 : 1);
            taken += message.length;
            // Stop before a line that would not fit: the batch then goes out in this one flush, never
            // partly from inside add, so the bytes counted out and the bytes paid below stay equal
            // (the back-pressure rule compares them). Only this thread polls, so peek then poll is safe.
            byte[] next = queue.peek();
            if (next == null || taken + next.length > OutputBatch.FLUSH_AT_BYTES) {
                break;
            }
            message = queue.poll();
        }
        batch.flush();
        // Counted down only once written: bytes stuck in a full socket still count as owed.
        owed.paid(taken);
    }
}
