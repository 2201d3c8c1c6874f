package io.vtnio.compare.report.table;

import java.util.Locale;

/**
 * How figures read in tables and charts: {@code 45us}, {@code 1.20ms}, {@code 3.4 KiB},
 * {@code 154,241/s}, {@code 1.25x}.
 *
 * <p>Threading: stateless.
 */
public final class Units {

    private Units() {
    }

    /** Microseconds as {@code 45us}, {@code 6.1us}, {@code 1.20ms} or {@code 3.50s}. */
    public static String micros(double micros) {
        if (micros == 0) {
            return "0";
        }
        if (micros < 0) {
            // A growth that was a fall.
            return "-" + micros(-micros);
        }
        if (micros < 10) {
            return String.format(Locale.ROOT, "%.1fus", micros);
        }
        if (micros < 1_000) {
            return String.format(Locale.ROOT, "%.0fus", micros);
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.2fms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fs", micros / 1e6);
    }

    /** Bytes in binary units: {@code 512 B}, {@code 3.4 KiB}, {@code 321 MiB}. */
    public static String bytes(double bytes) {
        double size = Math.abs(bytes);
        if (size < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        double value = bytes;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** A count with thousands separators: {@code 154,241}. */
    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A ratio: {@code 1.25x}. */
    public static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "-";
        }
        return String.format(Locale.ROOT, ratio >= 10 ? "%.1fx" : "%.2fx", ratio);
    }

    /** Seconds: {@code 0.412 s}. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }
}
