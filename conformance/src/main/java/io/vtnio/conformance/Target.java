package io.vtnio.conformance;

import io.vtnio.core.Framing;
import io.vtnio.core.MetricsSnapshot;
import io.vtnio.core.Mode;
import io.vtnio.core.Protocol;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A running server the {@link RemoteRule}s talk to, and what it is known to do: the settings it
 * was started with, as {@code vtnio verify}'s flags state them for anyone's server, or as the
 * conformance suite reads them from the {@link ServerConfig} of its in-process server. Only an
 * in-process server also offers its metrics; a rule checks them where they exist and does
 * without elsewhere.
 *
 * @param host          address to connect to
 * @param port          port to connect to
 * @param mode          echo, chat or hello
 * @param framing       line or raw
 * @param suffix        what echo appends to each message (may be empty)
 * @param greeting      what hello mode writes before its newline
 * @param maxLineBytes  the longest message the server accepts, terminator excluded
 * @param serverMetrics the server's live metrics, or null when they cannot be read (another process)
 */
public record Target(String host, int port, Mode mode, Framing framing, String suffix, String greeting,
                     int maxLineBytes, Supplier<MetricsSnapshot> serverMetrics) {

    /** A server elsewhere with vtnio's defaults: echo, line framing, suffix 好, greeting hello, max-line 64 KiB. */
    public static Target remote(String host, int port) {
        return new Target(host, port, Mode.ECHO, Framing.LINE, Protocol.DEFAULT_SUFFIX, Protocol.DEFAULT_GREETING,
                Protocol.DEFAULT_MAX_LINE_BYTES, null);
    }

    /** An in-process server, its settings read from the configuration it was built from. */
    public static Target inProcess(Server server, ServerConfig config, Supplier<MetricsSnapshot> metrics) {
        InetSocketAddress address = server.localAddresses().get(0);
        return new Target("127.0.0.1", address.getPort(), config.mode(), config.framing(),
                new String(config.suffix(), StandardCharsets.UTF_8), new String(config.greeting(), StandardCharsets.UTF_8),
                config.maxLineBytes(), metrics);
    }

    public Target withMode(Mode newMode) {
        return new Target(host, port, newMode, framing, suffix, greeting, maxLineBytes, serverMetrics);
    }

    public Target withFraming(Framing newFraming) {
        return new Target(host, port, mode, newFraming, suffix, greeting, maxLineBytes, serverMetrics);
    }

    public Target withSuffix(String newSuffix) {
        return new Target(host, port, mode, framing, newSuffix, greeting, maxLineBytes, serverMetrics);
    }

    public Target withGreeting(String newGreeting) {
        return new Target(host, port, mode, framing, suffix, newGreeting, maxLineBytes, serverMetrics);
    }

    public Target withMaxLineBytes(int newMaxLineBytes) {
        return new Target(host, port, mode, framing, suffix, greeting, newMaxLineBytes, serverMetrics);
    }

    public Target withMetrics(Supplier<MetricsSnapshot> metrics) {
        return new Target(host, port, mode, framing, suffix, greeting, maxLineBytes, metrics);
    }

    /** Where to connect. */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** The server's metrics now, when it runs in this JVM. */
    public Optional<MetricsSnapshot> metricsNow() {
        return serverMetrics == null ? Optional.empty() : Optional.of(serverMetrics.get());
    }
}
