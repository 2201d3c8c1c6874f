package io.vtnio.compare.launch;

import io.vtnio.core.MetricsSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One contestant server running in its own process, from start to graceful stop:
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.start(command, null, stdoutLog, stderrLog)) {
 *     server.awaitReady(Duration.ofSeconds(30));   // its "listening HOST:PORT" line, or a connect to {port}
 *     int port = server.port();
 *     ...
 *     server.stop(Duration.ofSeconds(10));         // SIGTERM, wait, then kill
 * }
 * }</pre>
 *
 * A reader thread copies the server's stdout to {@code stdoutLog} and keeps each JSON stats line
 * ({@link MetricsSnapshot}) with the time it arrived; stderr goes straight to {@code stderrLog}.
 *
 * <p>Threading: start, stop and close from one thread; the queries from any thread.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Integer knownPort;
    private final Path stderrLog;
    private final List<StatsLine> stats = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final CountDownLatch stdoutEnded = new CountDownLatch(1);
    private volatile String listeningLine;
    /** The process is a wrapper (perf) that ends when the server under it ends, and must outlive it. */
    private volatile boolean wrapper;

    private ServerProcess(Process process, Integer knownPort, Path stderrLog) {
        this.process = process;
        this.knownPort = knownPort;
        this.stderrLog = stderrLog;
    }

    /**
     * Marks the started process as a wrapper such as {@code perf stat -- COMMAND}: a stop signals
     * only the processes under it and lets the wrapper end by itself once they have, so it can
     * write what it measured; it is signalled too only if it is still there after the timeout.
     */
    public ServerProcess wrapped() {
        wrapper = true;
        return this;
    }

    /** The process measured: the server itself, or, under a wrapper, the first process the wrapper started. */
    public ProcessHandle measured() {
        if (wrapper) {
            return process.toHandle().children().findFirst().orElse(process.toHandle());
        }
        return process.toHandle();
    }

    /**
     * Starts {@code command}.
     *
     * @param knownPort the port the command was told to use, or null when it must print
     *                  {@code listening HOST:PORT} first
     */
    public static ServerProcess start(List<String> command, Integer knownPort, Path stdoutLog, Path stderrLog)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(stderrLog.toFile());
        Process process = builder.start();
        ChildProcesses.register(process);
        ServerProcess server = new ServerProcess(process, knownPort, stderrLog);
        Thread.ofPlatform().daemon().name("vtnio-compare-server-out")
                .start(() -> server.readStdout(stdoutLog));
        return server;
    }

    private void readStdout(Path stdoutLog) {
        try (BufferedReader in =
                     new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(stdoutLog, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                log.flush();
                if (listeningLine == null && line.startsWith("listening ")) {
                    listeningLine = line;
                    listening.countDown();
                } else if (line.startsWith("{")) {
                    parseStats(line);
                }
            }
        } catch (IOException e) {
            // The process ended; what was read is kept.
        } finally {
            stdoutEnded.countDown();
            listening.countDown();
        }
    }

    private void parseStats(String line) {
        try {
            stats.add(new StatsLine(System.currentTimeMillis(), MetricsSnapshot.fromJson(line)));
        } catch (IOException e) {
            // Not a vtnio stats line: another server's chatter, kept in the log only.
        }
    }

    /**
     * Waits until the server is ready: its {@code listening} line, or, with a known port, a
     * successful connect to it.
     *
     * @throws IOException when the process ends or the time runs out first, with its stderr's tail
     */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        if (knownPort == null) {
            listening.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (listeningLine == null) {
                // Its stdout may have closed a moment before the process is seen to end.
                boolean ended = process.waitFor(2, TimeUnit.SECONDS);
                throw new IOException(ended
                        ? "ended (exit " + process.exitValue() + ") before listening" + stderrTail()
                        : "printed no 'listening HOST:PORT' line within " + timeout.toSeconds() + "s" + stderrTail());
            }
            port();
            return;
        }
        while (System.nanoTime() < deadlineNs) {
            if (!process.isAlive()) {
                throw new IOException("ended (exit " + process.exitValue() + ") before listening" + stderrTail());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", knownPort), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("accepted no connection on port " + knownPort + " within " + timeout.toSeconds() + "s"
                + stderrTail());
    }

    /** The port to load: the known one, or the first of the {@code listening} line. */
    public int port() throws IOException {
        if (knownPort != null) {
            return knownPort;
        }
        String line = listeningLine;
        if (line == null) {
            throw new IOException("not listening yet");
        }
        String first = line.substring("listening ".length()).trim().split("\\s+")[0];
        try {
            return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            throw new IOException("cannot read a port from '" + line + "'", e);
        }
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every stats line so far, oldest first. */
    public List<StatsLine> stats() {
        return List.copyOf(stats);
    }

    /** The first stats line read after {@code wallMs}, waiting up to {@code timeout}; null if none came. */
    public StatsLine statsAfter(long wallMs, Duration timeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (StatsLine line : stats) {
                if (line.wallMs() > wallMs) {
                    return line;
                }
            }
            if (System.nanoTime() > deadlineNs || !process.isAlive()) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    /**
     * Graceful stop: SIGTERM to the server (and its descendants), then waits up to
     * {@code timeout} for it to end, then kills what is left.
     *
     * @return the exit code, or -1 when it had to be killed
     */
    public int stop(Duration timeout) throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            if (!wrapper || !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                process.toHandle().destroy();
            }
        }
        boolean ended = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        stdoutEnded.await(2, TimeUnit.SECONDS);
        ChildProcesses.forget(process);
        return ended ? process.exitValue() : -1;
    }

    private String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "";
            }
            return ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Stops the server if it still runs; interrupted, it kills it at once. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
