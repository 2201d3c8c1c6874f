package io.vtnio.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Echo clients that keep doing round trips in the background, checking every reply byte for byte,
 * while a test does something hostile to the same server. Any wrong reply, timeout, reset or close
 * is an error; {@link #stop} fails the test if there was one.
 *
 * <pre>{@code
 * try (VerifiedEchoClients verified = VerifiedEchoClients.start(port, 100, "好", Duration.ofSeconds(10))) {
 *     ... reset a thousand other connections ...
 *     verified.awaitRoundTrips(10 * 100, Duration.ofSeconds(10));
 *     long roundTrips = verified.stop();   // throws AssertionError if any client saw an error
 * }
 * }</pre>
 *
 * <p>Threading: one platform thread per client, so they keep going however busy the virtual
 * threads of an in-process server are; every method may be called from any thread.
 */
public final class VerifiedEchoClients implements AutoCloseable {

    private final List<TestClient> clients;
    private final List<Thread> threads = new ArrayList<>();
    private final byte[] suffix;
    private final AtomicLong roundTrips = new AtomicLong();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    private VerifiedEchoClients(List<TestClient> clients, String suffix) {
        this.clients = clients;
        this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Connects {@code count} clients to {@code 127.0.0.1:port}, waits for one verified round trip
     * each (so every one is accepted and served), then lets them loop.
     */
    public static VerifiedEchoClients start(int port, int count, String suffix, Duration readTimeout)
            throws Exception {
        return start(new InetSocketAddress("127.0.0.1", port), count, suffix, readTimeout);
    }

    /** {@link #start(int, int, String, Duration)} against a server at {@code address}. */
    public static VerifiedEchoClients start(InetSocketAddress address, int count, String suffix, Duration readTimeout)
            throws Exception {
        List<TestClient> clients = new ArrayList<>();
        VerifiedEchoClients verified = new VerifiedEchoClients(clients, suffix);
        try {
            for (int i = 0; i < count; i++) {
                clients.add(TestClient.connect(address, readTimeout, socket -> { }));
            }
            Concurrently.runOnPlatformThreads(count, count, i -> verified.roundTrip(i, clients.get(i), -1));
            for (int i = 0; i < count; i++) {
                int id = i;
                verified.threads.add(Thread.ofPlatform().daemon().name("verified-" + i).start(() -> verified.loop(id)));
            }
            return verified;
        } catch (Exception | Error e) {
            verified.close();
            throw e;
        }
    }

    /** Round trips completed and verified so far, over all clients. */
    public long roundTrips() {
        return roundTrips.get();
    }

    /** Waits until at least {@code total} round trips are done; fails at once on an error. */
    public void awaitRoundTrips(long total, Duration timeout) throws InterruptedException {
        Eventually.await(total + " verified round trips", timeout,
                () -> roundTrips.get() >= total || !failures.isEmpty(), this::describe);
        assertNoErrors();
    }

    /**
     * Lets every client finish its round trip in progress, then stops them.
     *
     * @return the round trips completed
     * @throws AssertionError naming the first error if any client saw one
     */
    public long stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(30))) {
                throw new AssertionError(thread.getName() + " did not finish its round trip within 30 s; "
                        + describe());
            }
        }
        assertNoErrors();
        return roundTrips.get();
    }

    /** Closes every client; {@link #stop} first to check for errors. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (TestClient client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // Closing is all that is left to do.
            }
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(5));
        }
    }

    private void assertNoErrors() {
        Throwable first = failures.peek();
        if (first != null) {
            throw new AssertionError(failures.size() + " verified client(s) saw an error; first: " + first, first);
        }
    }

    private String describe() {
        return roundTrips.get() + " round trips, " + failures.size() + " errors" + (failures.isEmpty() ? ""
                : ", first: " + failures.peek());
    }

    private void loop(int id) {
        TestClient client = clients.get(id);
        try {
            for (long n = 0; !stopping; n++) {
                roundTrip(id, client, n);
            }
        } catch (IOException | RuntimeException | Error e) {
            failures.add(e);
        }
    }

    private void roundTrip(int id, TestClient client, long n) throws IOException {
        byte[] message = ("verified-" + id + "-" + n).getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(message, message.length + 1);
        line[message.length] = '\n';
        client.send(line);
        byte[] expected = Arrays.copyOf(message, message.length + suffix.length);
        System.arraycopy(suffix, 0, expected, message.length, suffix.length);
        Expect.line(client, expected, "verified client " + id);
        roundTrips.incrementAndGet();
    }
}
