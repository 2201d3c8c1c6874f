package io.vtnio.vt;

/**
 * The blocking server on platform threads, one per connection: the baseline virtual threads
 * replace, named {@code pt} on the command line and in reports. The very code of {@code vt};
 * only the kind of thread differs.
 *
 * <p>Threading: stateless; any method from any thread.
 */
public final class PlatformThreadServerFactory extends BlockingServerFactory {

    public PlatformThreadServerFactory() {
        super(ConnectionThreads.PLATFORM);
    }
}
