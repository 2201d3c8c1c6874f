package io.vtnio.compare.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code perf stat -x, -I MS}: one line per event and interval,
 * {@code SECONDS,COUNT,UNIT,EVENT,RUN_TIME,PERCENT,...}, where {@code SECONDS} is the end of the
 * interval since perf started counting. {@code <not counted>} means the task did not run in that
 * interval (no system call either: 0); {@code <not supported>} means the event cannot be counted
 * here. Comment lines ({@code #}) and blank lines are skipped.
 *
 * <pre>{@code
 * PerfStatCsv csv = PerfStatCsv.parse(text);
 * Map<String, Double> counts = csv.countsBetween(2.0, 7.0);   // seconds since perf started
 * }</pre>
 *
 * <p>Threading: immutable.
 */
public final class PerfStatCsv {

    /** One interval's count of one event. */
    record Interval(double endSeconds, String event, long count) {
    }

    private final List<Interval> intervals;
    private final List<String> unsupported;

    private PerfStatCsv(List<Interval> intervals, List<String> unsupported) {
        this.intervals = List.copyOf(intervals);
        this.unsupported = List.copyOf(unsupported);
    }

    /** Parses perf's CSV; lines that are not interval counts are ignored. */
    public static PerfStatCsv parse(String text) {
        List<Interval> intervals = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length < 4) {
                continue;
            }
            double seconds;
            try {
                seconds = Double.parseDouble(fields[0]);
            } catch (NumberFormatException notAnInterval) {
                continue;
            }
            String event = fields[3];
            String count = fields[1];
            if (count.equals("<not supported>")) {
                if (!unsupported.contains(event)) {
                    unsupported.add(event);
                }
            } else if (count.equals("<not counted>")) {
                intervals.add(new Interval(seconds, event, 0));
            } else {
                try {
                    intervals.add(new Interval(seconds, event, Long.parseLong(count)));
                } catch (NumberFormatException notACount) {
                    // perf printed something else there; not a count
                }
            }
        }
        return new PerfStatCsv(intervals, unsupported);
    }

    /** Whether any interval was read. */
    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    /** Events perf said it cannot count. */
    public List<String> unsupported() {
        return unsupported;
    }

    /**
     * Counts per event between {@code fromSeconds} and {@code toSeconds} after perf started: whole
     * intervals inside, and the share of an interval at an edge that lies inside (counts spread
     * evenly over an interval), in the order the events first appear.
     */
    public Map<String, Double> countsBetween(double fromSeconds, double toSeconds) {
        Map<String, Double> counts = new LinkedHashMap<>();
        Map<String, Double> previousEnd = new LinkedHashMap<>();
        for (Interval interval : intervals) {
            double start = previousEnd.getOrDefault(interval.event(), 0.0);
            double end = interval.endSeconds();
            previousEnd.put(interval.event(), end);
            double overlap = Math.min(end, toSeconds) - Math.max(start, fromSeconds);
            double share = end <= start ? 0 : Math.max(0, overlap) / (end - start);
            counts.merge(interval.event(), share * interval.count(), Double::sum);
        }
        return counts;
    }
}
