package io.vtnio.loadgen.client;

import io.vtnio.loadgen.wire.Printable;
import io.vtnio.core.DecodeResult;
import io.vtnio.core.LineDecoder;
import io.vtnio.core.MessageSink;
import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ErrorKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One connect of the hello workload: connect, read the greeting line, see the server close.
 * It succeeds only if the first line is exactly the expected greeting and nothing follows it
 * before end of stream; then it records latency from the scheduled connect (open model) or the
 * connect start (closed model) to the greeting, and service time from the connect start.
 *
 * <p>Threading: owned by one {@link ClientLoop}; every method runs on its thread.
 */
final class HelloAttempt extends ClientConnection implements MessageSink {

    private static final int GREETING_SLACK_BYTES = 64;

    private final byte[] greeting;
    private final long scheduledNs;
    private final LineDecoder decoder;
    private long greetedNs;
    private boolean greeted;
    private boolean succeeded;

    /** @param scheduledNs when the open model meant this connect to start; the start itself in the closed model */
    HelloAttempt(ClientLoop loop, int index, InetSocketAddress target, InetAddress bindAddress,
                 byte[] greeting, long scheduledNs) {
        super(loop, index, target, bindAddress);
        this.greeting = greeting;
        this.scheduledNs = scheduledNs;
        this.decoder = new LineDecoder(greeting.length + GREETING_SLACK_BYTES);
    }

    @Override
    protected boolean choosesSourcePort() {
        return false;
    }

    boolean succeeded() {
        return succeeded;
    }

    @Override
    protected void onBytes(byte[] bytes, int length, long nowNs) {
        if (greeted) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": unexpected bytes after the greeting: " + Printable.quote(bytes, 0, length));
            return;
        }
        greetedNs = nowNs;
        DecodeResult result = decoder.decode(bytes, 0, length, this);
        if (isClosed()) {
            return;
        }
        if (result == DecodeResult.MALFORMED) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": greeting line longer than the expected "
                    + greeting.length + " bytes");
        } else if (greeted && decoder.pendingBytes() > 0) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": unexpected bytes after the greeting");
        }
    }

    @Override
    public void onMessage(byte[] bytes, int offset, int length) {
        if (isClosed()) {
            return;
        }
        if (greeted) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": a second line after the greeting: " + Printable.quote(bytes, offset, length));
        } else if (!Arrays.equals(bytes, offset, offset + length, greeting, 0, greeting.length)) {
            fail(ErrorKind.WRONG_REPLY, describe() + ": greeting was " + Printable.quote(bytes, offset, length)
                    + ", expected " + Printable.quote(greeting, 0, greeting.length));
        } else {
            greeted = true;
            counters().greeted();
        }
    }

    @Override
    protected void onEndOfStream(long nowNs) {
        if (!greeted) {
            fail(ErrorKind.CLOSED, describe() + ": closed before a whole greeting line"
                    + (decoder.pendingBytes() > 0 ? " (" + decoder.pendingBytes() + " bytes without a newline)" : ""));
            return;
        }
        succeeded = true;
        record(greetedNs - scheduledNs, greetedNs - connectStartNs());
        close();
    }

    @Override
    public boolean isDrained() {
        return false;
    }

    @Override
    protected long waitingSinceNs() {
        return connectStartNs();
    }

    @Override
    protected void onTimeout(long timeoutMs) {
        if (!isConnected()) {
            super.onTimeout(timeoutMs);
        } else if (!greeted && !counters().anyGreeted()) {
            // Not one greeting yet in this run: the server waits for a line (echo or chat).
            failMismatch(ErrorKind.TIMEOUT, "the server did not greet: connected, but nothing came within "
                    + timeoutMs + " ms (--timeout) and it kept the connection open; is it running --mode hello?"
                    + " then start it with --mode hello, or try load --mode echo");
        } else {
            fail(ErrorKind.TIMEOUT, describe() + ": " + (greeted ? "greeted, but not closed" : "no greeting")
                    + " within " + timeoutMs + " ms (--timeout)");
        }
    }

    @Override
    public void finish(long nowNs) {
        fail(ErrorKind.TIMEOUT, describe() + ": no greeting and close by the end of the run (--timeout)");
    }
}
