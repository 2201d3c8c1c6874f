package io.vtnio.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict HTTP/1.x response parser {@code load --mode http} and {@code verify --mode http} share. */
class HttpResponseDecoderTest {

    private static final HttpResponseDecoder.Limits SMALL = new HttpResponseDecoder.Limits(32, 128, 100);

    private final List<HttpResponse> responses = new ArrayList<>();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static HttpResponseDecoder expecting(HttpResponseDecoder.Limits limits, boolean... heads) {
        HttpResponseDecoder decoder = new HttpResponseDecoder(limits);
        for (boolean head : heads) {
            decoder.expectResponse(head);
        }
        return decoder;
    }

    private String feed(HttpResponseDecoder decoder, String text) {
        byte[] bytes = bytes(text);
        return decoder.decode(bytes, 0, bytes.length, response -> responses.add(response.toResponse()));
    }

    /** Feeds {@code text} cut at {@code cut} (and byte by byte when {@code cut} is negative). */
    private String feedSplit(HttpResponseDecoder decoder, String text, int cut) {
        byte[] bytes = bytes(text);
        HttpResponseDecoder.Sink sink = response -> responses.add(response.toResponse());
        if (cut < 0) {
            for (int i = 0; i < bytes.length; i++) {
                String error = decoder.decode(bytes, i, 1, sink);
                if (error != null) {
                    return error;
                }
            }
            return null;
        }
        String error = decoder.decode(bytes, 0, cut, sink);
        return error != null ? error : decoder.decode(bytes, cut, bytes.length - cut, sink);
    }

