package io.vtnio.nio;

import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerFactory;

/**
 * Creates {@link SelectorServer}s, the {@code java.nio} Selector implementation of the vtnio
 * protocol. The conformance suite and forked test JVMs find it by class name, hence the public
 * no-argument constructor.
 *
 * <p>Threading: stateless; every method may be called from any thread.
 */
public final class SelectorServerFactory implements ServerFactory {

    public SelectorServerFactory() {
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public Server create(ServerConfig config) {
        return new SelectorServer(config);
    }

    @Override
    public boolean hasLoops() {
        return true;
    }

    /** The thread budget people compare against the virtual-thread server's. */
    @Override
    public String describeThreads(ServerConfig config) {
        return ", loops " + config.loops() + ", workers " + config.workers();
    }
}
