package io.vtnio.contestants.helidon;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.vtnio.contestants.Contestant;
import io.vtnio.contestants.ContestantConfig;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Helidon SE 4's web server ("Níma") answering vtnio's routes: the contestant for "production
 * framework, blocking code on virtual threads". Helidon 4.5 runs one virtual thread per
 * connection (its listener's reader executor is a thread-per-task executor over
 * {@code Thread.ofVirtual()}), and routes each request on that same thread, so the handlers
 * ({@link HelidonRoutes}) are plain blocking code and {@code --work} is done inline, exactly as
 * in vtnio's virtual-thread server.
 *
 * <p>Configured to vtnio's limits where Helidon allows it: the prologue (request line) at
 * {@code limits.requestLineBytes}, the header section at {@code limits.headerBytes}, the payload
 * at {@code limits.bodyBytes}. Where Helidon answers differently from vtnio, see
 * {@code docs/contestants.md}. Helidon's own shutdown hook is off: {@code ContestantMain}
 * stops it on SIGTERM, with {@code shutdownGracePeriod} as the drain timeout.
 *
 * <p>Threading: {@link #start} once from one thread, {@link #stop} once from any thread.
 */
public final class HelidonServer implements Contestant {

    private final ContestantConfig config;
    private WebServer server;

    public HelidonServer(ContestantConfig config) {
        this.config = config;
    }

    @Override
    public void start() throws IOException {
        WebServer built = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .shutdownGracePeriod(config.drainTimeout())
                .maxPayloadSize(config.limits().bodyBytes())
                // TCP_NODELAY, as every other server here sets it: Helidon's default is off, and then a
                // response written in two segments waited for the client's next request to carry the
                // ACK of the first (p50 11.9 ms at 8,500 requests/s, the gap between one connection's
                // requests, against 0.2 ms for the others; 2026-12-07).
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                // No guard against a client stalled partway through its headers: neither Helidon's idle
                // connection timeout (10 s, checked every second) nor a socket read timeout on its
                // connections (10 s) cut one off within 15 s here (2026-12-07); docs/contestants.md.
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(config.limits().requestLineBytes())
                        .maxHeadersSize(config.limits().headerBytes())
                        .build())
                .routing(routing -> new HelidonRoutes(config.work()).register(routing))
                .build();
        built.start();
        // Helidon logs a failed bind and returns instead of throwing.
        if (!built.isRunning()) {
            throw new IOException("Helidon did not start (its log on stderr says why)");
        }
        server = built;
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(config.host(), server.port());
    }

    @Override
    public String framework() {
        return "Helidon SE " + version() + " (virtual threads)";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * Helidon's version as its own {@code io.helidon.common.Version} states it, read reflectively
     * because a {@code static final String} would be compiled into this class: the jar on the
     * class path, not the one compiled against, is the one measured.
     */
    static String version() {
        try {
            return (String) Class.forName("io.helidon.common.Version").getField("VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }
}
