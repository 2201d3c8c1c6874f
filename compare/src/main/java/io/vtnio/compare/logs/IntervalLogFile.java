package io.vtnio.compare.logs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads a generator's {@code --hlog} (an HdrHistogram interval log, one latency and one
 * {@code service} histogram a measured second) with HdrHistogram's own
 * {@link HistogramLogReader}. Latency is untagged in the logs of this version and tagged
 * {@code latency} in older ones; both come back as {@link #LATENCY}.
 *
 * <pre>{@code
 * List<IntervalLogFile.Interval> intervals = IntervalLogFile.read(Path.of("run.hlog"));
 * Histogram all = IntervalLogFile.merge(intervals, IntervalLogFile.LATENCY);
 * }</pre>
 *
 * <p>Threading: stateless.
 */
public final class IntervalLogFile {

    /** The tag latency intervals get here, whether the log left them untagged or tagged them so. */
    public static final String LATENCY = "latency";
    public static final String SERVICE = "service";

    /**
     * One interval of one tag.
     *
     * @param startMs wall-clock start, milliseconds since the epoch
     * @param endMs   wall-clock end
     */
    public record Interval(String tag, long startMs, long endMs, Histogram histogram) {

        public long count() {
            return histogram.getTotalCount();
        }
    }

    private IntervalLogFile() {
    }

    /** Every interval in file order; empty for a log without intervals. */
    public static List<Interval> read(Path file) throws IOException {
        List<Interval> intervals = new ArrayList<>();
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(file.toFile());
        } catch (FileNotFoundException e) {
            throw new IOException("no interval log at " + file, e);
        }
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (next instanceof Histogram histogram) {
                    intervals.add(new Interval(histogram.getTag() == null ? LATENCY : histogram.getTag(),
                            histogram.getStartTimeStamp(), histogram.getEndTimeStamp(), histogram));
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read interval log " + file + ": " + e.getMessage(), e);
        } finally {
            reader.close();
        }
        return intervals;
    }

    /** The intervals of one tag. */
    public static List<Interval> tagged(List<Interval> intervals, String tag) {
        return intervals.stream().filter(interval -> interval.tag().equals(tag)).toList();
    }

    /** All intervals of {@code tag} added into one histogram (microseconds, 3 significant digits). */
    public static Histogram merge(List<Interval> intervals, String tag) {
        Histogram merged = new Histogram(3);
        for (Interval interval : intervals) {
            if (interval.tag().equals(tag)) {
                merged.add(interval.histogram());
            }
        }
        return merged;
    }
}
