package io.vtnio.vt;

import io.vtnio.core.ServerMain;

/**
 * Command-line entry of the virtual-thread server ({@code java -jar server-vt.jar --port 0});
 * everything beyond naming the implementation is {@link ServerMain}'s.
 *
 * <p>Threading: {@link #main} blocks the main thread until the server stops.
 */
public final class VirtualThreadServerMain {

    private VirtualThreadServerMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(new VirtualThreadServerFactory(), args));
    }
}
