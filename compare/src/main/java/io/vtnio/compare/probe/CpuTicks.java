package io.vtnio.compare.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One CPU's counters from a {@code cpuN} line of Linux's {@code /proc/stat} (ticks since boot,
 * usually 1/100 s each), and the shares of time between two readings of them. Steal is time the
 * hypervisor gave this virtual CPU to another guest: the VM wanted to run and could not.
 *
 * <p>Threading: immutable.
 *
 * @param cpu          N of {@code cpuN}
 * @param idleTicks    the {@code idle} column
 * @param iowaitTicks  the {@code iowait} column
 * @param stealTicks   the {@code steal} column (0 on kernels that do not count it)
 * @param interruptTicks the {@code irq} and {@code softirq} columns: time spent on interrupts,
 *                     which the kernel charges to the task they interrupted, if any (network
 *                     work done while the CPU was otherwise idle is charged to no task)
 * @param totalTicks   user + nice + system + idle + iowait + irq + softirq + steal; guest time is
 *                     left out because the kernel already counts it in user and nice
 */
record CpuTicks(int cpu, long idleTicks, long iowaitTicks, long stealTicks, long interruptTicks, long totalTicks) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** The {@code cpuN} lines of {@code /proc/stat} text by N; the all-CPU {@code cpu} line and garbage are skipped. */
    static Map<Integer, CpuTicks> parse(String procStat) {
        Map<Integer, CpuTicks> cpus = new TreeMap<>();
        for (String line : procStat.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 5 || !fields[0].startsWith("cpu") || fields[0].length() == 3) {
                continue;
            }
            try {
                int cpu = Integer.parseInt(fields[0].substring(3));
                long total = 0;
                for (int column = 1; column <= 8; column++) {
                    total += column(fields, column);
                }
                cpus.put(cpu, new CpuTicks(cpu, column(fields, 4), column(fields, 5), column(fields, 8),
                        column(fields, 6) + column(fields, 7), total));
            } catch (NumberFormatException e) {
                // not a CPU line after all
            }
        }
        return cpus;
    }

    /** Every CPU's counters now, or an empty map where there is no {@code /proc/stat}. */
    static Map<Integer, CpuTicks> read() {
        try {
            return parse(Files.readString(PROC_STAT, StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException e) {
            return Map.of();
        }
    }

    /** Percent of this CPU's time since {@code before} that was stolen; null when no tick passed. */
    Double stealPercentSince(CpuTicks before) {
        return percentSince(before, stealTicks - before.stealTicks);
    }

    /**
     * Percent of this CPU's time since {@code before} spent running something: not idle, not
     * waiting for I/O and not stolen (so busy, steal, idle and iowait add up to 100); null when no
     * tick passed.
     */
    Double busyPercentSince(CpuTicks before) {
        long notBusy = (idleTicks - before.idleTicks) + (iowaitTicks - before.iowaitTicks)
                + (stealTicks - before.stealTicks);
        return percentSince(before, totalTicks - before.totalTicks - notBusy);
    }

    /** Ticks spent running something (not idle, not waiting for I/O, not stolen): the numerator of {@link #busyPercentSince}. */
    long busyTicks() {
        return totalTicks - idleTicks - iowaitTicks - stealTicks;
    }

    private Double percentSince(CpuTicks before, long ticks) {
        long elapsed = totalTicks - before.totalTicks;
        // Zero ticks apart, or counters that went backwards (a CPU taken offline and back) say nothing.
        if (elapsed <= 0 || ticks < 0) {
            return null;
        }
        return 100.0 * ticks / elapsed;
    }

    private static long column(String[] fields, int column) {
        return column < fields.length ? Long.parseLong(fields[column]) : 0;
    }
}
