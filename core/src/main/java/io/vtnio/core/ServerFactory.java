package io.vtnio.core;

/**
 * Creates servers of one implementation. Each server module provides one; the conformance
 * suite's single factory method returns it, and a forked test JVM finds it by class name, so it
 * needs a public no-argument constructor.
 *
 * <p>Threading: stateless; {@link #create} may be called from any thread.
 */
public interface ServerFactory {

    /** Short name used on the command line and in reports: {@code vt}, {@code nio}. */
    String name();

    /** A new, unstarted server. */
    Server create(ServerConfig config);

    /**
     * True if this implementation runs selector loops, so that {@code --loops} changes how it
     * works; the others accept the flag and ignore it, and tests of several loops skip them
     * rather than pass without testing anything.
     */
    default boolean hasLoops() {
        return false;
    }

    /**
     * How this implementation spends threads under {@code config}, appended to the start-up
     * line on stderr, e.g. {@code ", loops 1, workers 16"}; empty by default.
     */
    default String describeThreads(ServerConfig config) {
        return "";
    }
}
