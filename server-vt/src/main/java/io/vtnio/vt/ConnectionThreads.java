package io.vtnio.vt;

import java.io.IOException;
import java.util.concurrent.ThreadFactory;

/**
 * Which kind of thread runs the blocking server: a virtual thread per connection ({@code vt}),
 * or the baseline virtual threads replace, a platform thread per connection ({@code pt}). The
 * kind is chosen once, at start; nothing else in the server knows or asks which it is.
 *
 * <p>Threading: immutable.
 */
enum ConnectionThreads {

    VIRTUAL("vt") {
        @Override
        ThreadFactory factory(String role) {
            return Thread.ofVirtual().name(prefix() + "-" + role + "-", 0).factory();
        }

        @Override
        void prepare() throws IOException {
            VirtualThreadPoller.initialize();
        }
    },

    PLATFORM("pt") {
        @Override
        ThreadFactory factory(String role) {
            // Daemon threads, so a forced stop can never be held up by one stuck in a write.
            return Thread.ofPlatform().daemon(true).name(prefix() + "-" + role + "-", 0).factory();
        }
    };

    private final String prefix;

    ConnectionThreads(String prefix) {
        this.prefix = prefix;
    }

    /** The server's name on the command line and the prefix of its threads' names. */
    String prefix() {
        return prefix;
    }

    /** Threads for one role ({@code conn}, {@code accept}, {@code chat-writer}, {@code refusal}). */
    abstract ThreadFactory factory(String role);

    /** Whatever this kind needs before the first port is bound. */
    void prepare() throws IOException {
    }
}
