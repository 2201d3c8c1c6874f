package io.vtnio.contestants;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A production framework's HTTP server answering vtnio's {@code --mode http} routes
 * ({@link Route}), so that {@code compare} can run it beside vtnio's own servers.
 *
 * <pre>{@code
 * ContestantConfig config = new ContestantConfig("127.0.0.1", 0, Work.parse("none"), Duration.ofSeconds(5),
 *         HttpRequestDecoder.Limits.DEFAULT);
 * Contestant server = new NettyServer(config, NettyTransport.NIO, 1, 16);
 * server.start();
 * int port = server.localAddress().getPort();
 * ...
 * server.stop();   // drains for the config's drain timeout at most
 * }</pre>
 *
 * <p>Threading: {@link #start} once, from one thread; {@link #localAddress} and
 * {@link #framework} from any thread after start; {@link #stop} once, from any thread.
 */
public interface Contestant {

    /**
     * Binds and starts accepting; returns once the port is listening.
     *
     * @throws IOException when the address cannot be bound
     */
    void start() throws IOException;

    /** The bound address, with the real port for port 0. */
    InetSocketAddress localAddress();

    /**
     * The framework, its version read at run time and its threading, as printed on the second line
     * of stdout: {@code Netty 4.2.18.Final (epoll, 2 event loops)}.
     */
    String framework();

    /**
     * Graceful stop: stops accepting, lets requests in flight finish within the drain timeout,
     * then closes every connection. Returns when everything is closed.
     */
    void stop() throws InterruptedException;
}
