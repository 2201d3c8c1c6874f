package io.vtnio.vt;

import io.vtnio.core.Mode;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerFactory;

/**
 * Creates {@link VirtualThreadServer}s; named {@code vt} on the command line and in reports.
 * The conformance suite and a forked test JVM find it by class name, hence the public no-argument
 * constructor.
 *
 * <p>Threading: stateless; any method from any thread.
 */
public final class VirtualThreadServerFactory implements ServerFactory {

    public VirtualThreadServerFactory() {
    }

    @Override
    public String name() {
        return "vt";
    }

    @Override
    public Server create(ServerConfig config) {
        return new VirtualThreadServer(config);
    }

    @Override
    public String describeThreads(ServerConfig config) {
        return config.mode() == Mode.CHAT
                ? ", a virtual thread per connection plus a writer each"
                : ", a virtual thread per connection";
    }
}
