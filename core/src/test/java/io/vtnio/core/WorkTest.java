package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkTest {

    @Test
    void noneIsNone() {
        Work work = Work.parse("none");
        assertSame(Work.None.INSTANCE, work);
        assertTrue(work.isNone());
        assertEquals("none", work.toString());
    }

    @Test
    void sleepTakesAHumanDuration() {
        Work work = Work.parse("sleep:2ms");
        assertEquals(new Work.Sleep(Duration.ofMillis(2)), work);
        assertFalse(work.isNone());
        assertEquals("sleep:2ms", work.toString());
    }

    @Test
    void cpuTakesRounds() {
        Work work = Work.parse("cpu:10");
        assertEquals(new Work.Cpu(10), work);
        assertEquals("cpu:10", work.toString());
    }

    @Test
    void zeroWorkIsNone() {
        assertSame(Work.None.INSTANCE, Work.parse("sleep:0ms"));
        assertSame(Work.None.INSTANCE, Work.parse("cpu:0"));
    }

    @Test
    void parsingIgnoresCaseAndSurroundingSpace() {
        assertEquals(new Work.Sleep(Duration.ofMillis(5)), Work.parse("  SLEEP:5MS "));
        assertSame(Work.None.INSTANCE, Work.parse("None"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "", "sleep", "sleep:", "sleep:abc", "cpu", "cpu:x", "cpu:-1", "cpu:1.5", "nap:2ms"})
    void rejectsUnknownWorkWithAMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Work.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void unknownKindMessageNamesTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Work.parse("foo"));
        assertTrue(e.getMessage().contains("sleep:DURATION") && e.getMessage().contains("cpu:N"), e.getMessage());
    }

    @Test
    @Timeout(5)
    void sleepBlocksForItsDuration() {
        long start = System.nanoTime();
        Work.parse("sleep:30ms").perform(new byte[0], 0, 0);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos());
    }

    @Test
    @Timeout(5)
    void cpuHashesTheGivenRange() {
        byte[] message = "hash me".getBytes(StandardCharsets.US_ASCII);
        Work.parse("cpu:100").perform(message, 0, message.length);
        Work.parse("cpu:1").perform(message, 2, 3);
    }

    @Test
    void sleepKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            Work.parse("sleep:10s").perform(new byte[0], 0, 0);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
