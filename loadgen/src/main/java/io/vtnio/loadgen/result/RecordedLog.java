package io.vtnio.loadgen.result;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * One interval log read back with HdrHistogram's {@link HistogramLogReader}: every interval,
 * the sums of latency (untagged, or tagged {@code latency} in logs written before latency went
 * untagged) and of service time (tag {@code service}), the time the intervals span, and the {@link LoadSummary} a vtnio run
 * leaves in its last line, or null for logs of other tools.
 *
 * <p>Threading: immutable once read; the histograms must not be modified.
 */
public record RecordedLog(Path file, Histogram latency, Histogram service, List<Histogram> intervals,
                   long firstStartMs, long lastEndMs, LoadSummary summary) {

    /**
     * Reads {@code file}.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws IOException         if it cannot be read or is not an integer-valued histogram log
     */
    public static RecordedLog read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Histogram latency = autoResizing();
        Histogram service = autoResizing();
        List<Histogram> intervals = new ArrayList<>();
        long firstStartMs = Long.MAX_VALUE;
        long lastEndMs = Long.MIN_VALUE;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (!(next instanceof Histogram interval)) {
                    throw new IOException(file + ": holds floating-point histograms; merge reads integer ones (microseconds)");
                }
                if (IntervalLog.LEGACY_LATENCY_TAG.equals(interval.getTag())) {
                    // Old-form latency becomes untagged, so a log written from these is new-form.
                    interval.setTag(null);
                }
                intervals.add(interval);
                firstStartMs = Math.min(firstStartMs, interval.getStartTimeStamp());
                lastEndMs = Math.max(lastEndMs, interval.getEndTimeStamp());
                if (IntervalLog.SERVICE_TAG.equals(interval.getTag())) {
                    service.add(interval);
                } else if (interval.getTag() == null) {
                    latency.add(interval);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable HdrHistogram interval log (" + e + ")", e);
        }
        return new RecordedLog(file, latency, service, intervals, firstStartMs, lastEndMs, readSummary(file));
    }

    /**
     * Why {@code file} cannot be an HdrHistogram interval log, or null if it may be one. Such a
     * log's lines start with {@code #} (comments, header), {@code "} (the legend), {@code Tag=}
     * or a digit (intervals); HdrHistogram's reader skips any other line silently, so a JSON
     * summary or an .hgrm would read as a log with no requests.
     */
    public static String notAnIntervalLog(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String start = line.strip();
                if (start.isEmpty()) {
                    continue;
                }
                char first = start.charAt(0);
                if (first == '#' || first == '"' || start.startsWith("Tag=") || Character.isDigit(first)) {
                    return null;
                }
                return first >= ' ' && first < 127 ? "it starts with '" + first + "'"
                        : String.format("it starts with byte 0x%02x", (int) first);
            }
        }
        return "it is empty";
    }

    private static Histogram autoResizing() {
        Histogram histogram = HistogramRange.newHistogram();
        histogram.setAutoResize(true);
        return histogram;
    }

    private static LoadSummary readSummary(Path file) throws IOException {
        String prefix = "#" + IntervalLog.SUMMARY_PREFIX;
        String found = null;
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith(prefix) && line.endsWith("]")) {
                    found = line.substring(prefix.length(), line.length() - 1);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return found == null ? null : SummaryJson.fromJson(found);
    }

    /** Seconds the log's measurement lasted: the run's own figure if known, else the intervals' span. */
    double durationSeconds() {
        if (summary != null) {
            return summary.figures().durationSeconds();
        }
        return intervals.isEmpty() ? 0.0 : (lastEndMs - firstStartMs) / 1000.0;
    }
}
