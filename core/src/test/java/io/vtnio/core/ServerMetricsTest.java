package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
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
        assertTrue(s.heapUsedBytes() > 0 && s.heapUsedBytes() <= Runtime.getRuntime().totalMemory(),
                "heap used: total less free, " + s.heapUsedBytes());
        assertTrue(s.liveThreads() > 0);
    }

    @Test
    void uptimeIsTheWholeMillisecondsSinceTheMetricsWereCreated() {
        long before = System.nanoTime();
        ServerMetrics metrics = new ServerMetrics();
        long uptimeMillis = metrics.snapshot("stats", "test").uptimeMillis();
        long atMostMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(uptimeMillis >= 0 && uptimeMillis <= atMostMillis, uptimeMillis + " ms, at most " + atMostMillis);
    }

    @Test
    void compileMillisIsTheJitsTotalSoFar() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long before = jit.getTotalCompilationTime();
        long reported = ServerMetrics.compileMillis();
        long after = jit.getTotalCompilationTime();
        assertTrue(before <= reported && reported <= after, before + " <= " + reported + " <= " + after);
    }

    @Test
    void snapshotIsOneLineOfJsonWithTheStableFieldNames() throws Exception {
        MetricsSnapshot s = new ServerMetrics().snapshot("final", "vt");
        String line = s.toJson();
        assertTrue(!line.contains("\n"), line);
        JsonNode json = new ObjectMapper().readTree(line);
        for (String field : List.of("type", "server", "uptimeMillis", "connectionsOpen", "connectionsAccepted",
                "connectionsClosed", "messagesIn", "messagesOut", "bytesIn", "bytesOut", "errors",
                "slowConsumerDrops", "acceptFailures", "heapUsedBytes", "liveThreads", "connectionsRefused",
                "compileMillis", "allocatedBytes", "cpuMillis")) {
            assertTrue(json.has(field), "missing " + field + " in " + line);
        }
        assertEquals("final", json.get("type").asText());
        assertEquals(s, MetricsSnapshot.fromJson(line));
    }

    @Test
    void snapshotCarriesTheJvmsCompilationTimeAndItRoundTrips() throws Exception {
        MetricsSnapshot s = new ServerMetrics().snapshot("stats", "vt");
        // The tests run on HotSpot, whose JIT times its compilations; -1 would mean "not reported".
        assertTrue(s.compileMillis() >= 0, s.toJson());
        JsonNode json = new ObjectMapper().readTree(s.toJson());
        assertEquals(s.compileMillis(), json.get("compileMillis").asLong());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals("compileMillis", names.get(names.size() - 3), "new fields come last: " + s.toJson());
        assertEquals(s.compileMillis(), MetricsSnapshot.fromJson(s.toJson()).compileMillis());
    }

    @Test
    void aLineWithoutCompileMillisReadsAsUnknownNotZero() throws Exception {
        String older = """
                {"type":"stats","server":"vt","uptimeMillis":250,"connectionsOpen":1,"connectionsAccepted":1,\
                "connectionsClosed":0,"messagesIn":3,"messagesOut":3,"bytesIn":30,"bytesOut":36,"errors":0,\
                "slowConsumerDrops":0,"acceptFailures":0,"heapUsedBytes":1000,"liveThreads":9,\
                "connectionsRefused":0}""";
        MetricsSnapshot s = MetricsSnapshot.fromJson(older);
        assertEquals(MetricsSnapshot.UNKNOWN, s.compileMillis());
        assertEquals(MetricsSnapshot.UNKNOWN, s.allocatedBytes(), "an older line has no allocation count, not 0");
        assertEquals(MetricsSnapshot.UNKNOWN, s.cpuMillis(), "an older line has no CPU time, not 0");
        assertEquals(3, s.messagesOut(), "the other fields read as before");
        assertEquals(0, MetricsSnapshot.fromJson(older.replace("}", ",\"compileMillis\":0}")).compileMillis(),
                "a reported 0 stays 0");
    }

    @Test
    void cpuMillisIsTheProcessesCpuTimeAndGrowsWithWork() throws Exception {
        long before = new ServerMetrics().snapshot("stats", "vt").cpuMillis();
        assertTrue(before >= 0, "HotSpot on Linux reports the process's CPU time");
        // Spin until this thread alone has used 150 ms of CPU, however busy the machine is.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long spinUntilNs = threads.getCurrentThreadCpuTime() + 150_000_000L;
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < spinUntilNs) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        long after = new ServerMetrics().snapshot("stats", "vt").cpuMillis();
        assertTrue(after - before >= 140, "this thread's 150 ms of CPU show (sink " + sink + "): " + before + " -> "
                + after);
        MetricsSnapshot line = new ServerMetrics().snapshot("stats", "vt");
        assertEquals(line.cpuMillis(), MetricsSnapshot.fromJson(line.toJson()).cpuMillis(), "it round-trips");
        assertEquals("cpuMillis", new ArrayList<>(names(line)).getLast(), "new fields come last");
    }

    @Test
    void allocatedBytesCountsWhatEndedVirtualThreadsAllocated() throws Exception {
        long before = new ServerMetrics().snapshot("stats", "vt").allocatedBytes();
        assertTrue(before >= 0, "HotSpot counts allocation: " + before);
        Thread[] threads = new Thread[16];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                for (int j = 0; j < 256; j++) {
                    sink = new byte[4096];
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        MetricsSnapshot after = new ServerMetrics().snapshot("stats", "vt");
        long allocated = after.allocatedBytes() - before;
        // 16 x 256 x 4 KiB = 16 MiB, by threads that have all ended before the second look.
        assertTrue(allocated >= 16L * 256 * 4096, allocated + " bytes, expected at least 16 MiB");
        List<String> fields = new ArrayList<>(names(after));
        assertEquals("allocatedBytes", fields.get(fields.size() - 2), "new fields come last");
        assertEquals(after.allocatedBytes(), MetricsSnapshot.fromJson(after.toJson()).allocatedBytes());
    }

    private static volatile Object sink;

    private static List<String> names(MetricsSnapshot snapshot) throws Exception {
        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(snapshot.toJson()).fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aLineThatIsNotJsonStillFailsToParse() {
        assertThrows(JsonProcessingException.class, () -> MetricsSnapshot.fromJson("listening 127.0.0.1:8001"));
        assertThrows(JsonProcessingException.class, () -> MetricsSnapshot.fromJson("[1, 2]"));
    }
}
