package io.vtnio.core;

import io.vtnio.core.http.HttpExchange;
import io.vtnio.core.http.HttpRequestDecoder;
import io.vtnio.core.http.HttpResponses;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Everything a server needs to know, already validated. Both servers take exactly these
 * settings, from exactly the same flags ({@link ServerOptions}).
 *
 * @param host             address to bind, e.g. {@code 127.0.0.1}
 * @param ports            ports to listen on, at least one; 0 takes a free port
 * @param mode             echo, chat, hello or http
 * @param framing          line or raw (raw only in echo mode)
 * @param maxLineBytes     largest message, terminator excluded, at least 1
 * @param maxOutboundBytes pending outbound bytes beyond which a chat client is a slow consumer
 * @param suffix           appended to each echoed message; may be empty
 * @param greeting         written by hello mode before the newline
 * @param work             per-message work
 * @param drainTimeout     how long a graceful stop may take to send owed replies
 * @param statsInterval    period of JSON stats lines; zero means off
 * @param loops            selector loops (selector server only)
 * @param workers          worker pool size for {@code --work} (selector server only)
 * @param maxConnections   open connections at most; a server refuses more with
 *                         {@link Protocol#ERR_TOO_MANY_CONNECTIONS}; at least 1
 * @param policy           the decisions about a connection's life and their timings; no flag sets
 *                         it: {@link ConnectionPolicy#DEFAULT}, or a test's through {@link #withPolicy}
 */
public record ServerConfig(
        String host,
        List<Integer> ports,
        Mode mode,
        Framing framing,
        int maxLineBytes,
        int maxOutboundBytes,
        byte[] suffix,
        byte[] greeting,
        Work work,
        Duration drainTimeout,
        Duration statsInterval,
        int loops,
        int workers,
        int maxConnections,
        ConnectionPolicy policy) {

    /** One encoder for every connection: it caches the {@code Date} value. */
    private static final HttpResponses HTTP_RESPONSES = new HttpResponses();

    public ServerConfig {
        Objects.requireNonNull(policy, "policy");
        ports = List.copyOf(ports);
        suffix = suffix.clone();
        greeting = greeting.clone();
    }

    @Override
    public byte[] suffix() {
        return suffix.clone();
    }

    @Override
    public byte[] greeting() {
        return greeting.clone();
    }

    /** This configuration with another {@link ConnectionPolicy}: shorter timings for a test, say. */
    public ServerConfig withPolicy(ConnectionPolicy otherPolicy) {
        return new ServerConfig(host, ports, mode, framing, maxLineBytes, maxOutboundBytes, suffix, greeting, work,
                drainTimeout, statsInterval, loops, workers, maxConnections, otherPolicy);
    }

    /**
     * The reply builder echo mode uses with this configuration; in http mode the responses come
     * whole from {@link HttpExchange}, and the builder writes them as they are.
     */
    public EchoReply echoReply() {
        return mode == Mode.HTTP ? new EchoReply(new byte[0], Framing.RAW) : new EchoReply(suffix, framing);
    }

    /** A decoder for one new connection: lines or chunks, or in http mode requests answered by {@link HttpExchange}. */
    public MessageDecoder newDecoder() {
        return mode == Mode.HTTP ? new HttpExchange(HttpRequestDecoder.Limits.DEFAULT, HTTP_RESPONSES)
                : MessageDecoder.create(framing, maxLineBytes);
    }

    /**
     * Parses server flags exactly as the command line does; handy for tests and embedders.
     *
     * @throws CommandLine.ParameterException on invalid flags
     */
    public static ServerConfig parse(String... args) {
        ParseOnly command = new ParseOnly();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.parseArgs(args);
        return command.options.toConfig();
    }

    @CommandLine.Command(name = "server")
    private static final class ParseOnly {
        @CommandLine.Mixin
        private ServerOptions options;
    }
}
