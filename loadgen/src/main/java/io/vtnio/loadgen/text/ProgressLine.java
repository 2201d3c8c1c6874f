package io.vtnio.loadgen.text;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The line printed on stderr once a second: elapsed time, phase, rate, p50 and p99 latency of
 * the last second, errors so far, and connections open; during {@code --warmup auto} the run
 * adds the warm-up's state ({@link AutoWarmup#status}).
 *
 * <pre>
 * [  2.0s] warmup       48,012/s  p50 51us  p99 398us  errors 0  open 100/100  auto 2.0s  cv 7%  jit 120ms/s
 * [  4.0s] measure      51,234/s  p50 45us  p99 312us  errors 0  open 100/100
 * [ 12.0s] drain             100 replies after the stop  errors 0  open 0/100
 * </pre>
 *
 * <p>Threading: stateless.
 */
public final class ProgressLine {

    private ProgressLine() {
    }

    /** @param planned connections the run opens, or 0 where that means nothing (hello churn) */
    public static String format(double elapsedSeconds, String phase, Histogram interval, double intervalSeconds,
                         long errors, int open, int planned) {
        double rate = intervalSeconds > 0 ? interval.getTotalCount() / intervalSeconds : 0;
        String p50 = interval.getTotalCount() == 0 ? "-" : SummaryTable.micros(interval.getValueAtPercentile(50.0));
        String p99 = interval.getTotalCount() == 0 ? "-" : SummaryTable.micros(interval.getValueAtPercentile(99.0));
        return String.format(Locale.ROOT, "[%6.1fs] %-8s %,10.0f/s  p50 %s  p99 %s  errors %,d  open %s",
                elapsedSeconds, phase, rate, p50, p99, errors, open(open, planned));
    }

    /** The last line: replies that came in after sending stopped. */
    public static String drain(double elapsedSeconds, long replies, long errors, int open, int planned) {
        return String.format(Locale.ROOT, "[%6.1fs] %-8s %,10d replies after the stop  errors %,d  open %s",
                elapsedSeconds, "drain", replies, errors, open(open, planned));
    }

    private static String open(int open, int planned) {
        return planned > 0 ? String.format(Locale.ROOT, "%,d/%,d", open, planned) : String.format(Locale.ROOT, "%,d", open);
    }
}
