package io.vtnio.core;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * {@code host:port} as vtnio prints it everywhere (the {@code listening} line, warnings, error
 * messages): the numeric address, an IPv6 one in brackets so that the port stays what follows
 * the last colon, as in URLs ({@code [::1]:8001}).
 *
 * <p>Threading: pure functions.
 */
public final class HostPort {

    private HostPort() {
    }

    /** {@code 127.0.0.1:8001} or {@code [::1]:8001}; an unresolved address keeps its host name. */
    public static String format(InetSocketAddress address) {
        if (address.getAddress() == null) {
            return format(address.getHostString(), address.getPort());
        }
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** {@code host:port} for a host as the user gave it: bracketed if it is an IPv6 literal. */
    public static String format(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
