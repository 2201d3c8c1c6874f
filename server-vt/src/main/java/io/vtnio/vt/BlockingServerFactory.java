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
        String perConnection = config.mode() == Mode.CHAT
                ? ", a " + kind + " thread per connection plus a writer each"
                : ", a " + kind + " thread per connection";
        return threads == ConnectionThreads.VIRTUAL ? perConnection + " on " + carriers() : perConnection;
    }

    /**
     * How many carrier threads run the virtual threads at once: the scheduler's parallelism, as
     * {@code compare} states it, else the JDK's default of one per available processor.
     */
    static String carriers() {
        String stated = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        String count = stated != null ? stated.trim() : Integer.toString(Runtime.getRuntime().availableProcessors());
        return count + (count.equals("1") ? " carrier" : " carriers") + (stated != null ? "" : " (the default)");
    }
}
