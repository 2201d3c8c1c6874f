package io.vtnio.compare.launch;

import java.util.List;
import java.util.Locale;

/**
 * The servers vtnio ships, by the names {@code --servers} takes: the blocking server on virtual
 * threads ({@code vt}) and on platform threads ({@code pt}, the same jar), the selector server
 * ({@code nio}), and two production frameworks built on the same two models, which speak HTTP
 * only ({@code compare --protocol http}): Helidon SE's web server, a virtual thread per
 * connection ({@code helidon}), and Netty's event loops ({@code netty}). All run on the same JVM
 * options; the frameworks are verified before they are measured, as any server not ours is.
 *
 * <p>Threading: immutable.
 */
public enum BuiltInServer {
    VT("io.vtnio.vt.VirtualThreadServerMain", "server-vt/target/server-vt.jar", false),
    NIO("io.vtnio.nio.SelectorServerMain", "server-nio/target/server-nio.jar", false),
    PT("io.vtnio.vt.PlatformThreadServerMain", "server-vt/target/server-vt.jar", false),
    HELIDON("io.vtnio.contestants.HelidonServerMain", "contestants/target/contestants.jar", true),
    NETTY("io.vtnio.contestants.NettyServerMain", "contestants/target/contestants.jar", true);

    private final String mainClass;
    private final String jarPath;
    private final boolean framework;

    BuiltInServer(String mainClass, String jarPath, boolean framework) {
        this.mainClass = mainClass;
        this.jarPath = jarPath;
        this.framework = framework;
    }

    /**
     * A production framework's server (Helidon, Netty): HTTP only, no stats lines, verified before
     * it is measured; vtnio's own servers are covered by the conformance suite.
     */
    public boolean isFramework() {
        return framework;
    }

    String mainClass() {
        return mainClass;
    }

    /**
     * JVM options this server needs to run cleanly, whatever it is compared with: Netty's epoll
     * transport loads a native library, which JDK 24+ warns about unless native access is granted.
     */
    List<String> ownJvmOptions() {
        return this == NETTY ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }

    /** The jar, relative to the checkout. */
    String jarPath() {
        return jarPath;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The server of that name ({@code vt}, {@code nio}, {@code pt}, {@code helidon}, {@code netty}), or null. */
    public static BuiltInServer named(String name) {
        for (BuiltInServer server : values()) {
            if (server.label().equalsIgnoreCase(name)) {
                return server;
            }
        }
        return null;
    }
}
