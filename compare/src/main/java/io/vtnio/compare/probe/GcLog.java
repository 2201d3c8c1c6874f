package io.vtnio.compare.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GC log a built-in server writes with {@code -Xlog:gc:file=F:timemillis}: lines such as
 * {@code [1795704927076ms] GC(0) Pause Young (Allocation Failure) 18M->3M(61M) 4.431ms}. Counts
 * the pauses inside a time window, leaving out the full GCs {@code compare} itself asked for
 * ({@code Diagnostic Command}) to measure the live heap; of those it keeps the last one's length.
 *
 * @param pauses            the server's own pauses in the window
 * @param pauseMillis       their total length
 * @param forcedPauseMillis the last full GC {@code compare} forced, or null when it forced none
 * @param forcedAtMs        when that GC ended, wall clock, or null
 *
 * <p>Threading: immutable.
 */
public record GcLog(int pauses, double pauseMillis, Double forcedPauseMillis, Long forcedAtMs) {

    private static final Pattern PAUSE =
            Pattern.compile("^\\[(\\d+)ms\\].*\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");

    /** The pauses in {@code [fromWallMs, toWallMs]}, or null when the log cannot be read. */
    public static GcLog read(Path file, long fromWallMs, long toWallMs) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            int pauses = 0;
            double millis = 0;
            Double forced = null;
            Long forcedAt = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = PAUSE.matcher(line);
                if (line.contains("Diagnostic Command")) {
                    if (m.matches()) {
                        forced = Double.parseDouble(m.group(2));
                        forcedAt = Long.parseLong(m.group(1));
                    }
                    continue;
                }
                if (line.contains("System.gc()")) {
                    continue;
                }
                if (m.matches()) {
                    long at = Long.parseLong(m.group(1));
                    if (at >= fromWallMs && at <= toWallMs) {
                        pauses++;
                        millis += Double.parseDouble(m.group(2));
                    }
                }
            }
            return new GcLog(pauses, Math.round(millis * 1000) / 1000.0, forced, forcedAt);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
