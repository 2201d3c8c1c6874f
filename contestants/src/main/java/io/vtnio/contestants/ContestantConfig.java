package io.vtnio.contestants;

import io.vtnio.core.Work;
import io.vtnio.core.http.HttpRequestDecoder;
import java.time.Duration;

/**
 * What every contestant is told, whatever its framework: where to listen, the work to do per
 * request, how long a stop may drain, and the request limits, which are vtnio's own
 * ({@link HttpRequestDecoder.Limits#DEFAULT}) so that a comparison runs under one set of rules.
 *
 * @param host         address to bind, e.g. {@code 127.0.0.1}
 * @param port         port to bind, 0..65535; 0 takes a free one
 * @param work         done once per request before the response is written
 * @param drainTimeout how long a stop waits for requests in flight, not negative
 * @param limits       longest request line, header section and body
 */
public record ContestantConfig(String host, int port, Work work, Duration drainTimeout,
                               HttpRequestDecoder.Limits limits) {

    /**
     * How long a Netty connection may send nothing before it is closed ({@code ReadTimeoutHandler},
     * Netty's guard against clients stalled partway through a request). vtnio's servers cut off such
     * a stall after 5 s and keep an idle keep-alive connection; Netty's decoder does not say when it
     * holds part of a request, so the handler closes both. Helidon has no working equivalent here
     * ({@code HelidonServer}).
     */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);


    public ContestantConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative, got " + drainTimeout);
        }
    }
}
