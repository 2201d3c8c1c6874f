package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.loadgen.run.Shard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void mergeAddsCountsExactlyAndKeepsTheWorstLatency() throws Exception {
        Path firstLog = dir.resolve("a.hlog");
        Path secondLog = dir.resolve("b.hlog");
        Path firstJson = dir.resolve("a.json");
        Path secondJson = dir.resolve("b.json");
        Path merged = dir.resolve("merged.json");
        Path mergedHgrm = dir.resolve("merged.hgrm");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun first = CommandRun.load(server, "--connections", "3", "--duration", "1s",
                    "--hlog", firstLog.toString(), "--json", firstJson.toString());
            CommandRun second = CommandRun.load(server, "--connections", "5", "--rate", "500",
                    "--duration", "1s", "--hlog", secondLog.toString(), "--json", secondJson.toString());
            first.assertExit(0);
            second.assertExit(0);
        }
        CommandRun run = CommandRun.of("merge", firstLog.toString(), secondLog.toString(), "--json", merged.toString(),
                "--hgrm", mergedHgrm.toString(), "--label", "both");
        assertEquals(0, run.exitCode(), run::toString);

        JsonNode a = JSON.readTree(firstJson.toFile());
        JsonNode b = JSON.readTree(secondJson.toFile());
        JsonNode m = JSON.readTree(merged.toFile());
        assertEquals(a.get("requests").asLong() + b.get("requests").asLong(), m.get("requests").asLong());
        assertEquals(8, m.get("connections").asInt());
        assertEquals(2, m.get("processes").asInt());
        assertEquals("both", m.get("server").asText());
        assertEquals("echo", m.get("mode").asText());
        assertEquals("mixed", m.get("model").asText());
        assertEquals(500.0, m.get("targetRatePerSec").asDouble());
        assertEquals(Math.max(a.get("latencyMicros").get("max").asLong(), b.get("latencyMicros").get("max").asLong()),
                m.get("latencyMicros").get("max").asLong());
        assertEquals(a.get("throughputPerSec").asDouble() + b.get("throughputPerSec").asDouble(),
                m.get("throughputPerSec").asDouble(), 0.01);
        assertTrue(Files.readString(mergedHgrm).contains("#[Max     ="), "hgrm footer");
    }

    @Test
    void processesSplitTheRunAndTheirCountsAddUpExactly() throws Exception {
        Path json = dir.resolve("split.json");
        Path hlog = dir.resolve("split.hlog");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun run = CommandRun.of("load", "--port", Integer.toString(server.port()), "--connections", "5",
                    "--processes", "2", "--rate", "1000", "--duration", "1s", "--warmup", "500ms",
                    "--json", json.toString(), "--hlog", hlog.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.err().contains("[shard 0/2]") && run.err().contains("[shard 1/2]"), run::toString);
            assertTrue(run.out().contains("2 processes merged"), run::toString);
        }
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(5, summary.get("connections").asInt(), "3 + 2 connections");
        assertEquals(2, summary.get("processes").asInt());
        assertEquals(1000.0, summary.get("targetRatePerSec").asDouble(), 1e-6, "600 + 400 a second");
        assertEquals(0, summary.get("errors").asLong());
        Histogram[] fromLog = EchoLoadTest.readTotals(hlog);
        assertEquals(summary.get("requests").asLong(), fromLog[0].getTotalCount(),
                "the merged log holds every interval of both processes");
        double throughput = summary.get("throughputPerSec").asDouble();
        assertTrue(throughput > 700 && throughput < 1300, "throughput " + throughput);

        CommandRun remerged = CommandRun.of("merge", hlog.toString());
        assertEquals(0, remerged.exitCode(), remerged::toString);
        assertTrue(remerged.out().contains(String.format("%,d", summary.get("requests").asLong())), remerged::toString);
    }

    @Test
    void processesHandTheirChildrenTheArgumentsAsTypedInEveryForm() throws Exception {
        Path json = dir.resolve("typed.json");
        Path hgrm = dir.resolve("typed.hgrm");
        // The suffix reaches the children only through the @file: a child that missed it would
        // expect the default suffix and count every reply as wrong.
        Path argsFile = dir.resolve("load.args");
        Files.writeString(argsFile, "--suffix=?\n-c4\n--duration=1s\n");
        try (TestServer server = TestServer.echo("?")) {
            CommandRun run = CommandRun.of("load", "--port=" + server.port(), "@" + argsFile, "--warmup", "300ms",
                    "--processes=2", "--json=" + json, "--hgrm", hgrm.toString(), "--label=typed");
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.err().contains("[shard 0/2]") && run.err().contains("[shard 1/2]"), run::toString);
        }
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(4, summary.get("connections").asInt(), "2 + 2 connections");
        assertEquals(2, summary.get("processes").asInt());
        assertEquals("typed", summary.get("server").asText());
        assertEquals(0, summary.get("errors").asLong());
        assertTrue(summary.get("requests").asLong() > 0, summary::toString);
        assertTrue(Files.readString(hgrm).contains("#[Max     ="), "the parent wrote the merged hgrm");
    }

    @Test
    void mergeReportsErrorsOfTheMergedRunsWithExitOne() throws Exception {
        Path log = dir.resolve("bad.hlog");
        Path json = dir.resolve("bad.json");
        try (TestServer server = TestServer.echo("?")) {
            CommandRun.load(server, "--connections", "2", "--duration", "500ms",
                    "--hlog", log.toString(), "--json", json.toString()).assertExit(1);
        }
        // Each connection fails, is reopened and fails again: as many errors as the run counted.
        long errors = new ObjectMapper().readTree(json.toFile()).get("errors").asLong();
        assertTrue(errors >= 2, "errors " + errors);
        CommandRun merged = CommandRun.of("merge", log.toString());
        assertEquals(1, merged.exitCode(), merged::toString);
        assertTrue(merged.out().contains("errors " + errors), merged::toString);
    }

    @Test
    void shardsOfOneRunAddUpToTheWhole() {
        int connections = 17;
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            Shard shard = new Shard(i, 5);
            assertEquals(sum, shard.offset(connections));
            sum += shard.share(connections);
        }
        assertEquals(connections, sum);
    }
}
