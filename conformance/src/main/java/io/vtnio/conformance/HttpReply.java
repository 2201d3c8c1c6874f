package io.vtnio.conformance;

import io.vtnio.core.http.HttpResponse;
import io.vtnio.core.http.HttpResponseDecoder;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 response as a rule reads it from a {@link TestClient}, parsed by core's
 * {@link HttpResponseDecoder}, the parser the generator checks servers with: written once.
 * Interim 1xx responses are skipped, bodies may come by {@code Content-Length}, by chunks or up to
 * the close, and anything malformed fails the rule with the decoder's reason.
 *
 * <p>The bytes are fed one at a time, so reading stops exactly at the end of this response and
 * the client keeps what follows (the next pipelined response, or the close) for the next read;
 * each read needs no state but the client's.
 *
 * @param response the response as the decoder copied it out
 *
 * <p>Threading: immutable.
 */
record HttpReply(HttpResponse response) {

    int status() {
        return response.status();
    }

    /** The value of the first field named {@code name} (any case), or null. */
    String header(String name) {
        return response.header(name);
    }

    byte[] body() {
        return response.body();
    }

    String bodyText() {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Whether the server said it closes the connection after this response. */
    boolean closes() {
        String connection = header("Connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }

    /** Reads the next response; {@code toHead} says it answers a HEAD, which has no body whatever its length says. */
    static HttpReply read(TestClient client, boolean toHead) throws IOException {
        HttpResponseDecoder decoder = new HttpResponseDecoder(HttpResponseDecoder.Limits.DEFAULT);
        decoder.expectResponse(toHead);
        HttpResponse[] read = new HttpResponse[1];
        HttpResponseDecoder.Sink sink = response -> read[0] = response.toResponse();
        long bytes = 0;
        while (read[0] == null) {
            String error;
            try {
                error = decoder.decode(client.readExactly(1), 0, 1, sink);
                bytes++;
            } catch (EOFException closed) {
                error = decoder.endOfInput(sink); // a body delimited by the close ends here
                if (error == null && read[0] == null) {
                    throw new EOFException("connection closed by server after " + bytes + " bytes of a response");
                }
            }
            if (error != null) {
                throw new AssertionError("not a valid HTTP/1.x response: " + error);
            }
        }
        return new HttpReply(read[0]);
    }

    /** Reads the next response to a request other than HEAD. */
    static HttpReply read(TestClient client) throws IOException {
        return read(client, false);
    }
}
