package io.vtnio.core;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@link ServerMain} warns about on stderr as a server starts: listening on every interface
 * (the servers are benchmark targets without authentication or TLS, not internet-facing services)
 * and a {@code --max-connections} the process's descriptor limit cannot honour. Pure functions of
 * their arguments, so tests need no server and no particular machine.
 *
 * <p>Threading: stateless.
 */
public final class StartupWarnings {

    private StartupWarnings() {
    }

    /**
     * The warnings for a server named {@code serverName} bound to {@code addresses}, configured
     * with {@code maxConnections}, in a process that may open {@code maxDescriptors} files (empty
     * when the platform does not say).
     *
     * @return one line per warning, without newlines; empty when there is nothing to warn about
     */
    public static List<String> of(String serverName, List<InetSocketAddress> addresses, int maxConnections,
            OptionalLong maxDescriptors) {
        List<String> warnings = new ArrayList<>();
        List<String> wildcards = addresses.stream()
                .filter(address -> address.getAddress().isAnyLocalAddress())
                .map(HostPort::format)
                .toList();
        if (!wildcards.isEmpty()) {
            warnings.add("server " + serverName + ": WARNING: listening on all interfaces (" + String.join(" ", wildcards)
                    + "); vtnio servers are benchmark targets with no authentication and no TLS, not internet-facing "
                    + "services; use --host 127.0.0.1 (the default) unless other machines must reach this one");
        }
        if (maxDescriptors.isPresent() && maxConnections >= maxDescriptors.getAsLong()) {
            warnings.add("server " + serverName + ": note: --max-connections " + maxConnections
                    + " is not below this process's descriptor limit (" + maxDescriptors.getAsLong()
                    + ", ulimit -n); past that many connections accepts fail and the server backs off and retries");
        }
        return warnings;
    }

    /** How many files this process may open, where the JVM can tell (Linux, macOS). */
    public static OptionalLong descriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}
