package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.loadgen.result.HistogramRange;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void closedModelVerifiesEveryReplyAndWritesEveryFile() throws Exception {
        Path json = dir.resolve("run.json");
        Path hgrm = dir.resolve("run.hgrm");
        Path hlog = dir.resolve("run.hlog");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "20",
                    "--duration", "2s", "--warmup", "500ms", "--label", "test-echo",
                    "--json", json.toString(), "--hgrm", hgrm.toString(), "--hlog", hlog.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("requests"), run::toString);
            assertTrue(run.err().contains("measure"), "progress lines on stderr: " + run);

            JsonNode summary = JSON.readTree(json.toFile());
            assertEquals("vtnio", summary.get("tool").asText());
            assertEquals("echo", summary.get("mode").asText());
            assertEquals("closed", summary.get("model").asText());
            assertEquals("test-echo", summary.get("server").asText());
            assertEquals(20, summary.get("connections").asInt());
            assertEquals(0, summary.get("errors").asLong());
            assertTrue(summary.get("targetRatePerSec").isNull());
            long requests = summary.get("requests").asLong();
            assertTrue(requests > 100, "requests " + requests);
            assertTrue(server.messages() >= requests, "the server saw every request");
            double seconds = summary.get("durationSeconds").asDouble();
            assertTrue(seconds >= 1.9 && seconds < 3, "durationSeconds " + seconds);
            // requests also counts the drain's replies (those in flight at the stop), throughput only the window's.
            double throughput = summary.get("throughputPerSec").asDouble();
            assertTrue(requests / seconds >= throughput * 0.99 && requests / seconds <= throughput * 1.03,
                    requests + " requests in " + seconds + " s against " + throughput + "/s");
            JsonNode latency = summary.get("latencyMicros");
            assertTrue(latency.get("p50").asLong() <= latency.get("p99").asLong());
            assertTrue(latency.get("p99").asLong() <= latency.get("max").asLong());
            assertEquals(latency, summary.get("serviceTimeMicros"), "closed model: latency is service time");

            assertTrue(Files.readString(hgrm).contains("Value     Percentile TotalCount"), "hgrm is HdrHistogram's format");

            Histogram[] fromLog = readTotals(hlog);
            assertEquals(requests, fromLog[0].getTotalCount(), "interval log latency adds up to the run's requests");
            assertEquals(requests, fromLog[1].getTotalCount(), "interval log service adds up to the run's requests");
            assertEquals(latency.get("max").asLong(), fromLog[0].getMaxValue());
        }
    }

    @Test
    void jsonHasTheSpecFieldsFirstAndInOrder() throws Exception {
        Path json = dir.resolve("order.json");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun.load(server, "--connections", "2", "--duration", "1s", "--json", json.toString()).assertExit(0);
        }
        List<String> names = new ArrayList<>();
        Iterator<String> fields = JSON.readTree(json.toFile()).fieldNames();
        fields.forEachRemaining(names::add);
        assertEquals(List.of("tool", "version", "mode", "model", "server", "connections", "durationSeconds",
                "requests", "errors", "throughputPerSec", "targetRatePerSec", "latencyMicros", "serviceTimeMicros"),
                names.subList(0, 13));
        JsonNode summary = JSON.readTree(json.toFile());
        assertTrue(summary.get("server").isNull());
        List<String> statNames = new ArrayList<>();
        summary.get("latencyMicros").fieldNames().forEachRemaining(statNames::add);
        assertEquals(List.of("p50", "p90", "p99", "p999", "max", "mean"), statNames);
    }

    @Test
    void pipelineKeepsSeveralRequestsInFlightAndStillChecksOrder() throws Exception {
        Path json = dir.resolve("pipeline.json");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun.load(server, "--connections", "4", "--pipeline", "16", "--payload", "100", "--duration", "1s",
                    "--json", json.toString()).assertExit(0);
        }
        assertTrue(JSON.readTree(json.toFile()).get("requests").asLong() > 100);
    }

    @Test
    void openModelDrivesRoughlyTheAskedRateAndReportsServiceTimeApart() throws Exception {
        Path json = dir.resolve("open.json");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "10",
                    "--rate", "2000", "--duration", "2s", "--warmup", "500ms", "--json", json.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("target 2,000.0/s"), run::toString);
        }
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals("open", summary.get("model").asText());
        assertEquals(2000.0, summary.get("targetRatePerSec").asDouble());
        double throughput = summary.get("throughputPerSec").asDouble();
        assertTrue(throughput > 1500 && throughput < 2500, "throughput " + throughput);
        assertTrue(summary.get("latencyMicros").get("max").asLong()
                >= summary.get("serviceTimeMicros").get("p50").asLong());
    }

    @Test
    void connectionsSpreadOverPortsAndSourceAddresses() throws Exception {
        try (TestServer first = TestServer.echo("好"); TestServer second = TestServer.echo("好")) {
            CommandRun.load(first, "--port", Integer.toString(second.port()), "--bind", "127.0.0.1", "--bind", "127.0.0.2",
                    "--connections", "4", "--connect-rate", "100", "--duration", "1s").assertExit(0);
            assertTrue(first.messages() > 0 && second.messages() > 0, "both ports got load");
            List<InetAddress> sources = new ArrayList<>(first.clientAddresses());
            sources.addAll(second.clientAddresses());
            assertTrue(sources.contains(InetAddress.getByName("127.0.0.2")), "bound source address used: " + sources);
        }
    }

    @Test
    void aServerStallIsInTheLatencyOfEveryMessageScheduledDuringItNotJustOne() throws Exception {
        Path hlog = dir.resolve("stall.hlog");
        try (TestServer server = TestServer.echo("好").stallingOnceAfter(100, 600)) {
            CommandRun.load(server, "--connections", "1", "--rate", "200", "--duration", "2s", "--hlog", hlog.toString())
                    .assertExit(0);
        }
        Histogram latency = readTotals(hlog)[0];
        // 200 a second for 600 ms: about 120 messages were due during the stall, half of them at
        // least 300 ms before it ended. A generator that waited for the server (coordinated
        // omission) would record the stall once.
        long delayed = latency.getCountBetweenValues(300_000, HistogramRange.HIGHEST_MICROS);
        assertTrue(delayed >= 40, "messages that waited out the stall: " + delayed);
        assertTrue(latency.getMaxValue() >= 500_000, "max " + latency.getMaxValue());
    }

    /** Latency and service totals of an interval log, read back with HdrHistogram's own reader. */
    static Histogram[] readTotals(Path hlog) throws IOException {
        Histogram latency = HistogramRange.newHistogram();
        Histogram service = HistogramRange.newHistogram();
        int intervals = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                intervals++;
                Histogram interval = (Histogram) next;
                assertTrue(interval.getEndTimeStamp() >= interval.getStartTimeStamp());
                if ("service".equals(interval.getTag())) {
                    service.add(interval);
                } else {
                    assertNull(interval.getTag(), "latency is untagged, for HdrHistogram's own tools");
                    latency.add(interval);
                }
            }
        }
        assertTrue(intervals >= 2, "intervals " + intervals);
        return new Histogram[] {latency, service};
    }
}
