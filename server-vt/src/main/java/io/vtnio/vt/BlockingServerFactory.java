package io.vtnio.vt;

import io.vtnio.core.Mode;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerFactory;

/**
 * Creates {@link BlockingServer}s on one {@link ConnectionThreads kind} of thread. Its two
 * subclasses exist because the conformance suite and a forked test JVM find a factory by class
 * name, which needs a public no-argument constructor per server name.
 *
 * <p>Threading: stateless; any method from any thread.
 */
abstract class BlockingServerFactory implements ServerFactory {

    private final ConnectionThreads threads;

    BlockingServerFactory(ConnectionThreads threads) {
        this.threads = threads;
    }

    @Override
    public final String name() {
        return threads.prefix();
    }

    @Override
    public final Server create(ServerConfig config) {
        return new BlockingServer(config, threads);
    }

    @Override
    public final String describeThreads(ServerConfig config) {
        String kind = threads == ConnectionThreads.VIRTUAL ? "virtual" : "platform";
        return config.mode() == Mode.CHAT
                ? ", a " + kind + " thread per connection plus a writer each"
                : ", a " + kind + " thread per connection";
    }
}
