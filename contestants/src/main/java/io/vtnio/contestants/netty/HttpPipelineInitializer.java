package io.vtnio.contestants.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.vtnio.contestants.ContestantConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Each accepted connection's pipeline, Netty's textbook HTTP server: {@link HttpServerCodec}
 * (with vtnio's request-line and header limits), {@link HttpObjectAggregator} (whole requests,
 * bodies up to vtnio's limit, 413 beyond) and {@link HttpRoutesHandler}.
 *
 * <p>With {@code --work} other than none the routes handler is added with a
 * {@link EventExecutorGroup} ({@code DefaultEventExecutorGroup(workers)}): Netty's own way to
 * keep blocking calls off the event loop. Netty pins each connection's handler to one thread of
 * that group, so a connection's requests still run, and are answered, in order; connections that
 * share a thread wait for each other's work, which is why the group is large (256 by default).
 * Netty 4.2 deprecates adding a handler with its own executor group (Netty 5 drops it); the
 * alternative, handing the work to an executor and writing back through the channel's event
 * loop, is what vtnio's selector server does by hand.
 *
 * <p>Threading: shared by every connection; {@link #initChannel} runs on the channel's event loop,
 * {@link #workersInUse} may be read from any thread.
 */
final class HttpPipelineInitializer extends ChannelInitializer<SocketChannel> {

    private final ContestantConfig config;
    private final EventExecutorGroup workers;
    private final ChannelGroup channels;
    private final Set<EventExecutor> workersInUse = ConcurrentHashMap.newKeySet();

    /**
     * @param workers  where the routes handler runs, or null to run it on the event loop
     * @param channels every open connection, for the graceful stop
     */
    HttpPipelineInitializer(ContestantConfig config, EventExecutorGroup workers, ChannelGroup channels) {
        this.config = config;
        this.workers = workers;
        this.channels = channels;
    }

    // addLast(EventExecutorGroup, ...) is deprecated since Netty 4.2 (to go in 5) but still the
    // documented 4.x way to run a handler off the event loop, and the one this contestant measures.
    @SuppressWarnings("deprecation")
    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        HttpDecoderConfig decoding = new HttpDecoderConfig()
                .setMaxInitialLineLength(config.limits().requestLineBytes())
                .setMaxHeaderSize(config.limits().headerBytes());
        ChannelPipeline pipeline = channel.pipeline();
        // Netty's idiom against a client stalled partway through a request (slowloris): close a
        // connection that sent nothing for a while. It closes idle keep-alive connections too;
        // Netty's decoder does not say when it holds part of a request.
        pipeline.addLast("read-timeout", new ReadTimeoutHandler(ContestantConfig.READ_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS));
        pipeline.addLast("codec", new HttpServerCodec(decoding));
        pipeline.addLast("aggregator", new HttpObjectAggregator(Math.toIntExact(config.limits().bodyBytes())));
        HttpRoutesHandler routes = new HttpRoutesHandler(config.work());
        if (workers == null) {
            pipeline.addLast("routes", routes);
        } else {
            pipeline.addLast(workers, "routes", routes);
            workersInUse.add(pipeline.context(routes).executor());
        }
    }

    /**
     * The threads of the work group that ever served a connection. A stop waits for these only:
     * Netty starts a work thread on its first task, even a no-op or a shutdown, and a group of
     * 256 mostly idle threads would otherwise all start just to stop.
     */
    Set<EventExecutor> workersInUse() {
        return workersInUse;
    }
}
