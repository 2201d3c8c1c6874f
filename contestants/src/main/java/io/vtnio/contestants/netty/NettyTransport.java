package io.vtnio.contestants.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;

/**
 * Netty's transport ({@code --transport}): the JDK's Selector ({@code nio}), Linux's epoll
 * through Netty's native library ({@code epoll}), or {@code auto}, epoll where
 * {@link Epoll#isAvailable()} and nio elsewhere. The channel semantics are Netty's own either
 * way; only how readiness arrives differs.
 *
 * <p>Threading: immutable.
 */
public enum NettyTransport {
    NIO, EPOLL, AUTO;

    /**
     * The transport to run: {@link #AUTO} becomes {@link #EPOLL} or {@link #NIO}.
     *
     * @throws IllegalStateException for {@link #EPOLL} where the native library cannot load, with why
     */
    public NettyTransport resolve() {
        return switch (this) {
            case AUTO -> Epoll.isAvailable() ? EPOLL : NIO;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("epoll is not available here: " + Epoll.unavailabilityCause());
                }
                yield EPOLL;
            }
            case NIO -> NIO;
        };
    }

    IoHandlerFactory ioHandlerFactory() {
        return switch (resolve()) {
            case EPOLL -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return switch (resolve()) {
            case EPOLL -> EpollServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    /** {@code nio}, {@code epoll} or {@code auto}, as typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
