package io.vtnio.compare.launch;

import java.util.Locale;

/**
 * The servers vtnio ships, by the names {@code --servers} takes: the blocking server on virtual
 * threads ({@code vt}) and on platform threads ({@code pt}, the same jar), and the selector
 * server ({@code nio}).
 *
 * <p>Threading: immutable.
 */
public enum BuiltInServer {
    VT("io.vtnio.vt.VirtualThreadServerMain", "server-vt/target/server-vt.jar"),
    NIO("io.vtnio.nio.SelectorServerMain", "server-nio/target/server-nio.jar"),
    PT("io.vtnio.vt.PlatformThreadServerMain", "server-vt/target/server-vt.jar");

    private final String mainClass;
    private final String jarPath;

    BuiltInServer(String mainClass, String jarPath) {
        this.mainClass = mainClass;
        this.jarPath = jarPath;
    }

    String mainClass() {
        return mainClass;
    }

    /** The jar, relative to the checkout. */
    String jarPath() {
        return jarPath;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The server of that name ({@code vt}, {@code nio}, {@code pt}), or null. */
    public static BuiltInServer named(String name) {
        for (BuiltInServer server : values()) {
            if (server.label().equalsIgnoreCase(name)) {
                return server;
            }
        }
        return null;
    }
}
