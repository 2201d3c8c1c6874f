package io.vtnio.compare.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The few facts {@code compare} reads from Linux's {@code /proc}: a process's resident set and
 * thread count ({@code /proc/PID/status}), its open descriptors ({@code /proc/PID/fd}), and the
 * CPUs this process may run on. Elsewhere (macOS) every method answers "unknown" (-1 or null)
 * and the report says n/a.
 *
 * <p>Threading: stateless.
 */
public final class ProcFs {

    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    public static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** Resident set in bytes ({@code VmRSS}), or -1 when unknown or the process is gone. */
    static long rssBytes(long pid) {
        String kilobytes = statusField(pid, "VmRSS:");
        return kilobytes == null ? -1 : Long.parseLong(kilobytes.split("\\s+")[0]) * 1024;
    }

    /** OS threads ({@code Threads}), or -1 when unknown or the process is gone. */
    static int threads(long pid) {
        String threads = statusField(pid, "Threads:");
        return threads == null ? -1 : Integer.parseInt(threads.trim());
    }

    /** Open file descriptors, sockets included, or -1 when unknown. */
    static int openDescriptors(long pid) {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path ignored : fds) {
                count++;
            }
            return count;
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Open descriptors of a process and its descendants, or -1 when unknown. */
    public static int openDescriptors(ProcessHandle tree) {
        int total = openDescriptors(tree.pid());
        if (total < 0) {
            return -1;
        }
        for (ProcessHandle child : tree.descendants().toList()) {
            total += Math.max(0, openDescriptors(child.pid()));
        }
        return total;
    }

    /** This process's allowed CPUs as Linux lists them ({@code 0-3,6}), or null when unknown. */
    public static String allowedCpus() {
        String list = statusField(ProcessHandle.current().pid(), "Cpus_allowed_list:");
        return list == null ? null : list.trim();
    }

    /** The {@code model name} of the first processor, or null. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | SecurityException e) {
            // unknown
        }
        return null;
    }

    /**
     * The share (0..1) of all CPUs' time that other processes used over {@code period}: what
     * {@code /proc/stat} counts as not idle, less this process's own CPU time; -1 when unknown.
     */
    public static double othersBusy(java.time.Duration period) throws InterruptedException {
        long ownBefore = ownCpuNanos();
        long[] before = cpuTimes();
        long startNanos = System.nanoTime();
        Thread.sleep(period);
        long[] after = cpuTimes();
        long ownAfter = ownCpuNanos();
        long elapsedNanos = System.nanoTime() - startNanos;
        if (before == null || after == null || after[0] <= before[0]) {
            return -1;
        }
        double total = after[0] - before[0];
        double busy = 1.0 - (after[1] - before[1]) / total;
        double own = (ownAfter - ownBefore) / (double) elapsedNanos / Runtime.getRuntime().availableProcessors();
        return Math.max(0.0, busy - own);
    }

    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** {total, idle including I/O wait} jiffies of the {@code cpu} line, or null. */
    private static long[] cpuTimes() {
        try {
            String line = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.UTF_8).getFirst();
            String[] fields = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code MemTotal} in bytes, or 0. */
    static long memoryBytes() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring(9).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return 0;
    }

    private static String statusField(long pid, String name) {
        try {
            List<String> lines = Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"),
                    StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return line.substring(name.length()).trim();
                }
            }
        } catch (IOException | SecurityException e) {
            // gone or not Linux
        }
        return null;
    }
}
