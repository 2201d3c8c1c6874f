package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    @Test
    void snapshotCountsEveryEvent() {
        ServerMetrics metrics = new ServerMetrics();
        metrics.connectionAccepted();
        metrics.connectionAccepted();
        metrics.connectionClosed();
        metrics.messagesIn(3, 30);
        metrics.messagesIn(1);
        metrics.bytesIn(5);
        metrics.messagesOut(4);
        metrics.bytesOut(40);
        metrics.error();
        metrics.slowConsumerDropped();
        metrics.acceptFailed();
        metrics.connectionRefused();
        metrics.connectionRefused();

        assertEquals(2, metrics.connectionsAccepted());
        assertEquals(1, metrics.connectionsOpen());
        MetricsSnapshot s = metrics.snapshot("stats", "test");
        assertEquals("stats", s.type());
        assertEquals("test", s.server());
        assertEquals(1, s.connectionsOpen());
        assertEquals(2, s.connectionsAccepted());
        assertEquals(1, s.connectionsClosed());
        assertEquals(4, s.messagesIn());
        assertEquals(35, s.bytesIn());
        assertEquals(4, s.messagesOut());
        assertEquals(40, s.bytesOut());
        assertEquals(1, s.errors());
        assertEquals(1, s.slowConsumerDrops());
        assertEquals(1, s.acceptFailures());
        assertEquals(2, s.connectionsRefused(), "refused connections are counted apart");
        assertTrue(s.heapUsedBytes() > 0);
        assertTrue(s.liveThreads() > 0);
    }

    @Test
    void snapshotIsOneLineOfJsonWithTheStableFieldNames() throws Exception {
        MetricsSnapshot s = new ServerMetrics().snapshot("final", "vt");
        String line = s.toJson();
        assertTrue(!line.contains("\n"), line);
        JsonNode json = new ObjectMapper().readTree(line);
        for (String field : List.of("type", "server", "uptimeMillis", "connectionsOpen", "connectionsAccepted",
                "connectionsClosed", "messagesIn", "messagesOut", "bytesIn", "bytesOut", "errors",
                "slowConsumerDrops", "acceptFailures", "heapUsedBytes", "liveThreads", "connectionsRefused")) {
            assertTrue(json.has(field), "missing " + field + " in " + line);
        }
        assertEquals("final", json.get("type").asText());
        assertEquals(s, MetricsSnapshot.fromJson(line));
    }
}
