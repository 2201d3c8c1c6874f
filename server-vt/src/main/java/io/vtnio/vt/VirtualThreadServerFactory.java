package io.vtnio.vt;

/**
 * The blocking server on virtual threads, one per connection; named {@code vt} on the command
 * line and in reports.
 *
 * <p>Threading: stateless; any method from any thread.
 */
public final class VirtualThreadServerFactory extends BlockingServerFactory {

    public VirtualThreadServerFactory() {
        super(ConnectionThreads.VIRTUAL);
    }
}
