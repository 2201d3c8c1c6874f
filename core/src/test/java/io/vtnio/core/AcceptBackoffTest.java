package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AcceptBackoffTest {

    @Test
    void delayDoublesUpToOneSecondAndResetsOnSuccess() {
        AcceptBackoff backoff = new AcceptBackoff();
        long[] expected = {10, 20, 40, 80, 160, 320, 640, 1000, 1000};
        for (long delay : expected) {
            assertEquals(delay, backoff.failed());
        }
        backoff.succeeded();
        assertEquals(10, backoff.failed());
    }
}
