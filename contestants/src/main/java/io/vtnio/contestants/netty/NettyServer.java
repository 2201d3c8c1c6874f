package io.vtnio.contestants.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.Version;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.vtnio.contestants.Contestant;
import io.vtnio.contestants.ContestantConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.2 answering vtnio's routes: the contestant for "production framework, event loops".
 * One {@link MultiThreadIoEventLoopGroup} of {@code eventLoops} threads both accepts and serves
 * (like vtnio's selector server, no separate boss group), on the nio or epoll transport
 * ({@link NettyTransport}); the pipeline is {@link HttpPipelineInitializer}'s. Buffers come from
 * {@link PooledByteBufAllocator#DEFAULT} (Netty 4.2's default is the adaptive allocator; the
 * pooled one is what Netty servers have run on for a decade); {@code TCP_NODELAY} is on.
 *
 * <p>Graceful stop: close the listening channel, stop reading every connection, let the work
 * group finish the requests it holds, then let the event loops run their last tasks (the writes
 * owed) before they close every connection; all within the drain timeout. The work group goes
 * last, as the closed connections' final events still pass through it.
 *
 * <p>Threading: {@link #start} once from one thread, {@link #stop} once from any thread.
 */
public final class NettyServer implements Contestant {

    /** How long the event loops must have had nothing to do before they close down. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(100);

    private final ContestantConfig config;
    private final NettyTransport transport;
    private final int eventLoops;
    private final int workers;
    private final ChannelGroup channels = new DefaultChannelGroup("vtnio-netty", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup loops;
    private EventExecutorGroup workGroup;
    private HttpPipelineInitializer pipelines;
    private Channel listener;

    /**
     * @param transport  {@link NettyTransport#AUTO} resolves at construction
     * @param eventLoops event loop threads, at least 1
     * @param workers    threads for {@code --work} other than none, at least 1; unused for none
     * @throws IllegalStateException when {@code transport} is epoll and epoll is not available
     */
    public NettyServer(ContestantConfig config, NettyTransport transport, int eventLoops, int workers) {
        if (eventLoops < 1 || workers < 1) {
            throw new IllegalArgumentException("event loops and workers must be at least 1, got " + eventLoops
                    + " and " + workers);
        }
        this.config = config;
        this.transport = transport.resolve();
        this.eventLoops = eventLoops;
        this.workers = workers;
    }

    @Override
    public void start() throws IOException {
        loops = new MultiThreadIoEventLoopGroup(eventLoops, transport.ioHandlerFactory());
        workGroup = config.work().isNone() ? null : new DefaultEventExecutorGroup(workers);
        pipelines = new HttpPipelineInitializer(config, workGroup, channels);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipelines);
        ChannelFuture bound = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            // Nothing was served: let the threads go without waiting for them.
            loops.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
            if (workGroup != null) {
                workGroup.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
            }
            Throwable cause = bound.cause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        }
        listener = bound.channel();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public String framework() {
        return "Netty " + version() + " (" + transport + ", " + eventLoops + " event loops"
                + (workGroup == null ? "" : ", " + workers + " workers for --work") + ")";
    }

    @Override
    public void stop() throws InterruptedException {
        listener.close().await();
        for (Channel channel : channels) {
            channel.config().setAutoRead(false);
        }
        shutDownGroups(config.drainTimeout());
    }

    private void shutDownGroups(Duration drainTimeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + drainTimeout.toNanos();
        if (workGroup != null) {
            // Each work thread runs its tasks in order: once a no-op queued behind them has run, the
            // requests already handed to it are answered (their writes queued on the event loops).
            for (EventExecutor worker : pipelines.workersInUse()) {
                worker.submit(() -> { }).await(remainingNs(deadlineNs), TimeUnit.NANOSECONDS);
            }
        }
        long remainingNs = remainingNs(deadlineNs);
        long quietNs = Math.min(QUIET_PERIOD.toNanos(), remainingNs);
        loops.shutdownGracefully(quietNs, remainingNs, TimeUnit.NANOSECONDS).await();
        if (workGroup != null) {
            // Only now: the connections closed by the loops still pass their last events through it.
            // Not awaited: Netty starts each never-used thread of the group just to stop it.
            workGroup.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        }
    }

    private static long remainingNs(long deadlineNs) {
        return Math.max(0, deadlineNs - System.nanoTime());
    }

    /** The running netty-common's version, from the version files in Netty's jars. */
    static String version() {
        Version common = Version.identify().get("netty-common");
        return common == null ? "unknown" : common.artifactVersion();
    }
}
