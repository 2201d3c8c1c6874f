package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
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

    @ParameterizedTest(name = "cpu:{0}")
    @ValueSource(ints = {1, 2, 3, 100})
    @Timeout(5)
    void cpuIsSha256OfTheGivenRangeThenOfEachDigestInTurn(int rounds) throws Exception {
        byte[] message = "..hash me..".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("hash me".getBytes(StandardCharsets.US_ASCII));
        for (int round = 2; round <= rounds; round++) {
            expected = MessageDigest.getInstance("SHA-256").digest(expected);
        }
        Work.Cpu cpu = (Work.Cpu) Work.parse("cpu:" + rounds);
        assertArrayEquals(expected, cpu.hash(message, 2, 7));
        assertArrayEquals(expected, cpu.hash(message, 2, 7), "the thread's digest is left clean for the next message");
        cpu.perform(message, 2, 7);
    }

    @Test
    void cpuOneIsPlainSha256() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(new Work.Cpu(1).hash(abc, 0, abc.length)));
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
