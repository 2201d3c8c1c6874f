package io.vtnio.contestants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Route}: the path without its query picks the route, and the methods are HTTP's, case and all. */
class ContestantRouteTest {

    @Test
    void thePathWithoutItsQueryPicksTheRoute() {
        assertEquals(Route.PLAINTEXT, Route.of("/plaintext"));
        assertEquals(Route.PLAINTEXT, Route.of("/plaintext?echo"));
        assertEquals(Route.ECHO, Route.of("/echo?"));
        assertEquals(Route.NOT_FOUND, Route.of("/plaintext/"));
        assertEquals(Route.NOT_FOUND, Route.of("/"));
        assertEquals(Route.NOT_FOUND, Route.of(""));
        assertEquals(Route.NOT_FOUND, Route.of("http://host/plaintext"));
    }

    @Test
    void eachRouteAllowsItsMethodsOnlyAndSaysWhichIn405sAllow() {
        assertTrue(Route.PLAINTEXT.allows("GET"));
        assertTrue(Route.PLAINTEXT.allows("HEAD"));
        assertFalse(Route.PLAINTEXT.allows("get"));
        assertFalse(Route.PLAINTEXT.allows("POST"));
        assertTrue(Route.ECHO.allows("POST"));
        assertFalse(Route.ECHO.allows("GET"));
        assertFalse(Route.NOT_FOUND.allows("GET"));
        assertEquals("GET, HEAD", Route.PLAINTEXT.allowHeader());
        assertEquals("POST", Route.ECHO.allowHeader());
    }
}
