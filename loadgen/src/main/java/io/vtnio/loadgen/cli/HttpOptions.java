package io.vtnio.loadgen.cli;

import io.vtnio.core.http.HttpRequestDecoder;
import io.vtnio.loadgen.client.HttpRequestTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The request of {@code load --mode http}, as one picocli mixin of {@link LoadOptions}: method,
 * path, body, extra header fields and the status every response must have; {@link #toTemplate}
 * checks them and builds the {@link HttpRequestTemplate} every connection sends.
 *
 * <p>Threading: filled in by picocli on the parsing thread, then read on the command's thread.
 */
final class HttpOptions {

    @Option(names = "--method", paramLabel = "METHOD",
            description = "HTTP: the request method (default: GET).")
    String method;

    @Option(names = "--path", paramLabel = "PATH",
            description = "HTTP: the request target (default: /plaintext).")
    String path;

    @Option(names = "--body", paramLabel = "TEXT",
            description = "HTTP: the body of every request (default: for POST and PUT, --payload bytes that differ "
                    + "per request; none otherwise).")
    String body;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "HTTP: a header field added to every request; repeatable. Host is sent unless given here, "
                    + "Content-Length with a body.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--expect-status", paramLabel = "N",
            description = "HTTP: the status every response must have (default: 200).")
    Integer expectStatus;

    /** The first of these options that was given, or null: they apply to {@code --mode http} only. */
    String firstGiven() {
        return method != null ? "--method" : path != null ? "--path" : body != null ? "--body"
                : !headers.isEmpty() ? "--header" : expectStatus != null ? "--expect-status" : null;
    }

    /**
     * @param payloadBytes the default body's length for POST and PUT
     * @throws IllegalArgumentException naming the bad option
     */
    HttpRequestTemplate toTemplate(int payloadBytes) {
        String chosenMethod = method == null ? "GET" : method;
        String chosenPath = path == null ? "/plaintext" : path;
        if (!HttpRequestDecoder.isToken(chosenMethod)) {
            throw new IllegalArgumentException("--method must be a token such as GET or POST, got '" + chosenMethod + "'");
        }
        if (chosenPath.isEmpty() || !chosenPath.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("--path must be visible ASCII without spaces, e.g. /plaintext, got '"
                    + chosenPath + "'");
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0 || !HttpRequestDecoder.isToken(header.substring(0, colon))
                    || header.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f || c > 0xff)) {
                throw new IllegalArgumentException("--header must be 'Name: value' (a token, a colon, a value without "
                        + "control characters), got '" + header + "'");
            }
            String name = header.substring(0, colon).toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("transfer-encoding")) {
                throw new IllegalArgumentException("--header " + header.substring(0, colon)
                        + ": the generator frames the body itself (give --body or --payload)");
            }
        }
        int status = expectStatus == null ? 200 : expectStatus;
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("--expect-status must be 200..599, got " + status);
        }
        if (chosenMethod.equals("HEAD") && body != null) {
            throw new IllegalArgumentException("--body does not go with --method HEAD");
        }
        return new HttpRequestTemplate(chosenMethod, chosenPath, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), payloadBytes, status);
    }
}
