package io.vtnio.vt;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionRules;
import io.vtnio.core.EchoReply;
import io.vtnio.core.Protocol;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The vtnio server written the blocking way: plain {@link ServerSocket}s and socket streams,
 * one accept loop per port ({@link Acceptor}) and one thread per connection, whose
 * {@link ConnectionSession} reads, works and writes as if it had a thread of its own, because
 * it does. Chat mode adds a writer thread per connection so a slow reader never blocks a
 * broadcaster. The threads are virtual ({@code vt}) or platform threads ({@code pt}), chosen at
 * start by {@link ConnectionThreads}; the code is the same. See {@code package-info} for how each
 * job compares with the selector server's.
 *
 * <pre>{@code
 * Server server = new VirtualThreadServerFactory().create(ServerConfig.parse("--port", "0"));
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
 * timeout ends is closed by force ({@link GracefulStop}). Beyond {@code --max-connections} a
 * connection is refused with {@code ERR too many connections} ({@link Refusal}).
 *
 * <p>Threading: as {@link Server} says: {@link #start} once from one thread; everything else
 * from any thread; {@link #stop} any number of times, later calls waiting for the first.
 */
public final class BlockingServer implements Server {

    private final ServerConfig config;
    private final ServerMetrics metrics = new ServerMetrics();
    private final ConnectionThreads threads;
    private final LiveConnections connections;
    // Orders start against the first stop, so a stop racing a start cannot miss an accept loop.
    private final ReentrantLock lifecycle = new ReentrantLock();
    private List<Acceptor> acceptors = List.of();
    private boolean started;
    private boolean stopRequested;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile List<InetSocketAddress> addresses = List.of();

    BlockingServer(ServerConfig config, ConnectionThreads threads) {
        this.config = config;
        this.threads = threads;
        this.connections = new LiveConnections(sessionsFor(config, metrics, threads), metrics,
                new ConnectionLimit(config.maxConnections()), config.policy(), threads);
    }

    private static SessionFactory sessionsFor(ServerConfig config, ServerMetrics metrics, ConnectionThreads threads) {
        return switch (config.mode()) {
            case ECHO, HTTP -> {
                EchoReply reply = config.echoReply();
                yield connection -> new Echo(connection, config.newDecoder(), reply, config.work(), metrics);
            }
            case CHAT -> {
                ChatRoom room = new ChatRoom();
                ThreadFactory writers = threads.factory("chat-writer");
                yield connection -> new ChatMember(connection, room, config.newDecoder(), config.work(), metrics,
                        config.maxOutboundBytes(), writers);
            }
            case HELLO -> {
                byte[] greeting = config.greeting();
                byte[] greetingLine = Protocol.line(greeting, 0, greeting.length);
                yield connection -> new Hello(connection, greetingLine, metrics);
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
        threads.prepare();
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
            loops.add(new Acceptor(serverSocket, connections, metrics, threads.factory("accept")));
        }
        addresses = List.copyOf(real);
        acceptors = List.copyOf(loops);
        acceptors.forEach(Acceptor::start);
    }

    private ServerSocket bind(int port) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(config.host(), port), ConnectionRules.ACCEPT_BACKLOG);
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
            }
        } finally {
            lifecycle.unlock();
        }
        if (loops == null) {
            stopped.await();
            return;
        }
        try {
            new GracefulStop(loops, connections).run(deadlineNanos);
        } finally {
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