    @Test
    void pipelinedResponsesComeWholeAndInOrderHoweverTheyAreSplit() {
        String three = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nHello, World!"
                + "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        for (int cut = -1; cut <= three.length(); cut++) {
            responses.clear();
            HttpResponseDecoder decoder = expecting(HttpResponseDecoder.Limits.DEFAULT, false, false, false);
            assertNull(feedSplit(decoder, three, cut), "cut at " + cut);
            assertEquals(3, responses.size(), "cut at " + cut);
            assertEquals(200, responses.get(0).status());
            assertEquals("OK", responses.get(0).reason());
            assertEquals("text/plain", responses.get(0).header("content-type"), "field names compare without case");
            assertArrayEquals(bytes("Hello, World!"), responses.get(0).body());
            assertArrayEquals(bytes("hello world"), responses.get(1).body(), "chunks joined, 1xx skipped");
            assertEquals(404, responses.get(2).status());
            assertTrue(responses.get(2).keepAlive());
            assertEquals(0, decoder.expectedResponses());
            assertFalse(decoder.inResponse());
        }
    }

    @Test
    void whatTheServersEncodeDecodesBack() {
        HttpResponses encoder = new HttpResponses();
        byte[] ok = encoder.encode(200, "OK", "text/plain", null, bytes("Hello, World!"), true, null);
        byte[] head = encoder.encode(200, "OK", "text/plain", null, bytes("Hello, World!"), false, null);
        byte[] closing = encoder.encode(405, "Method Not Allowed", null, "Allow: POST", new byte[0], true, "close");
        HttpResponseDecoder decoder = expecting(HttpResponseDecoder.Limits.DEFAULT, false, true, false);
        HttpResponseDecoder.Sink sink = response -> responses.add(response.toResponse());
        assertNull(decoder.decode(ok, 0, ok.length, sink));
        assertNull(decoder.decode(head, 0, head.length, sink));
        assertNull(decoder.decode(closing, 0, closing.length, sink));
        assertEquals(3, responses.size());
        assertEquals(0, responses.get(1).body().length, "the answer to HEAD has no body");
        assertEquals("13", responses.get(1).header("Content-Length"));
        assertEquals("POST", responses.get(2).header("Allow"));
        assertFalse(responses.get(2).keepAlive(), "Connection: close is noticed");
        assertNull(decoder.endOfInput(sink), "a close after Connection: close is no error");
        assertEquals("bytes after a response that closed the connection", feed(decoder, "H"));
    }

    @Test
    void theViewIsReusedAndABodyWholeInOneReadIsNotCopied() {
        HttpResponseDecoder decoder = expecting(HttpResponseDecoder.Limits.DEFAULT, false, false);
        List<HttpResponseDecoder.Response> views = new ArrayList<>();
        byte[] two = bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nde");
        assertNull(decoder.decode(two, 0, two.length, response -> {
            views.add(response);
            assertTrue(response.bodyEquals(bytes(response.status() == 200 ? "abc" : "de")));
            assertEquals(response.status() == 200 ? 3 : 2, response.bodyLength());
            assertEquals(response.status() == 200 ? "3" : "2", response.header("CONTENT-LENGTH"));
            assertNull(response.header("Content-Type"));
        }));
        assertEquals(2, views.size());
        assertSame(views.get(0), views.get(1));
    }

    @Test
    void http10AndABodyDelimitedByTheCloseEndTheConnection() {
        HttpResponseDecoder decoder = expecting(HttpResponseDecoder.Limits.DEFAULT, false, false);
        assertNull(feed(decoder, "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx"));
        assertTrue(responses.getFirst().keepAlive(), "HTTP/1.0 with keep-alive stays open");
        assertNull(feed(decoder, "HTTP/1.1 200 OK\r\n\r\nuntil the"));
        assertNull(feed(decoder, " close"));
        assertEquals(1, responses.size(), "a body delimited by the close waits for it");
        assertNull(decoder.endOfInput(response -> responses.add(response.toResponse())));
        assertArrayEquals(bytes("until the close"), responses.get(1).body());
        assertFalse(responses.get(1).keepAlive());
    }

    @Test
    void aResponseCutOffByTheCloseIsAnError() {
        HttpResponseDecoder decoder = expecting(HttpResponseDecoder.Limits.DEFAULT, false);
        assertNull(feed(decoder, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab"));
        assertEquals("the connection closed in the middle of a response", decoder.endOfInput(response -> { }));
        HttpResponseDecoder idle = expecting(HttpResponseDecoder.Limits.DEFAULT, false);
        assertNull(idle.endOfInput(response -> { }), "a close between responses is the caller's to judge");
        assertEquals(1, idle.expectedResponses());
    }

    @Test
    void limitsAreExact() {
        String statusLine = "HTTP/1.1 200 " + "R".repeat(32 - 13);
        HttpResponseDecoder decoder = expecting(SMALL, false, false);
        assertNull(feed(decoder, statusLine + "\r\nContent-Length: 0\r\nX: " + "v".repeat(128 - 26) + "\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "b".repeat(100)));
        assertEquals(2, responses.size(), "a status line, header section and body of exactly the limits pass");
        assertTrue(feed(expecting(SMALL, false), statusLine + "R\r\n\r\n").startsWith("status line over 32"));
        assertTrue(feed(expecting(SMALL, false), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX: " + "v".repeat(128 - 26 + 1) + "\r\n\r\n")
                .startsWith("header section over 128"));
        assertTrue(feed(expecting(SMALL, false), "HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n")
                .startsWith("body over 100"), "refused as soon as the length says so");
        assertTrue(feed(expecting(SMALL, false), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n"
                + "b".repeat(80) + "\r\n15\r\n").startsWith("body over 100"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no request outstanding | HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n | with no request outstanding",
        "an unknown version | HTTP/2.0 200 OK\\r\\n\\r\\n | malformed status line",
        "a two-digit status | HTTP/1.1 20 OK\\r\\n\\r\\n | malformed status line",
        "no space after the status | HTTP/1.1 200OK\\r\\n\\r\\n | malformed status line",
        "a status out of range | HTTP/1.1 700 Odd\\r\\n\\r\\n | out of range",
        "not HTTP at all | hello\\n | malformed status line",
        "an empty line first | \\r\\nHTTP/1.1 200 OK\\r\\n\\r\\n | an empty line where a status line was due",
        "switching protocols | HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n | 101",
        "Content-Length and Transfer-Encoding | HTTP/1.1 200 OK\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | both Content-Length and Transfer-Encoding",
        "two Content-Lengths | HTTP/1.1 200 OK\\r\\nContent-Length: 3\\r\\nContent-Length: 3\\r\\n\\r\\nabc | more than one Content-Length",
        "a malformed Content-Length | HTTP/1.1 200 OK\\r\\nContent-Length: -1\\r\\n\\r\\n | malformed Content-Length",
        "a coding other than chunked | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n | other than chunked",
        "whitespace before the colon | HTTP/1.1 200 OK\\r\\nContent-Length : 0\\r\\n\\r\\n | whitespace before",
        "a folded line | HTTP/1.1 200 OK\\r\\nX: a\\r\\n b\\r\\n\\r\\n | folded",
        "a field without a colon | HTTP/1.1 200 OK\\r\\nX\\r\\n\\r\\n | malformed header field",
        "a bare CR | HTTP/1.1 200 OK\\r\\nX: a\\rb\\r\\n\\r\\n | bare CR",
        "a control character | HTTP/1.1 200 OK\\r\\nX: a\\u0001b\\r\\n\\r\\n | control character",
        "a malformed chunk size | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n | malformed chunk size",
        "chunk data past its size | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nab\\r\\n | longer than its size",
    })
    void malformedInputIsAnErrorWithItsReason(String what, String text, String reason) {
        String response = text.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
        HttpResponseDecoder whole = expecting(SMALL, false);
        String error = feed(whole, response);
        assertNotNull(error, what);
        assertTrue(error.contains(reason), what + ": " + error);
        assertEquals(error, feed(whole, "HTTP/1.1 200 OK\r\n\r\n"), "after an error the decoder is done");
        String split = feedSplit(expecting(SMALL, false), response, -1);
        assertTrue(split != null && split.contains(reason), what + ", byte by byte: " + split);
        assertTrue(responses.size() <= 2 && responses.stream().allMatch(r -> r.status() == 200
                && r.body().length == 0), what + " delivers nothing wrong: " + responses);
    }
}
