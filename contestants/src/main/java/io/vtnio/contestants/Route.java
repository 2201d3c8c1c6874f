package io.vtnio.contestants;

import io.vtnio.core.http.HttpExchange;
import java.util.List;

/**
 * vtnio's HTTP routes ({@link HttpExchange}), written once for every contestant: which path a
 * request target names (the query after {@code ?} is ignored) and which methods that path allows.
 *
 * <pre>{@code
 * Route route = Route.of("/plaintext?x=1");   // PLAINTEXT
 * route.allows("HEAD");                       // true
 * route.allowHeader();                        // "GET, HEAD", for a 405
 * }</pre>
 *
 * <p>Threading: immutable.
 */
public enum Route {
    /** {@code GET} or {@code HEAD}: 200, {@code text/plain}, {@code Hello, World!}. */
    PLAINTEXT("/plaintext", "GET", "HEAD"),
    /** {@code POST}: 200 with the request's body and Content-Type. */
    ECHO("/echo", "POST"),
    /** Every other path: 404, whatever the method. */
    NOT_FOUND("");

    /** The Content-Type of an echo whose request named none. */
    public static final String DEFAULT_ECHO_TYPE = "application/octet-stream";

    private final String path;
    private final List<String> methods;

    Route(String path, String... methods) {
        this.path = path;
        this.methods = List.of(methods);
    }

    /** The route of a request target such as {@code /plaintext?x=1}. */
    public static Route of(String target) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        for (Route route : values()) {
            if (route != NOT_FOUND && route.path.equals(path)) {
                return route;
            }
        }
        return NOT_FOUND;
    }

    /** The path, e.g. {@code /plaintext}; empty for {@link #NOT_FOUND}. */
    public String path() {
        return path;
    }

    /** True when {@code method} (case-sensitive, as HTTP methods are) is answered here with 200. */
    public boolean allows(String method) {
        return methods.contains(method);
    }

    /** The {@code Allow} header value of this path's 405, e.g. {@code GET, HEAD}. */
    public String allowHeader() {
        return String.join(", ", methods);
    }
}
