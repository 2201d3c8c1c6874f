package io.vtnio.vt;

import io.vtnio.core.EchoReply;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The vtnio server written the blocking way: plain {@link ServerSocket}s and socket streams,
 * one accept loop per port ({@link Acceptor}) and one virtual thread per connection, whose
 * {@link ConnectionSession} reads, works and writes as if it had a thread of its own, because
 * it does. Chat mode adds a writer virtual thread per connection so a slow reader never blocks
 * a broadcaster.
 *
 * <pre>{@code
 * Server server = new VirtualThreadServer(ServerConfig.parse("--port", "0"));
 * server.start();
 * int port = server.localAddresses().get(0).getPort();
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Stopping: the ports close first; then every session is asked to stop after the read in hand:
 * it sends the replies it owes (work in flight included), sends FIN, and closes once its client has
 * closed or gone quiet, so a client still sending gets every reply rather than a reset. A session
 * blocked in a read on a connection idle both ways has its input shut instead. Whatever is still open when the drain
 * timeout ends is closed by force. Beyond {@code --max-connections} a connection is refused with
 * {@code ERR too many connections} ({@link Refusal}).
 *
 * <p>Threading: as {@link Server} says: {@link #start} once from one thread; everything else
 * from any thread; {@link #stop} any number of times, later calls waiting for the first.
 */
public final class VirtualThreadServer implements Server {

    /**
     * Pending-connection queue per port. The kernel caps it at {@code net.core.somaxconn};
     * Java's default of 50 would refuse connections during a fast ramp-up.
     */
    static final int ACCEPT_BACKLOG = 4096;

    /** After a forced close, how long to wait for the interrupted threads to finish. */
    private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final ServerMetrics metrics = new ServerMetrics();
    private final LiveConnections connections;
    // Orders start against the first stop, so a stop racing a start cannot miss an accept loop.
    private final ReentrantLock lifecycle = new ReentrantLock();
    private List<Acceptor> acceptors = List.of();
    private boolean started;
    private boolean stopRequested;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile List<InetSocketAddress> addresses = List.of();

    public VirtualThreadServer(ServerConfig config) {
        this.config = config;
        this.connections = new LiveConnections(sessionsFor(config, metrics), metrics, config.maxConnections());
    }

    private static SessionFactory sessionsFor(ServerConfig config, ServerMetrics metrics) {
        return switch (config.mode()) {
            case ECHO -> {
                EchoReply reply = config.echoReply();
                yield connection -> new EchoSession(connection, config.newDecoder(), reply, config.work(), metrics);
            }
            case CHAT -> {
                ChatRoom room = new ChatRoom();
                yield connection -> new ChatMember(connection, room, config.newDecoder(), config.work(), metrics,
                        config.maxOutboundBytes());
            }
            case HELLO -> {
                byte[] greetingLine = HelloSession.greetingLine(config.greeting());
                yield connection -> new HelloSession(connection, greetingLine, metrics);
            }
        };
    }

    @Override
    public void start() throws IOException {
        lifecycle.lock();
        try {
            if (started) {
                throw new IllegalStateException("start() may be called only once");
            }
            if (stopRequested) {
                throw new IllegalStateException("server already stopped");
            }
            started = true;
            listen();
        } finally {
            lifecycle.unlock();
        }
    }

    private void listen() throws IOException {
        VirtualThreadPoller.initialize();
        List<ServerSocket> bound = new ArrayList<>();
        try {
            for (int port : config.ports()) {
                bound.add(bind(port));
            }
        } catch (IOException | RuntimeException e) {
            for (ServerSocket serverSocket : bound) {
                serverSocket.close();
            }
            throw e;
        }
        List<InetSocketAddress> real = new ArrayList<>();
        List<Acceptor> loops = new ArrayList<>();
        for (ServerSocket serverSocket : bound) {
            real.add((InetSocketAddress) serverSocket.getLocalSocketAddress());
            loops.add(new Acceptor(serverSocket, connections, metrics));
        }
        addresses = List.copyOf(real);
        acceptors = List.copyOf(loops);
        acceptors.forEach(Acceptor::start);
    }

    private ServerSocket bind(int port) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(config.host(), port), ACCEPT_BACKLOG);
            return serverSocket;
        } catch (IOException | RuntimeException e) {
            serverSocket.close();
            throw e;
        }
    }

    @Override
    public List<InetSocketAddress> localAddresses() {
        return addresses;
    }

    @Override
    public void stop(Duration drainTimeout) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + saturatedNanos(drainTimeout);
        List<Acceptor> loops;
        lifecycle.lock();
        try {
            if (stopRequested) {
                loops = null;
            } else {
                stopRequested = true;
                loops = acceptors;
                loops.forEach(Acceptor::close);
            }
        } finally {
            lifecycle.unlock();
        }
        if (loops == null) {
            stopped.await();
            return;
        }
        try {
            // Once every loop has ended no connection can appear, so the drain below sees all.
            for (Acceptor acceptor : loops) {
                acceptor.awaitExit();
            }
            connections.beginStop(deadlineNanos);
            if (!connections.awaitClosed(deadlineNanos)) {
                connections.forceClose();
                connections.awaitThreads(System.nanoTime() + FORCED_EXIT_WAIT.toNanos());
            }
        } finally {
            // Reached early only if this thread was interrupted; never leave sockets behind.
            connections.forceClose();
            stopped.countDown();
        }
    }

    @Override
    public ServerMetrics metrics() {
        return metrics;
    }

    private static long saturatedNanos(Duration duration) {
        // Far enough in the future to mean "no limit" without overflowing nanoTime arithmetic.
        long limitNanos = Long.MAX_VALUE / 4;
        return duration.compareTo(Duration.ofNanos(limitNanos)) >= 0 ? limitNanos : Math.max(0, duration.toNanos());
    }
}
