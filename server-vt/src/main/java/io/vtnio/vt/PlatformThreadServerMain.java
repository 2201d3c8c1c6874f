package io.vtnio.vt;

import io.vtnio.core.ServerMain;

/**
 * Command-line entry of the platform-thread server, {@code pt}
 * ({@code java -cp server-vt.jar io.vtnio.vt.PlatformThreadServerMain --port 0});
 * everything beyond naming the implementation is {@link ServerMain}'s.
 *
 * <p>Threading: {@link #main} blocks the main thread until the server stops.
 */
public final class PlatformThreadServerMain {

    private PlatformThreadServerMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(new PlatformThreadServerFactory(), args));
    }
}
