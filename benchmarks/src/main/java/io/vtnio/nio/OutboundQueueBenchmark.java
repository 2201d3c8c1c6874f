package io.vtnio.nio;

import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The NIO server's per-connection {@link OutboundQueue} on its own, without a socket: one
 * operation is one burst of {@code buffers} 32-byte replies that the socket refused, queued and
 * then drained with gathering writes into a {@link SinkChannel} until the queue is empty again
 * (and has dropped its deque, as it does for an idle connection).
 *
 * <ul>
 *   <li>{@link #addAndDrain}: buffers handed over ({@code queue(buffer, 1, false)}, chat lines); the
 *       socket then takes everything offered.
 *   <li>{@link #addCopyAndDrain}: the loop's reused output buffer copied in ({@code queue(buffer, 1, true)}).
 *   <li>{@link #addAndDrainSlowly}: a socket that takes at most {@value #SLOW_WRITE_BYTES} bytes a
 *       write, so the queue is drained over several wake-ups and writes stop mid-buffer.
 * </ul>
 *
 * <p>Run it with the GC profiler to see the bytes allocated per burst ({@code gc.alloc.rate.norm},
 * B/op):
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar OutboundQueue -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboundQueueBenchmark {

    /** An echo reply as the load generator's default 32-byte payload gets it back. */
    private static final byte[] REPLY =
            "0123456789abcdef0123456789ab好\n".getBytes(StandardCharsets.UTF_8);
    private static final int SLOW_WRITE_BYTES = 1000;

    /** Replies queued before the socket has room again. */
    @Param({"1", "16", "256"})
    int buffers;

    private final ByteBuffer[] scratch = new ByteBuffer[EventLoop.GATHER_BUFFERS];
    private final SinkChannel fastSocket = new SinkChannel(Integer.MAX_VALUE);
    private final SinkChannel slowSocket = new SinkChannel(SLOW_WRITE_BYTES);
    private final OutboundQueue fastQueue = new OutboundQueue(fastSocket, new ServerMetrics());
    private final OutboundQueue slowQueue = new OutboundQueue(slowSocket, new ServerMetrics());
    private final ByteBuffer loopBuffer = ByteBuffer.wrap(REPLY);
    private ByteBuffer[] replies;

    @Setup
    public void setUp() {
        replies = new ByteBuffer[buffers];
        for (int i = 0; i < buffers; i++) {
            replies[i] = ByteBuffer.wrap(REPLY.clone());
        }
    }

    @Benchmark
    public long addAndDrain() throws IOException {
        for (ByteBuffer reply : replies) {
            fastQueue.queue(reply.clear(), 1, false);
        }
        return drain(fastQueue);
    }

    @Benchmark
    public long addCopyAndDrain() throws IOException {
        for (int i = 0; i < buffers; i++) {
            fastQueue.queue(loopBuffer.clear(), 1, true);
        }
        return drain(fastQueue);
    }

    @Benchmark
    public long addAndDrainSlowly() throws IOException {
        for (ByteBuffer reply : replies) {
            slowQueue.queue(reply.clear(), 1, false);
        }
        return drain(slowQueue);
    }

    /** One {@code flush} per OP_WRITE wake-up, as the connection does, until nothing is owed; returns the wake-ups. */
    private long drain(OutboundQueue queue) throws IOException {
        long wakeUps = 0;
        while (!queue.isEmpty()) {
            queue.flush(scratch);
            wakeUps++;
        }
        return wakeUps;
    }
}
