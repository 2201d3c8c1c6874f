package io.vtnio.nio;

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The vtnio protocol on {@code java.nio} Selector event loops: {@code --loops} platform threads,
 * each with its own selector; listening channels on loop 0, which hands accepted connections to
 * the loops round-robin; {@code --work} on a bounded pool of {@code --workers} platform threads,
 * replies always written by the connection's loop. See {@link Connection} for one connection's
 * life and {@link ChatRoom} for chat's global order.
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

    /** Pending connections the kernel may hold per port; the OS caps it at somaxconn. */
    private static final int ACCEPT_BACKLOG = 4096;
    private static final long LOOP_TASK_TIMEOUT_SECONDS = 5;

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
                listener.bind(address, ACCEPT_BACKLOG);
                listener.configureBlocking(false);
                bound.add((InetSocketAddress) listener.getLocalAddress());
            }
            workers = new WorkerPool(config.workers());
            ChatRoom chatRoom = new ChatRoom(metrics, config.maxOutboundBytes());
            ServerContext context = new ServerContext(config, metrics, config.echoReply(),
                    greetingLine(config.greeting()), config.work(), workers, chatRoom);
            for (int i = 0; i < config.loops(); i++) {
                loops.add(new EventLoop(i, context));
            }
            chatRoom.open(loops);
            LoopChooser chooser = new LoopChooser(loops);
            EventLoop first = loops.get(0);
            for (ServerSocketChannel listener : listeners) {
                acceptors.add(new Acceptor(listener, first, chooser, metrics, config.maxConnections()));
            }
            loops.forEach(EventLoop::start);
            onLoop(first, () -> {
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
            forceStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private static byte[] greetingLine(byte[] greeting) {
        byte[] line = Arrays.copyOf(greeting, greeting.length + 1);
        line[greeting.length] = Protocol.NEWLINE;
        return line;
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
            if (!loops.isEmpty()) {
                drain(System.nanoTime() + drainTimeout.toNanos());
            }
        } finally {
            try {
                forceStop();
            } finally {
                stopped.countDown();
            }
        }
    }

    private void drain(long deadlineNanos) throws InterruptedException {
        EventLoop first = loops.get(0);
        try {
            // Once this returns no hand-off can be queued behind the drain tasks below.
            onLoop(first, () -> {
                acceptors.forEach(Acceptor::closeNow);
                return null;
            });
        } catch (IOException e) {
            return; // loop 0 is not answering; forceStop closes everything it can
        }
        CountDownLatch drained = new CountDownLatch(loops.size());
        for (EventLoop loop : loops) {
            loop.execute(() -> loop.beginDrain(drained, deadlineNanos));
        }
        drained.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Closes whatever is left, ends the loops, then the workers; safe to call more than once. */
    private void forceStop() throws InterruptedException {
        for (EventLoop loop : loops) {
            loop.execute(loop::shutdown);
        }
        for (EventLoop loop : loops) {
            loop.awaitTermination(LOOP_TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Runs {@code action} on {@code loop} and waits for it, rethrowing what it threw. */
    private static <T> T onLoop(EventLoop loop, LoopAction<T> action) throws IOException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(action.run());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(LOOP_TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("event loop did not respond within " + LOOP_TASK_TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    @FunctionalInterface
    private interface LoopAction<T> {
        T run() throws IOException;
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Start is failing anyway; the original error is the one to report.
        }
    }
}
