package io.vtnio.core;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast {@link LineDecoder} splits a connection's bytes into lines: 1 MiB of lines of
 * {@code lineBytes} bytes (newline included) is decoded per invocation, handed to the decoder in
 * reads of {@code chunkBytes} bytes, into a sink that gives each message to a {@link Blackhole}.
 *
 * <p>One operation is one byte and the unit is nanoseconds, so <b>the score is in bytes per
 * nanosecond, which is GB/s</b> (10<sup>9</sup> bytes per second): {@code 1.500 ops/ns} reads
 * "1.5 GB/s on one core".
 *
 * <ul>
 *   <li>{@code chunkBytes = 1048576}: the whole megabyte in one call, every line whole inside it
 *       (the zero-copy fast path; the target is at least 1 GB/s for 32-byte lines).
 *   <li>{@code chunkBytes = 8191}: socket-sized reads that end mid-line now and then, as a server
 *       sees them; the line across each boundary is gathered in the decoder's own buffer.
 *   <li>{@code chunkBytes = 20}: every line split across chunks (the gathering path only).
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar LineDecoder -f 1 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(LineDecoderBenchmark.INPUT_BYTES)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineDecoderBenchmark {

    /** Bytes decoded per invocation; one "operation" each. */
    static final int INPUT_BYTES = 1 << 20;

    /** Line length, {@code \n} included; divides {@link #INPUT_BYTES}. */
    @Param({"32", "1024"})
    int lineBytes;

    /** Bytes handed to one {@code decode} call, like one socket read. */
    @Param({"1048576", "8191", "20"})
    int chunkBytes;

    private byte[] input;
    private LineDecoder decoder;
    private MessageSink sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        input = lines(INPUT_BYTES, lineBytes);
        decoder = new LineDecoder(Protocol.DEFAULT_MAX_LINE_BYTES);
        sink = (bytes, offset, length) -> blackhole.consume(length);
    }

    @Benchmark
    public int decode() {
        int calls = 0;
        for (int offset = 0; offset < INPUT_BYTES; offset += chunkBytes) {
            int length = Math.min(chunkBytes, INPUT_BYTES - offset);
            if (decoder.decode(input, offset, length, sink) != DecodeResult.OK) {
                throw new IllegalStateException("benchmark input rejected");
            }
            calls++;
        }
        return calls;
    }

    /** Printable ASCII lines of {@code lineBytes} bytes each, {@code \n} included. */
    static byte[] lines(int totalBytes, int lineBytes) {
        if (totalBytes % lineBytes != 0) {
            throw new IllegalArgumentException(lineBytes + " does not divide " + totalBytes);
        }
        SplittableRandom random = new SplittableRandom(42);
        byte[] bytes = new byte[totalBytes];
        for (int i = 0; i < totalBytes; i++) {
            bytes[i] = (i + 1) % lineBytes == 0 ? (byte) '\n' : (byte) random.nextInt(' ', '~' + 1);
        }
        return bytes;
    }
}
