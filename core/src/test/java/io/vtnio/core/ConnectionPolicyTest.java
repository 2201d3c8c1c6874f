package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.ConnectionPolicy.Ending;
import io.vtnio.core.ConnectionPolicy.Exit;
import io.vtnio.core.ConnectionPolicy.Finish;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionPolicyTest {

    private static final long MS = 1_000_000;
    private final ConnectionPolicy policy = new ConnectionPolicy(Duration.ofMillis(30), Duration.ofMillis(50),
            Duration.ofMillis(70), Duration.ofMillis(90), Duration.ofMillis(110));

    @Test
    void idleMeansNothingReadAndNothingWrittenForTheIdlePeriod() {
        long now = 1_000 * MS;
        assertTrue(policy.isIdle(now, now - 50 * MS, now - 60 * MS));
        assertTrue(policy.isIdle(now, now - 60 * MS, now - 50 * MS), "written exactly idle ago counts as idle too");
        assertFalse(policy.isIdle(now, now - 49 * MS, now - 60 * MS), "read a moment ago");
        assertFalse(policy.isIdle(now, now - 60 * MS, now - 49 * MS), "written a moment ago: a chat member still receiving");
    }

    @Test
    void afterAnErrLineTheConnectionLingersForTheErrorLingerAndNoLongerThanItsQuietPeriod() {
        Exit exit = policy.afterFinishing(Finish.ERROR_LINE, false, false, 100 * MS, 0);
        assertEquals(new Exit(Ending.LINGER_AFTER_ERROR, 130 * MS, 30 * MS), exit);
        assertTrue(exit.lingers());
        assertEquals(Ending.LINGER_AFTER_ERROR, policy.afterFinishing(Finish.ERROR_LINE, true, true, 0, 0).ending(),
                "even half-closed: the ERR line must be read before anything resets");
        assertEquals(exit, policy.lingerAfterError(100 * MS), "a refusal's ERR line lingers the same way");
    }

    @Test
    void aStoppingConnectionThatIsNotIdleLingersUntilItsClientClosesIsIdleOrTheStopsDeadline() {
        Exit exit = policy.afterFinishing(Finish.STOP, false, false, 100 * MS, 5_000 * MS);
        assertEquals(Ending.LINGER_WHILE_ACTIVE, exit.ending());
        assertEquals(5_000 * MS, exit.deadlineNanos());
        assertEquals(50 * MS, exit.quietNanos(), "the idle period, the one quiet period of every server");
    }

    @Test
    void aStoppingConnectionThatIsIdleOrHalfClosedClosesAtOnce() {
        assertFalse(policy.afterFinishing(Finish.STOP, false, true, 0, 5_000 * MS).lingers());
        assertFalse(policy.afterFinishing(Finish.STOP, true, false, 0, 5_000 * MS).lingers());
    }

    @Test
    void endOfStreamAndAGreetingCloseAtOnce() {
        assertEquals(Ending.CLOSE, policy.afterFinishing(Finish.END_OF_STREAM, true, false, 0, 0).ending());
        assertEquals(Ending.CLOSE, policy.afterFinishing(Finish.GREETING, false, false, 0, 0).ending());
    }

    @Test
    void aFailedAcceptIsCountedAndPausesLongerEachTimeItRepeats() {
        ServerMetrics metrics = new ServerMetrics();
        AcceptBackoff backoff = new AcceptBackoff();
        long first = policy.afterAcceptFailure(metrics, backoff);
        long second = policy.afterAcceptFailure(metrics, backoff);
        assertEquals(AcceptBackoff.FIRST_DELAY_MILLIS, first);
        assertEquals(2 * first, second);
        assertEquals(2, metrics.snapshot("stats", "test").acceptFailures());
    }

    @Test
    void aFailedSetupIsAnAcceptedConnectionClosedWithAnError() {
        ServerMetrics metrics = new ServerMetrics();
        policy.afterSetupFailure(metrics);
        MetricsSnapshot counted = metrics.snapshot("stats", "test");
        assertEquals(1, counted.connectionsAccepted());
        assertEquals(1, counted.connectionsClosed());
        assertEquals(0, counted.connectionsOpen());
        assertEquals(1, counted.errors());
    }

    @Test
    void timingsMustBeGivenAndNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionPolicy(Duration.ofMillis(-1), Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> new ConnectionPolicy(null, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO));
        assertEquals(Duration.ofSeconds(2), ConnectionPolicy.DEFAULT.idle());
    }

    @Test
    void onlyAPartialHttpRequestHasAStallLimitAndIsStalledOnceItPasses() {
        MessageDecoder line = MessageDecoder.create(Framing.LINE, 100);
        line.decode("partial line".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 12, (b, o, n) -> { });
        assertEquals(0, policy.stallLimitNanos(line), "the line protocol lets a partial line wait");
        assertFalse(policy.isStalled(line, 1_000_000_000L, 0));
        MessageDecoder http = new io.vtnio.core.http.HttpExchange(io.vtnio.core.http.HttpRequestDecoder.Limits.DEFAULT,
                new io.vtnio.core.http.HttpResponses());
        assertEquals(0, policy.stallLimitNanos(http), "nothing held: an idle keep-alive connection has no limit");
        byte[] half = "GET /plaintext HTTP/1.1\r\nHost: a\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        http.decode(half, 0, half.length, (b, o, n) -> { });
        assertEquals(Duration.ofMillis(110).toNanos(), policy.stallLimitNanos(http));
        assertFalse(policy.isStalled(http, Duration.ofMillis(109).toNanos(), 0));
        assertTrue(policy.isStalled(http, Duration.ofMillis(110).toNanos(), 0));
    }
}
