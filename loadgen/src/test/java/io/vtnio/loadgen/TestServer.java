package io.vtnio.loadgen;


import io.vtnio.core.DecodeResult;
import io.vtnio.core.http.HttpExchange;
import io.vtnio.core.http.HttpRequestDecoder;
import io.vtnio.core.http.HttpResponses;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small protocol server for the generator's tests, independent of the real servers: blocking
 * sockets, one virtual thread per connection, on a free loopback port. It can misbehave on
 * purpose: a wrong suffix, closing every connection after some messages, stalling, rewriting HTTP
 * responses, or dying at once ({@link #kill}) to be restarted on the same port ({@link #echoOnPort}).
 *
 * <p>Threading: start and close from the test thread; connections run on their own virtual threads.
 */
public final class TestServer implements AutoCloseable {

    enum Kind { ECHO, CHAT, HELLO, HTTP }

    private final Kind kind;
    private final byte[] text;
    private final long closeAfterMessages;
    private volatile long stallAfterMessages = Long.MAX_VALUE;
    private volatile java.util.function.UnaryOperator<byte[]> responseRewrite = java.util.function.UnaryOperator.identity();
    private volatile long stallMs;
    private volatile long serviceNanos;
    private volatile long kneePerSec = Long.MAX_VALUE;
    private volatile long kneeDelayMs;
    private final Object kneeLock = new Object();
    private final long[] kneeBuckets = new long[KNEE_BUCKETS];
    private long kneeBucket;
    /** The knee's window: the last half second, in 50 ms buckets, so that bursts of a few messages do not count. */
    private static final int KNEE_BUCKETS = 10;
    private static final long KNEE_BUCKET_NS = 50_000_000L;
    private final java.util.concurrent.locks.ReentrantLock serviceSlot = new java.util.concurrent.locks.ReentrantLock(true);
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<OutputStream> chatClients = ConcurrentHashMap.newKeySet();
    private final Object broadcastLock = new Object();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong publisherLines = new AtomicLong();
    private final Set<InetAddress> clientAddresses = ConcurrentHashMap.newKeySet();
    private final Set<Integer> dropLines = ConcurrentHashMap.newKeySet();

    private TestServer(Kind kind, String text, long closeAfterMessages) throws IOException {
        this(kind, text, closeAfterMessages, 0);
    }

    private TestServer(Kind kind, String text, long closeAfterMessages, int port) throws IOException {
        this.kind = kind;
        this.text = text.getBytes(StandardCharsets.UTF_8);
        this.closeAfterMessages = closeAfterMessages;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public static TestServer echo(String suffix) throws IOException {
        return new TestServer(Kind.ECHO, suffix, Long.MAX_VALUE);
    }

    /** Echo on a given loopback port, e.g. that of a killed server, as a restart would. */
    public static TestServer echoOnPort(int port) throws IOException {
        return new TestServer(Kind.ECHO, "好", Long.MAX_VALUE, port);
    }

    /** Echo that closes each connection after {@code messages} messages. */
    public static TestServer echoClosingAfter(long messages) throws IOException {
        return new TestServer(Kind.ECHO, "好", messages);
    }

    /** HTTP/1.1 through core's {@link HttpExchange}, as the real servers' {@code --mode http}. */
    public static TestServer http() throws IOException {
        return new TestServer(Kind.HTTP, "", Long.MAX_VALUE);
    }

    /** HTTP that closes each connection after {@code responses} responses, without {@code Connection: close}. */
    public static TestServer httpClosingAfter(long responses) throws IOException {
        return new TestServer(Kind.HTTP, "", responses);
    }

    /** HTTP: every response goes through {@code rewrite} before it is sent (a wrong status, a wrong body, ...). */
    public TestServer rewritingResponses(java.util.function.UnaryOperator<byte[]> rewrite) {
        this.responseRewrite = rewrite;
        return this;
    }

    public static TestServer chat() throws IOException {
        return new TestServer(Kind.CHAT, "", Long.MAX_VALUE);
    }

    public static TestServer hello(String greeting) throws IOException {
        return new TestServer(Kind.HELLO, greeting, Long.MAX_VALUE);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Echo: once, after {@code messages} messages in all, stop answering for {@code ms} milliseconds. */
    public TestServer stallingOnceAfter(long messages, long ms) {
        this.stallMs = ms;
        this.stallAfterMessages = messages;
        return this;
    }

    /**
     * Echo: every message takes {@code micros} of the server's one service slot (a fair lock held
     * while it parks, so it costs no CPU), so the server answers at most 1,000,000 / micros messages a second in all,
     * however many connections send: a capacity known in advance.
     */
    public TestServer servingOneAtATime(long micros) {
        this.serviceNanos = micros * 1_000;
        return this;
    }

    /**
     * Echo: while more than {@code ratePerSec} messages a second arrive (over the last half second), every
     * 20th message waits {@code delayMs} before its reply: a latency knee at a rate known in advance,
     * whatever the machine's speed, and no backlog (one message in twenty, on its own connection).
     */
    public TestServer slowingAbove(long ratePerSec, long delayMs) {
        this.kneePerSec = ratePerSec;
        this.kneeDelayMs = delayMs;
        return this;
    }

    /** Chat: the server leaves out the {@code n}-th line it receives (from 1) when broadcasting. */
    public TestServer droppingChatLine(int n) {
        dropLines.add(n);
        return this;
    }

    /** Source addresses of the clients that connected. */
    public Set<InetAddress> clientAddresses() {
        return clientAddresses;
    }

    /** Chat: lines received that start with 'p', the generator's publisher lines (not join probes). */
    public long publisherLines() {
        return publisherLines.get();
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Messages received so far over all connections. */
    public long messages() {
        return messages.get();
    }

    /** Counts one message; true when the last half second held more than the knee's rate. */
    private boolean overKnee() {
        long bucket = System.nanoTime() / KNEE_BUCKET_NS;
        synchronized (kneeLock) {
            for (long b = Math.max(kneeBucket + 1, bucket - KNEE_BUCKETS + 1); b <= bucket; b++) {
                kneeBuckets[(int) (b % KNEE_BUCKETS)] = 0;
            }
            kneeBucket = Math.max(kneeBucket, bucket);
            kneeBuckets[(int) (bucket % KNEE_BUCKETS)]++;
            long inWindow = 0;
            for (long count : kneeBuckets) {
                inWindow += count;
            }
            return inWindow * 1_000_000_000L / (KNEE_BUCKETS * KNEE_BUCKET_NS) > kneePerSec;
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                accepted.incrementAndGet();
                clientAddresses.add(socket.getInetAddress());
                Thread.ofVirtual().start(() -> serve(socket));
            }
        } catch (IOException closed) {
            // The listener was closed: the test is over.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            switch (kind) {
                case HELLO -> {
                    out.write(text);
                    out.write('\n');
                    out.flush();
                }
                case ECHO -> echo(in, out);
                case CHAT -> chat(in, out);
                case HTTP -> http(in, out);
            }
        } catch (IOException gone) {
            // The client left; nothing to do for a test server.
        } finally {
            sockets.remove(socket);
        }
    }

    private void echo(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long served = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            if (messages.incrementAndGet() == stallAfterMessages) {
                out.flush();
                try {
                    Thread.sleep(stallMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (++served > closeAfterMessages) {
                out.flush();
                return;
            }
            if (kneeDelayMs > 0 && overKnee() && messages.get() % 20 == 0) {
                out.flush();
                try {
                    Thread.sleep(kneeDelayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (serviceNanos > 0) {
                serviceSlot.lock();
                try {
                    long untilNs = System.nanoTime() + serviceNanos;
                    for (long leftNs = serviceNanos; leftNs > 0; leftNs = untilNs - System.nanoTime()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(leftNs);
                    }
                } finally {
                    serviceSlot.unlock();
                }
            }
            line.writeTo(out);
            out.write(text);
            out.write('\n');
            line.reset();
            if (in.available() == 0) {
                out.flush();
            }
        }
        out.flush();
    }

    private void http(InputStream in, OutputStream out) throws IOException {
        HttpExchange exchange = new HttpExchange(HttpRequestDecoder.Limits.DEFAULT, new HttpResponses());
        byte[] buffer = new byte[65536];
        long[] served = {0};
        IOException[] failed = {null};
        int n;
        while ((n = in.read(buffer)) >= 0) {
            DecodeResult result = exchange.decode(buffer, 0, n, (bytes, offset, length) -> {
                messages.incrementAndGet();
                if (++served[0] > closeAfterMessages || failed[0] != null) {
                    return;
                }
                try {
                    out.write(responseRewrite.apply(java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            out.flush();
            if (served[0] > closeAfterMessages || result != DecodeResult.OK) {
                return;
            }
        }
    }

    private void chat(InputStream in, OutputStream out) throws IOException {
        chatClients.add(out);
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                long number = messages.incrementAndGet();
                line.write('\n');
                byte[] bytes = line.toByteArray();
                if (bytes[0] == 'p') {
                    publisherLines.incrementAndGet();
                }
                line.reset();
                if (dropLines.contains((int) number)) {
                    continue;
                }
                synchronized (broadcastLock) {
                    for (OutputStream client : List.copyOf(chatClients)) {
                        try {
                            client.write(bytes);
                            client.flush();
                        } catch (IOException e) {
                            chatClients.remove(client);
                        }
                    }
                }
            }
        } finally {
            chatClients.remove(out);
        }
    }

    /**
     * Stops at once, as a process killed with SIGKILL does: the listener closes and every
     * connection is reset, whatever it was doing.
     */
    public void kill() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException alreadyClosed) {
                // Its own thread closed it first; nothing is left to reset.
            }
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
