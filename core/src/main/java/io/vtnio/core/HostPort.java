package io.vtnio.core;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * {@code host:port} as vtnio prints it everywhere (the {@code listening} line, warnings, error
 * messages): the numeric address, an IPv6 one in brackets so that the port stays what follows
 * the last colon, as in URLs ({@code [::1]:8001}); and read back the same way.
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

    /**
     * Reads {@code HOST:PORT} as {@link #format} writes it: the port after the last colon, an IPv6
     * host in brackets. The host is not resolved here.
     *
     * @throws IllegalArgumentException naming what is wrong, for a one-line usage error
     */
    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("HOST:PORT expected, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || (host.indexOf(':') >= 0 && !bracketed)) {
            throw new IllegalArgumentException("HOST:PORT expected, got '" + text
                    + "' (write an IPv6 address in brackets: [::1]:8001)");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HOST:PORT: '" + text.substring(colon + 1) + "' is not a port number");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("HOST:PORT: the port must be 1..65535, got " + port);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
