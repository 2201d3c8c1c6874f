package io.vtnio.contestants.helidon;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.vtnio.contestants.Route;
import io.vtnio.core.Work;
import io.vtnio.core.http.HttpExchange;
import java.io.IOException;

/**
 * vtnio's routes ({@link Route}) as Helidon routing rules and blocking handlers: the way a
 * Helidon SE application is written. Each handler runs on the connection's virtual thread, does
 * the {@code --work} inline (a sleep parks the virtual thread, not a carrier) and sends its
 * response with one {@code send(byte[])}, which writes a Content-Length, never chunks.
 *
 * <p>Threading: immutable once registered; handlers run on any number of virtual threads at once.
 */
final class HelidonRoutes {

    private static final byte[] EMPTY = new byte[0];

    private final Work work;

    HelidonRoutes(Work work) {
        this.work = work;
    }

    /** Adds every route to {@code routing}; the catch-all 404 comes last. */
    void register(HttpRouting.Builder routing) {
        routing.addFilter(HelidonRoutes::closeWhenAsked)
                .get(Route.PLAINTEXT.path(), this::plaintext)
                .head(Route.PLAINTEXT.path(), this::plaintextHead)
                .post(Route.ECHO.path(), this::echo)
                .any(Route.PLAINTEXT.path(), notAllowed(Route.PLAINTEXT))
                .any(Route.ECHO.path(), notAllowed(Route.ECHO))
                // Helidon's own 404 carries a text body; vtnio's is empty.
                .any(this::notFound);
    }

    /**
     * Helidon 4.5 answers a request that carries {@code Connection: close} with
     * {@code Connection: close} but then keeps reading the connection (and answers what follows);
     * RFC 9112 (9.6) says the server closes it. Helidon's own way out of the connection loop, a
     * {@link CloseConnectionException} once the response is sent, closes it.
     */
    private static void closeWhenAsked(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        chain.proceed();
        if (request.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
            throw new CloseConnectionException("the client sent Connection: close");
        }
    }

    private void plaintext(ServerRequest request, ServerResponse response) {
        byte[] body = HttpExchange.PLAINTEXT_BODY;
        work.perform(body, 0, body.length);
        response.header(HeaderNames.CONTENT_TYPE, "text/plain");
        response.send(body);
    }

    private void plaintextHead(ServerRequest request, ServerResponse response) {
        byte[] body = HttpExchange.PLAINTEXT_BODY;
        work.perform(body, 0, body.length);
        response.header(HeaderNames.CONTENT_TYPE, "text/plain");
        // Helidon writes whatever body it is given, HEAD or not: declare the length, send none.
        response.header(HeaderNames.CONTENT_LENGTH, String.valueOf(body.length));
        response.send(EMPTY);
    }

    private void echo(ServerRequest request, ServerResponse response) throws IOException {
        byte[] body = request.content().inputStream().readAllBytes();
        work.perform(body, 0, body.length);
        response.header(HeaderNames.CONTENT_TYPE,
                request.headers().first(HeaderNames.CONTENT_TYPE).orElse(Route.DEFAULT_ECHO_TYPE));
        response.send(body);
    }

    private Handler notAllowed(Route route) {
        return (request, response) -> {
            work.perform(EMPTY, 0, 0);
            response.status(Status.METHOD_NOT_ALLOWED_405);
            response.header(HeaderNames.ALLOW, route.allowHeader());
            response.send(EMPTY);
        };
    }

    private void notFound(ServerRequest request, ServerResponse response) {
        work.perform(EMPTY, 0, 0);
        response.status(Status.NOT_FOUND_404);
        response.send(EMPTY);
    }
}
