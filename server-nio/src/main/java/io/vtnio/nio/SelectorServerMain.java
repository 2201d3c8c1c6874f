package io.vtnio.nio;

import io.vtnio.core.ServerMain;

/**
 * Command-line entry point of the selector server: {@code java -jar server-nio.jar --port 0}.
 * Parsing, the {@code listening} line, stats and the graceful stop on SIGTERM are core's
 * {@link ServerMain}; this class only names the implementation.
 *
 * <p>Threading: {@link #main} runs on the JVM's main thread and blocks until the server stops.
 */
public final class SelectorServerMain {

    private SelectorServerMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(new SelectorServerFactory(), args));
    }
}
