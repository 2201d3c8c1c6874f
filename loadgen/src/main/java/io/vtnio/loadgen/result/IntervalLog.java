package io.vtnio.loadgen.result;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The {@code --hlog} file: an HdrHistogram interval log written with HdrHistogram's own
 * {@link HistogramLogWriter}, one latency and one service-time histogram per measured interval
 * (values in microseconds), warm-up left out. Latency is written untagged, as jHiccup and
 * wrk2-style logs are, so that HdrHistogram's own {@code HistogramLogProcessor -i FILE} reads it
 * with no flags; service time carries the tag {@value #SERVICE_TAG}. Logs written before that
 * tagged latency {@value #LEGACY_LATENCY_TAG}; every reader here takes both. The log ends with a
 * comment line {@code #[vtnio-summary {...}]} holding the run's {@link LoadSummary};
 * HdrHistogram's reader skips it, {@code merge} reads it.
 *
 * <p>A sweep ({@code load --rates}) tags every interval with its step instead: latency
 * {@code step3}, service time {@code step3-service}, so that {@code HistogramLogProcessor -i FILE
 * -tag step3} gives step 3's latency; a comment {@code #[vtnio-step 3 offered 20000/s]} comes
 * before each step's first interval.
 *
 * <pre>{@code
 * try (IntervalLog log = IntervalLog.create(path, "vtnio load echo ...")) {
 *     log.write(latency, service, startWallMs, endWallMs);   // once a second
 *     log.writeSummary(summary);
 * }
 * }</pre>
 *
 * <p>Threading: one writer thread (the reporter).
 */
public final class IntervalLog implements Closeable {

    /** The latency tag of logs written before latency went untagged; read, never written. */
    static final String LEGACY_LATENCY_TAG = "latency";
    static final String SERVICE_TAG = "service";
    /** Start of the comment that carries the summary, after HdrHistogram's {@code #}. */
    static final String SUMMARY_PREFIX = "[vtnio-summary ";

    private final PrintStream stream;
    private final HistogramLogWriter writer;
    private final String description;
    private boolean headerWritten;
    private int lastStep;

    private IntervalLog(PrintStream stream, String description) {
        this.stream = stream;
        this.writer = new HistogramLogWriter(stream);
        this.description = description;
    }

    /** Creates (or truncates) {@code file}. */
    public static IntervalLog create(Path file, String description) throws IOException {
        PrintStream stream = new PrintStream(new BufferedOutputStream(new FileOutputStream(file.toFile())),
                false, StandardCharsets.UTF_8);
        return new IntervalLog(stream, description);
    }

    private void writeHeader(long startWallMs) {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        writer.outputComment(description);
        writer.outputComment("[values in microseconds; untagged: latency (from scheduled send); tag service: service time (from actual send); warm-up not included]");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startWallMs);
        writer.setBaseTime(startWallMs);
        writer.outputLegend();
    }

    /** Appends one interval; the histograms get the interval's timestamps and tags. */
    public void write(Histogram latency, Histogram service, long startWallMs, long endWallMs) {
        writeHeader(startWallMs);
        writeTagged(latency, null, startWallMs, endWallMs);
        writeTagged(service, SERVICE_TAG, startWallMs, endWallMs);
        stream.flush();
    }

    /**
     * Appends intervals read from other logs (by {@link RecordedLog}, which drops the old
     * {@value #LEGACY_LATENCY_TAG} tag) as they are, timestamps and tags kept; the header's start
     * time is {@code startWallMs}, which must not be after any of them.
     */
    public void writeAll(List<Histogram> intervals, long startWallMs) {
        writeHeader(startWallMs);
        for (Histogram interval : intervals) {
            writer.outputIntervalHistogram(interval);
        }
        stream.flush();
    }

    /**
     * Appends one interval of sweep step {@code step}, tagged {@code stepN} (latency) and
     * {@code stepN-service}; the step's first interval is preceded by its comment.
     */
    public void writeStep(int step, double offeredPerSec, Histogram latency, Histogram service, long startWallMs,
                          long endWallMs) {
        writeHeader(startWallMs);
        if (step != lastStep) {
            lastStep = step;
            writer.outputComment(String.format(Locale.ROOT, "[vtnio-step %d offered %.0f/s]", step,
                    offeredPerSec));
        }
        writeTagged(latency, stepTag(step), startWallMs, endWallMs);
        writeTagged(service, stepTag(step) + "-" + SERVICE_TAG, startWallMs, endWallMs);
        stream.flush();
    }

    /** The latency tag of sweep step {@code step}. */
    public static String stepTag(int step) {
        return "step" + step;
    }

    /** @param tag null to write the histogram untagged */
    private void writeTagged(Histogram histogram, String tag, long startWallMs, long endWallMs) {
        histogram.setStartTimeStamp(startWallMs);
        histogram.setEndTimeStamp(endWallMs);
        histogram.setTag(tag);
        writer.outputIntervalHistogram(histogram);
        histogram.setTag(null);
    }

    /** Appends the summary line {@code merge} reads; writes the header first if no interval came. */
    public void writeSummary(LoadSummary summary) {
        writeHeader(System.currentTimeMillis());
        writer.outputComment(SUMMARY_PREFIX + SummaryJson.toLine(summary) + "]");
        stream.flush();
    }

    @Override
    public void close() throws IOException {
        writeHeader(System.currentTimeMillis());
        stream.flush();
        boolean failed = stream.checkError();
        stream.close();
        if (failed) {
            throw new IOException("writing the interval log failed");
        }
    }
}
