package io.vtnio.nio;

import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ConnectionRules;
import io.vtnio.core.Protocol;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The vtnio protocol on {@code java.nio} Selector event loops: {@code --loops} platform threads,
 * each with its own selector; listening channels on loop 0, which hands accepted connections to
 * the loops round-robin; {@code --work} on a bounded pool of {@code --workers} platform threads,
 * replies always written by the connection's loop. See {@link Connection} for one connection's
 * life, {@link ChatRoom} for chat's global order, {@link GracefulStop} for the stop, and
 * {@code package-info} for how each job compares with the virtual-thread server's.
 *
 * <pre>{@code
 * Server server = new SelectorServer(ServerConfig.parse("--port", "0", "--loops", "2"));
 * server.start();
 * int port = server.localAddresses().get(0).getPort();
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Threading: {@link #start} once, from one thread; {@link #localAddresses} and
 * {@link #metrics} from any thread after start; {@link #stop} from any thread (not a loop
 * thread), any number of times: later calls wait for the first to finish.
 */
public final class SelectorServer implements Server {

    private final ServerConfig config;
    private final ServerMetrics metrics = new ServerMetrics();
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile List<InetSocketAddress> addresses = List.of();
    private WorkerPool workers;

    public SelectorServer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public void start() throws IOException {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            List<InetSocketAddress> bound = new ArrayList<>();
            for (int port : config.ports()) {
                InetSocketAddress address = new InetSocketAddress(config.host(), port);
                // The address's own family: a default (dual-stack) channel would turn 0.0.0.0 into
                // the IPv6 wildcard and report that, where server-vt reports 0.0.0.0.
                ServerSocketChannel listener = ServerSocketChannel.open(
                        address.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                listeners.add(listener);
                listener.bind(address, ConnectionRules.ACCEPT_BACKLOG);
                listener.configureBlocking(false);
                bound.add((InetSocketAddress) listener.getLocalAddress());
            }
            workers = new WorkerPool(config.workers());
            ChatRoom chatRoom = new ChatRoom(config.maxOutboundBytes());
            byte[] greeting = config.greeting();
            ServerContext context = new ServerContext(config, metrics, new ConnectionLimit(config.maxConnections()),
                    new BackPressure(config), config.echoReply(), Protocol.line(greeting, 0, greeting.length),
                    config.work(), workers, chatRoom);
            for (int i = 0; i < config.loops(); i++) {
                loops.add(new EventLoop(i, context));
            }
            chatRoom.open(loops);
            LoopChooser chooser = new LoopChooser(loops);
            EventLoop first = loops.get(0);
            for (ServerSocketChannel listener : listeners) {
                acceptors.add(new Acceptor(listener, first, chooser, metrics, context.connectionLimit()));
            }
            loops.forEach(EventLoop::start);
            first.call(() -> {
                for (Acceptor acceptor : acceptors) {
                    acceptor.register(first.selector());
                }
                return null;
            });
            addresses = List.copyOf(bound);
        } catch (IOException | RuntimeException e) {
            listeners.forEach(SelectorServer::closeQuietly);
            stopAfterFailedStart();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listeners.forEach(SelectorServer::closeQuietly);
            stopAfterFailedStart();
            throw new IOException("interrupted while starting", e);
        }
    }

    private void stopAfterFailedStart() {
        stopping.set(true);
        try {
            new GracefulStop(loops, acceptors, workers, config.policy().forcedStopWait()).endLoops();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public List<InetSocketAddress> localAddresses() {
        return addresses;
    }

    @Override
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Stops accepting, stops reading, sends every reply owed for messages already read and closes
     * each connection as soon as it owes nothing; after {@code drainTimeout} closes the rest.
     * Returns once every channel is closed and every thread has ended.
     */
    @Override
    public void stop(Duration drainTimeout) throws InterruptedException {
        if (!stopping.compareAndSet(false, true)) {
            stopped.await();
            return;
        }
        try {
            new GracefulStop(loops, acceptors, workers, config.policy().forcedStopWait())
                    .run(System.nanoTime() + drainTimeout.toNanos());
        } finally {
            stopped.countDown();
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Start is failing anyway; the original error is the one to report.
        }
    }
}
