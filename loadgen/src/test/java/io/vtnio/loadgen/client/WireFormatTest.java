package io.vtnio.loadgen.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.engine.RateChanges;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import io.vtnio.loadgen.wire.ChatLine;
import io.vtnio.loadgen.wire.EchoPayload;
import org.junit.jupiter.api.Test;

/** The engine's small parts on their own: schedule, timers, outstanding ring, message formats. */

/** Payloads, chat lines, outstanding rings and open-model schedules of the client connections. */
class WireFormatTest {
    @Test
    void openModelScheduleNeverSkipsAndNeverDrifts() {
        OpenModelSchedule schedule = OpenModelSchedule.staggered(1_000, 3.0, 2, 1);
        // 3 a second over 2 senders: each sends every 2/3 s; sender 1 starts 1/3 s late.
        assertEquals(1_000 + 333_333_333L, schedule.nextNs());
        schedule.advance();
        assertEquals(1_000 + 333_333_333L + 666_666_666L, schedule.nextNs());
        for (int i = 0; i < 2_999; i++) {
            schedule.advance();
        }
        long expected = 1_000 + 333_333_333L + Math.round(3_000 * 666_666_666.67);
        assertTrue(Math.abs(schedule.nextNs() - expected) < 1_000, "no accumulated drift after 3000 sends");
    }
    @Test
    void openModelScheduleSkipsExactlyTheSendsDueWhileDown() {
        OpenModelSchedule schedule = new OpenModelSchedule(0, 1_000_000.0);
        schedule.advance();
        assertEquals(0, schedule.skipBefore(1_000_000), "a send due exactly now is still sent");
        assertEquals(1_000_000, schedule.nextNs());
        assertEquals(1_000, schedule.skipBefore(1_000_500_000), "sends at 1, 2, ... 1000 ms");
        assertEquals(1_001_000_000, schedule.nextNs());
        assertEquals(0, schedule.skipBefore(5), "never backwards");
        assertEquals(1_001_000_000, schedule.nextNs());
    }
    @Test
    void aRateChangeReplacesTheSendsFromItsTimeOnAtTheNewRateWithTheSameStagger() {
        RateChanges changes = new RateChanges();
        // 4 a second over 2 senders: each every 500 ms, sender 1 from 250 ms.
        OpenModelSchedule schedule = OpenModelSchedule.staggered(0, 4.0, 2, 1, changes);
        assertEquals(250_000_000L, schedule.nextNs());
        schedule.advance();
        assertEquals(750_000_000L, schedule.nextNs());
        changes.add(1_000_000_000L, 2.0); // from 1 s on, 8 a second: each every 250 ms, sender 1 125 ms in
        schedule.advance();
        assertEquals(1_125_000_000L, schedule.nextNs(), "1.25 s at the old rate became the new segment's first send");
        schedule.advance();
        assertEquals(1_375_000_000L, schedule.nextNs());
        changes.add(2_000_000_000L, 0.5); // then 2 a second: each every second, sender 1 500 ms in
        for (int i = 0; i < 3; i++) {
            schedule.advance();
        }
        assertEquals(2_500_000_000L, schedule.nextNs(), "1.625 and 1.875 s sent, 2.125 s replaced");
    }
    @Test
    void sendsSkippedWhileDownAcrossARateChangeAreCountedAtEachRate() {
        RateChanges changes = new RateChanges();
        OpenModelSchedule schedule = OpenModelSchedule.staggered(0, 10.0, 1, 0, changes); // every 100 ms
        changes.add(1_000_000_000L, 2.0); // every 50 ms from 1 s
        assertEquals(10 + 10, schedule.skipBefore(1_500_000_000L), "0..900 ms, then 1000..1450 ms");
        assertEquals(1_500_000_000L, schedule.nextNs());
        assertThrows(IllegalArgumentException.class, () -> changes.add(1_000_000_000L, 3.0), "time order");
        assertThrows(IllegalArgumentException.class, () -> changes.add(3_000_000_000L, 0.0), "a rate above 0");
    }
    @Test
    void outstandingRingGrowsWithoutLosingOrder() {
        OutstandingRing ring = new OutstandingRing(2);
        for (int i = 0; i < 100; i++) {
            long sequence = ring.add(i * 10L);
            assertEquals(i, sequence);
            ring.markSent(sequence, i * 10L + 1);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i, ring.oldestSequence());
            assertEquals(i * 10L, ring.oldestScheduledNs());
            assertEquals(i * 10L + 1, ring.oldestSentNs());
            ring.removeOldest();
        }
        assertTrue(ring.isEmpty());
    }
    @Test
    void echoPayloadAcceptsExactlyTheEchoOfTheRightMessage() {
        EchoPayload payload = new EchoPayload(32, "好".getBytes(StandardCharsets.UTF_8));
        ByteBuffer wire = ByteBuffer.allocate(64);
        payload.write(7, 42, wire);
        assertEquals(33, wire.position());
        assertEquals('\n', wire.get(32));
        byte[] reply = new byte[payload.replyBytes()];
        System.arraycopy(wire.array(), 0, reply, 0, 32);
        System.arraycopy("好".getBytes(StandardCharsets.UTF_8), 0, reply, 32, 3);
        assertTrue(payload.matches(7, 42, reply, 0, reply.length));
        assertFalse(payload.matches(7, 43, reply, 0, reply.length), "wrong sequence number");
        assertFalse(payload.matches(8, 42, reply, 0, reply.length), "another connection's message");
        assertFalse(payload.matches(7, 42, reply, 0, reply.length - 1), "suffix cut");
        reply[3] ^= 1;
        assertFalse(payload.matches(7, 42, reply, 0, reply.length), "a changed byte");
        assertTrue(payload.expected(7, 42).contains("000000000000002a好"), payload.expected(7, 42));
    }
    @Test
    void tinyPayloadsKeepTheLowDigitsOfTheSequence() {
        EchoPayload payload = new EchoPayload(2, new byte[0]);
        ByteBuffer wire = ByteBuffer.allocate(3);
        payload.write(0, 0x1ab, wire);
        assertEquals("ab\n", new String(wire.array(), StandardCharsets.US_ASCII));
        assertTrue(payload.matches(0, 0x2ab, wire.array(), 0, 2));
    }
    @Test
    void chatLinesRoundTrip() {
        ChatLine line = new ChatLine(100);
        ByteBuffer wire = ByteBuffer.allocate(line.wireBytes());
        line.write(wire, 3, 42, -5, 123_456_789L);
        byte[] bytes = wire.array();
        assertEquals('\n', bytes[100]);
        assertTrue(line.isWellFormed(bytes, 0, 100));
        assertEquals(3, ChatLine.publisher(bytes, 0));
        assertEquals(42, ChatLine.sequence(bytes, 0));
        assertEquals(-5, ChatLine.scheduledNs(bytes, 0), "nanoTime may be negative");
        assertEquals(123_456_789L, ChatLine.sentNs(bytes, 0));
        bytes[80] = 'X';
        assertFalse(line.isWellFormed(bytes, 0, 100));
        assertEquals(ChatLine.HEADER_BYTES + 1, new ChatLine(1).wireBytes(), "lines are never shorter than the header");
    }
}
