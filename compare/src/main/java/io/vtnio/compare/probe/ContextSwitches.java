package io.vtnio.compare.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Context switches of a process counted by Linux, summed over its threads: the
 * {@code voluntary_ctxt_switches} (the thread blocked: a read with no data, a futex wait, a
 * sleep) and {@code nonvoluntary_ctxt_switches} (the scheduler took the CPU away) lines of
 * {@code /proc/PID/task/TID/status}.
 *
 * <p>Only live threads are counted: a thread that ends takes its counts with it (Linux adds them
 * to the process's totals, which only {@code getrusage} of the process itself reads). The
 * difference of two looks therefore misses what threads that ended between them did; the servers
 * compared here keep their platform threads for their lifetime (carriers, selector loops, worker
 * pools), except {@code pt}, whose thread per connection ends with the connection, and
 * {@code churn}, where that happens all the time. {@code /proc/PID/status} alone would count the
 * main thread only, which does no serving at all.
 *
 * <p>Threading: immutable; the readers are stateless.
 *
 * @param voluntary   switches because the thread blocked
 * @param involuntary switches because it was preempted
 */
public record ContextSwitches(long voluntary, long involuntary) {

    static final ContextSwitches ZERO = new ContextSwitches(0, 0);

    ContextSwitches plus(ContextSwitches other) {
        return new ContextSwitches(voluntary + other.voluntary, involuntary + other.involuntary);
    }

    /**
     * The sum over the threads of process {@code pid} under {@code procRoot} (normally
     * {@code /proc}), or null when the process is gone or the counts cannot be read.
     */
    static ContextSwitches ofProcess(Path procRoot, long pid) {
        Path tasks = procRoot.resolve(Long.toString(pid)).resolve("task");
        ContextSwitches total = ZERO;
        boolean any = false;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                ContextSwitches counts;
                try {
                    counts = fromStatus(Files.readString(thread.resolve("status"), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    continue; // the thread ended between listing and reading
                }
                if (counts != null) {
                    total = total.plus(counts);
                    any = true;
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return any ? total : null;
    }

    /** The counts of one {@code status} file's text, or null when it holds neither line. */
    static ContextSwitches fromStatus(String status) {
        long voluntary = -1;
        long involuntary = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return voluntary < 0 || involuntary < 0 ? null : new ContextSwitches(voluntary, involuntary);
    }
}
