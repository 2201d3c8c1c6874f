package io.vtnio.compare.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.result.HistogramRange;
import io.vtnio.loadgen.result.IntervalLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare reads the latency and the service time of both forms of {@code --hlog} file: the old
 * form (latency tagged {@code latency}), the generator's checked-in {@code old-form.hlog} of 400
 * requests, and today's (latency untagged, service tagged).
 */
class IntervalLogFileTest {

    /** The generator's test resource, read where it lies (tests run in the module's directory). */
    private static final Path OLD_FORM = Path.of("../loadgen/src/test/resources/io/vtnio/loadgen/result/old-form.hlog");
    private static final long OLD_FORM_REQUESTS = 400;

    @TempDir
    Path dir;

    @Test
    void readsTheLatencyOfBothForms() throws Exception {
        assertTrue(Files.readString(OLD_FORM).contains("\nTag=latency,"), "the resource is of the old form");
        List<IntervalLogFile.Interval> old = IntervalLogFile.read(OLD_FORM);
        assertEquals(OLD_FORM_REQUESTS, IntervalLogFile.merge(old, IntervalLogFile.LATENCY).getTotalCount());
        assertEquals(OLD_FORM_REQUESTS, IntervalLogFile.merge(old, IntervalLogFile.SERVICE).getTotalCount());

        Path fresh = dir.resolve("new-form.hlog");
        Histogram latency = HistogramRange.newHistogram();
        Histogram service = HistogramRange.newHistogram();
        latency.recordValueWithCount(700, 7);
        service.recordValueWithCount(300, 3);
        try (IntervalLog log = IntervalLog.create(fresh, "new form")) {
            log.write(latency, service, 1_000, 2_000);
        }
        List<IntervalLogFile.Interval> intervals = IntervalLogFile.read(fresh);
        assertEquals(7, IntervalLogFile.merge(intervals, IntervalLogFile.LATENCY).getTotalCount());
        assertEquals(3, IntervalLogFile.merge(intervals, IntervalLogFile.SERVICE).getTotalCount());
    }
}
