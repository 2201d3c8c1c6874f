package io.vtnio.loadgen.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.loadgen.CommandRun;
import io.vtnio.loadgen.TestServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --hlog} file as HdrHistogram's own tools see it (latency untagged, service tagged),
 * and the old form (latency tagged {@code latency}, the checked-in {@code old-form.hlog} written
 * by the version before: 400 requests at 200/s, max 12,663 µs) still read by merge (compare reads it too: {@code IntervalLogFileTest} in the compare module).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HdrHistogramToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOTAL_COUNT = Pattern.compile("Total count\\s*=\\s*(\\d+)");
    private static final long OLD_FORM_REQUESTS = 400;

    @TempDir
    Path dir;

    @Test
    void hdrHistogramsOwnProcessorReadsAFreshLogWithNoFlags() throws Exception {
        Path hlog = dir.resolve("run.hlog");
        Path json = dir.resolve("run.json");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun.load(server, "--connections", "3", "--rate", "300", "--duration", "2s", "--hlog", hlog.toString(),
                    "--json", json.toString()).assertExit(0);
        }
        long requests = JSON.readTree(json.toFile()).get("requests").asLong();
        assertTrue(requests > 0, "requests " + requests);

        assertEquals(requests, processorTotalCount(hlog, "plain"), "latency, untagged: no -tag needed");
        assertEquals(requests, processorTotalCount(hlog, "service", "-tag", "service"), "service time, tag service");
    }

    @Test
    void mergeReadsALogOfTheOldFormWhoseLatencyIsTagged() throws Exception {
        Path old = oldFormLog();
        assertTrue(Files.readString(old).contains("\nTag=latency,"), "the resource is of the old form");
        Path json = dir.resolve("merged.json");
        CommandRun run = CommandRun.of("merge", old.toString(), "--json", json.toString());
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode merged = JSON.readTree(json.toFile());
        assertEquals(OLD_FORM_REQUESTS, merged.get("requests").asLong());
        assertEquals(12_663, merged.get("latencyMicros").get("max").asLong());
        assertEquals(11_527, merged.get("serviceTimeMicros").get("max").asLong());
        assertEquals("old-form", merged.get("server").asText());
    }

    @Test
    void oldAndNewFormsMergeTogetherIntoANewFormLog() throws Exception {
        Path fresh = dir.resolve("fresh.hlog");
        Path freshJson = dir.resolve("fresh.json");
        try (TestServer server = TestServer.echo("好")) {
            CommandRun.load(server, "--connections", "2", "--duration", "1s", "--hlog", fresh.toString(),
                    "--json", freshJson.toString()).assertExit(0);
        }
        long freshRequests = JSON.readTree(freshJson.toFile()).get("requests").asLong();
        LogMerge.Merged merged = LogMerge.merge(List.of(RecordedLog.read(oldFormLog()), RecordedLog.read(fresh)), null);
        assertEquals(OLD_FORM_REQUESTS + freshRequests, merged.summary().figures().requests());

        // What load --processes writes from merged logs: the old form's latency comes out untagged.
        Path written = dir.resolve("both.hlog");
        try (IntervalLog log = IntervalLog.create(written, "both")) {
            log.writeAll(merged.intervals(), merged.firstStartMs());
        }
        assertTrue(!Files.readString(written).contains("Tag=latency"), "no old-form tag written");
        assertEquals(OLD_FORM_REQUESTS + freshRequests, processorTotalCount(written, "both"));
    }

    @Test
    void mergeRefusesAFileThatIsNotAnIntervalLog() throws Exception {
        Path json = dir.resolve("run.json");
        Files.writeString(json, "{\"tool\":\"vtnio\",\"requests\":5}\n");
        CommandRun run = CommandRun.of("merge", json.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(json + " is not an HdrHistogram interval log (it starts with '{'); give the --hlog files of load",
                run.err().lines().findFirst().orElseThrow(), run::toString);
        assertTrue(run.out().isEmpty(), "no summary for a file that is not a log: " + run);
        assertNull(RecordedLog.notAnIntervalLog(oldFormLog()), "the old form is a log");
    }

    /** Runs HdrHistogram's own processor as its command line would, returns the .hgrm's total count. */
    private long processorTotalCount(Path hlog, String name, String... extra) throws Exception {
        Path out = dir.resolve(name + "-processed");
        String[] args = new String[4 + extra.length];
        args[0] = "-i";
        args[1] = hlog.toString();
        args[2] = "-o";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        new HistogramLogProcessor(args).run();
        String hgrm = Files.readString(Path.of(out + ".hgrm"));
        Matcher total = TOTAL_COUNT.matcher(hgrm);
        assertTrue(total.find(), hgrm);
        return Long.parseLong(total.group(1));
    }

    private Path oldFormLog() throws Exception {
        Path copy = dir.resolve("old-form.hlog");
        if (!Files.exists(copy)) {
            try (InputStream in = HdrHistogramToolsTest.class.getResourceAsStream("old-form.hlog")) {
                Files.copy(in, copy);
            }
        }
        return copy;
    }
}
