package io.vtnio.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP/1.x request parser every server's {@code --mode http} is to share (issue 22, item 1). */
class HttpRequestDecoderTest {

    private static final HttpRequestDecoder.Limits SMALL = new HttpRequestDecoder.Limits(64, 128, 100);

    private final List<HttpRequest> requests = new ArrayList<>();

    private HttpError feed(HttpRequestDecoder decoder, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return decoder.decode(bytes, 0, bytes.length, requests::add);
    }

    private HttpError feedByteByByte(HttpRequestDecoder decoder, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            HttpError error = decoder.decode(bytes, i, 1, requests::add);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    @Test
    void pipelinedRequestsComeWholeAndInOrderHoweverTheyAreSplit() {
        String two = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
        assertNull(feed(new HttpRequestDecoder(HttpRequestDecoder.Limits.DEFAULT), two));
        assertNull(feedByteByByte(new HttpRequestDecoder(HttpRequestDecoder.Limits.DEFAULT), two));
        assertEquals(4, requests.size());
        for (int i = 0; i < 4; i += 2) {
            assertEquals("GET", requests.get(i).method());
            assertEquals("/plaintext", requests.get(i).target());
            assertEquals(0, requests.get(i).body().length);
            assertEquals("a", requests.get(i).header("host"), "field names compare without case");
            assertTrue(requests.get(i).keepAlive(), "HTTP/1.1 keeps the connection by default");
            assertEquals("POST", requests.get(i + 1).method());
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), requests.get(i + 1).body());
        }
    }

    @Test
    void aChunkedBodyIsJoinedAndItsExtensionsAndTrailersDropped() {
        HttpRequestDecoder decoder = new HttpRequestDecoder(HttpRequestDecoder.Limits.DEFAULT);
        assertNull(feedByteByByte(decoder, "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n"));
        assertEquals(1, requests.size());
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), requests.getFirst().body());
        assertEquals(0, decoder.pendingBytes());
        assertTrue(decoder.bufferCapacity() <= HttpRequestDecoder.RETAINED_BYTES,
                "an idle connection keeps no large buffer: " + decoder.bufferCapacity());
    }

    @Test
    void connectionCloseAndHttp10AreHonoured() {
        HttpRequestDecoder decoder = new HttpRequestDecoder(HttpRequestDecoder.Limits.DEFAULT);
        assertNull(feed(decoder, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                + "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET / HTTP/1.1\nHost: a\n\n"));
        assertEquals(List.of(false, false, true, true), requests.stream().map(HttpRequest::keepAlive).toList());
        assertEquals("HTTP/1.0", requests.get(1).version());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "request line over the limit | 414 | GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\\r\\n\\r\\n",
        "header section over the limit | 431 | GET / HTTP/1.1\\r\\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\r\\n\\r\\n",
        "Content-Length over the limit | 413 | POST / HTTP/1.1\\r\\nContent-Length: 101\\r\\n\\r\\n",
        "chunks over the limit | 413 | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n65\\r\\n",
        "Content-Length and Transfer-Encoding | 400 | POST / HTTP/1.1\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n",
        "two Content-Lengths | 400 | POST / HTTP/1.1\\r\\nContent-Length: 3\\r\\nContent-Length: 3\\r\\n\\r\\nabc",
        "a coding other than chunked | 400 | POST / HTTP/1.1\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n",
        "whitespace before the colon | 400 | GET / HTTP/1.1\\r\\nHost : a\\r\\n\\r\\n",
        "a folded header line | 400 | GET / HTTP/1.1\\r\\nX-A: a\\r\\n b\\r\\n\\r\\n",
        "a malformed Content-Length | 400 | POST / HTTP/1.1\\r\\nContent-Length: -1\\r\\n\\r\\n",
        "an unknown version | 400 | GET / HTTP/2.0\\r\\n\\r\\n",
        "a request line of two parts | 400 | GET /\\r\\n\\r\\n",
        "a bare CR | 400 | GET / HTTP/1.1\\r\\nX-A: a\\rb\\r\\n\\r\\n",
        "no Host in HTTP/1.1 | 400 | GET / HTTP/1.1\\r\\n\\r\\n",
        "two Hosts | 400 | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n",
        "a malformed chunk size | 400 | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n",
    })
    void whatAServerMustRefuseIsRefusedWithItsStatus(String what, int status, String text) {
        String request = text.replace("\\r", "\r").replace("\\n", "\n");
        HttpRequestDecoder whole = new HttpRequestDecoder(SMALL);
        HttpError error = feed(whole, request);
        assertEquals(status, error == null ? 0 : error.status(), what + ": " + error);
        assertEquals(error, feed(whole, "GET / HTTP/1.1\r\n\r\n"), "after an error the decoder is done");
        HttpError split = feedByteByByte(new HttpRequestDecoder(SMALL), request);
        assertEquals(status, split == null ? 0 : split.status(), what + ", byte by byte: " + split);
        assertTrue(requests.isEmpty(), what + " delivers no request: " + requests);
    }

    @Test
    void limitsAreExactAndAnIncompleteRequestWaits() {
        String line = "GET /" + "a".repeat(64 - "GET / HTTP/1.1".length()) + " HTTP/1.1";
        assertEquals(64, line.length());
        HttpRequestDecoder decoder = new HttpRequestDecoder(SMALL);
        assertNull(feed(decoder, line + "\r\nHost: a\r\n\r\nPOST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + "x".repeat(99)));
        assertEquals(1, requests.size(), "a request line of exactly the limit passes");
        assertTrue(decoder.pendingBytes() > 99, "the body's last byte is still owed");
        assertNull(feed(decoder, "x"));
        assertEquals(100, requests.get(1).body().length, "a body of exactly the limit passes");
        assertTrue(requests.get(1).keepAlive());
    }
}
