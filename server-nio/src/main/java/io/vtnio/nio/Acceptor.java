package io.vtnio.nio;

import io.vtnio.core.AcceptBackoff;
import io.vtnio.core.ConnectionLimit;
import io.vtnio.core.ServerMetrics;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Accepting, the selector way: on {@code OP_ACCEPT}, accepts on one listening channel and hands
 * each new connection to the next loop in turn. A connection beyond {@code --max-connections}
 * ({@link ConnectionLimit}) stays on this loop as a {@link Refusal}.
 *
 * <p>When accept fails (EMFILE: no descriptor left) the listening socket stays readable, so a
 * naive loop would spin. Instead the acceptor drops its interest in {@code OP_ACCEPT} and asks
 * again after {@link AcceptBackoff}'s pause, on a loop timer; open connections are served
 * meanwhile.
 *
 * <p>Threading: confined to the loop that owns the listening key (loop 0).
 */
final class Acceptor implements ReadinessHandler {

    /** Accepts per wake-up, so a connection storm still lets loop 0 serve its own clients. */
    private static final int MAX_ACCEPTS_PER_WAKEUP = 64;

    private final ServerSocketChannel channel;
    private final EventLoop loop;
    private final LoopChooser loops;
    private final ServerMetrics metrics;
    private final AcceptBackoff backoff = new AcceptBackoff();
    private final ConnectionLimit limit;
    private SelectionKey key;

    Acceptor(ServerSocketChannel channel, EventLoop loop, LoopChooser loops, ServerMetrics metrics,
            ConnectionLimit limit) {
        this.channel = channel;
        this.loop = loop;
        this.loops = loops;
        this.metrics = metrics;
        this.limit = limit;
    }

    /** Registers for {@code OP_ACCEPT}; runs on the owning loop. */
    void register(Selector selector) throws IOException {
        key = channel.register(selector, SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void onReady(SelectionKey key) {
        for (int i = 0; i < MAX_ACCEPTS_PER_WAKEUP; i++) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (Throwable e) {
                // Throwable, not IOException, as in the blocking server: nothing but a stop may
                // close the port (an Error out of the JDK for a moment must not end accepting).
                if (!(e instanceof IOException)) {
                    System.getLogger(Acceptor.class.getName())
                            .log(System.Logger.Level.WARNING, "accept failed unexpectedly; retrying", e);
                }
                backOff();
                return;
            }
            if (accepted == null) {
                return;
            }
            backoff.succeeded();
            handOff(accepted);
        }
    }

    private void backOff() {
        long pauseMillis = loop.context().policy().afterAcceptFailure(metrics, backoff);
        if (!key.isValid()) {
            return;
        }
        key.interestOps(0);
        loop.timer().schedule(TimeUnit.MILLISECONDS.toNanos(pauseMillis), () -> {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    private void handOff(SocketChannel accepted) {
        try {
            accepted.configureBlocking(false);
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            // Typically the peer is already gone: accepted, an error, closed, as the policy counts it.
            closeQuietly(accepted);
            loop.context().policy().afterSetupFailure(metrics);
            return;
        }
        if (!limit.tryAdmit()) {
            metrics.connectionRefused();
            loop.execute(() -> loop.refuse(accepted));
            return;
        }
        metrics.connectionAccepted();
        EventLoop target = loops.next();
        target.execute(() -> target.register(accepted));
    }

    /** Stops listening; runs on the owning loop. */
    @Override
    public void closeNow() {
        if (key != null) {
            key.cancel();
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to do with it.
        }
    }
}
