package io.vtnio.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server running in a JVM of its own, for what an in-process server cannot show: signals, the
 * stdout contract ({@code listening ...} first, then JSON stats lines), process CPU time and a
 * descriptor limit. Launched with the current {@code java} and classpath through
 * {@link ForkedServerMain}.
 *
 * <pre>{@code
 * try (ForkedServer server = ForkedServer.start(factory, List.of("--work", "sleep:200ms"))) {
 *     TestClient client = TestClient.connect(server.port());
 *     ...
 *     server.terminate();                    // SIGTERM
 *     server.awaitExit(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Threading: one reader thread each for stdout and stderr; every method may be called from
 * any thread.
 */
public final class ForkedServer implements AutoCloseable {

    /** How long a forked JVM may take to print its {@code listening} line. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private static final String END_OF_STREAM = new String("end of stdout");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> allStdout = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final List<Integer> ports = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ForkedServer(Process process) {
        this.process = process;
        this.stdoutReader = daemon("stdout", () -> pump(process.getInputStream(), true));
        this.stderrReader = daemon("stderr", () -> pump(process.getErrorStream(), false));
    }

    /**
     * Forks a JVM running the server of {@code factoryClass} with {@code flags}, and waits for its
     * {@code listening} line.
     */
    public static ForkedServer start(String factoryClass, List<String> flags) throws IOException, InterruptedException {
        return start(javaCommand(factoryClass, flags));
    }

    /**
     * As {@link #start(String, List)}, with at most {@code maxDescriptors} open files
     * ({@code ulimit -n}) in the forked JVM.
     */
    public static ForkedServer startWithDescriptorLimit(String factoryClass, int maxDescriptors, List<String> flags)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + maxDescriptors + " && exec \"$@\"", "sh"));
        command.addAll(javaCommand(factoryClass, flags));
        return start(command);
    }

    private static List<String> javaCommand(String factoryClass, List<String> flags) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM"));
        // C1 alone, as the suite's own JVMs: a forked server lives for seconds, and C2's compiles
        // would take CPU time from the two cores every test shares.
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ForkedServerMain.class.getName(), factoryClass));
        command.addAll(flags);
        return command;
    }

    private static ForkedServer start(List<String> command) throws IOException, InterruptedException {
        ForkedServer server = new ForkedServer(new ProcessBuilder(command).start());
        try {
            String first = server.nextStdoutLine(START_TIMEOUT);
            if (first == null || !first.startsWith("listening ")) {
                throw new AssertionError("first stdout line should be 'listening HOST:PORT ...', got " + first
                        + "; stderr: " + server.stderr());
            }
            for (String address : first.substring("listening ".length()).trim().split(" ")) {
                server.ports.add(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
            }
            return server;
        } catch (Throwable t) {
            server.close();
            throw t;
        }
    }

    /** The listening ports, in the order the {@code listening} line gave them. */
    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** The first listening port. */
    public int port() {
        return ports.get(0);
    }

    /** Process id of the forked JVM. */
    public long pid() {
        return process.pid();
    }

    /**
     * User plus system CPU time the forked JVM has used so far, as the kernel counts it in
     * {@code /proc/PID/stat} (read through {@link ProcessHandle.Info#totalCpuDuration}).
     */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report a process's CPU time"));
    }

    /**
     * The next stdout line, waiting at most {@code timeout}.
     *
     * @return the line, or {@code null} on timeout or once stdout has ended
     */
    public String nextStdoutLine(Duration timeout) throws InterruptedException {
        String line = stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == END_OF_STREAM) {
            stdout.add(END_OF_STREAM);
            return null;
        }
        return line;
    }

    /** Every stdout line so far, the {@code listening} line included. */
    public List<String> stdoutLines() {
        synchronized (allStdout) {
            return List.copyOf(allStdout);
        }
    }

    /** Everything the server wrote on stderr so far. */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Sends SIGTERM, as {@code kill PID} or a container runtime would. Through the process handle:
     * {@link Process#destroy} would also close our end of the server's stdout and lose the final
     * stats line it prints while stopping.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /**
     * Waits for the JVM to exit and for its output to be read to the end.
     *
     * @return the exit code
     * @throws AssertionError if it has not exited within {@code timeout}
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("server process did not exit within " + timeout + "; stdout: "
                    + stdoutLines() + "; stderr: " + stderr());
        }
        stdoutReader.join(Duration.ofSeconds(5));
        stderrReader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** Whether the forked JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the JVM if it is still running (SIGKILL) and waits for it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream stream, boolean isStdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (isStdout) {
                    synchronized (allStdout) {
                        allStdout.add(line);
                    }
                    stdout.add(line);
                } else {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // The process went away; what was read is kept.
        } finally {
            if (isStdout) {
                stdout.add(END_OF_STREAM);
            }
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, "forked-server-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
