package io.vtnio.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpExchangeTest {

    private final HttpExchange exchange = new HttpExchange(HttpRequestDecoder.Limits.DEFAULT, new HttpResponses());
    private final List<String> responses = new ArrayList<>();

    private DecodeResult feed(String bytes) {
        byte[] raw = bytes.getBytes(StandardCharsets.ISO_8859_1);
        return exchange.decode(raw, 0, raw.length,
                (b, offset, length) -> responses.add(new String(b, offset, length, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void routesAnswerWithContentLength() {
        assertEquals(DecodeResult.OK, feed("GET /plaintext?x=1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Type: text/x\r\nContent-Length: 3\r\n\r\nabc"
                + "HEAD /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /nope HTTP/1.1\r\nHost: a\r\n\r\nPUT /echo HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertEquals(5, responses.size());
        assertTrue(responses.get(0).startsWith("HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n"));
        assertTrue(responses.get(0).endsWith("\r\n\r\nHello, World!"), responses.get(0));
        assertTrue(responses.get(1).contains("Content-Type: text/x\r\n") && responses.get(1).endsWith("\r\n\r\nabc"));
        assertTrue(responses.get(2).contains("Content-Length: 13\r\n") && responses.get(2).endsWith("\r\n\r\n"),
                "HEAD: the length, not the body");
        assertTrue(responses.get(3).startsWith("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"));
        assertTrue(responses.get(4).startsWith("HTTP/1.1 405 ") && responses.get(4).contains("Allow: POST\r\n"));
        assertTrue(responses.get(0).contains("\r\nDate: ") && !responses.get(0).contains("Connection:"));
    }

    @Test
    void aRequestThatEndsTheConnectionIsTheLastAnswered() {
        assertEquals(DecodeResult.CLOSE, feed("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                + "GET /plaintext HTTP/1.0\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertEquals(2, responses.size(), "nothing after the request that closes: " + responses);
        assertTrue(responses.get(0).contains("Connection: keep-alive\r\n"), "HTTP/1.0 kept alive says so");
        assertTrue(responses.get(1).contains("Connection: close\r\n"));
        assertEquals(DecodeResult.CLOSE, feed("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"), "and stays done");
    }

    @Test
    void malformedRequestsAndStallsGetTheirStatusAndAClose() {
        assertEquals(DecodeResult.OK, feed("GET /plaintext HTTP/1.1\r\nHost: a\r\n"));
        assertEquals(0, responses.size());
        assertTrue(exchange.pendingBytes() > 0);
        assertTrue(new String(exchange.stallRefusal(), StandardCharsets.ISO_8859_1)
                .startsWith("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n"));
        assertEquals(DecodeResult.MALFORMED, feed("Bad Header\r\n\r\n"));
        String refusal = new String(exchange.refusal(), StandardCharsets.ISO_8859_1);
        assertTrue(refusal.startsWith("HTTP/1.1 400 Bad Request\r\n") && refusal.contains("Connection: close\r\n"),
                refusal);
        assertFalse(responses.iterator().hasNext());
    }
}
