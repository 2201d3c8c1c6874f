package io.vtnio.compare.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code vtnio load} run in a child JVM, so it can be pinned to its own CPUs and so
 * {@code compare} reads nothing from it but its stable result files ({@code --json},
 * {@code --hlog}, {@code --hgrm}). Its stdout and stderr go to one log file.
 *
 * <pre>{@code
 * GeneratorProcess generator = GeneratorProcess.start(command, logFile);
 * int exitCode = generator.await(Duration.ofSeconds(60));   // -1: killed after the time ran out
 * }</pre>
 *
 * <p>Threading: one thread.
 */
public final class GeneratorProcess {

    private final Process process;

    private final long startedAtMs = System.currentTimeMillis();

    private GeneratorProcess(Process process) {
        this.process = process;
    }

    /** When it was started, in wall-clock milliseconds. */
    public long startedAtMs() {
        return startedAtMs;
    }

    /** Ends a generator that is not needed after all (its server never came up). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        ChildProcesses.forget(process);
    }

    public static GeneratorProcess start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChildProcesses.register(process);
        return new GeneratorProcess(process);
    }

    /** The generator's process, for sampling its CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the run to end; kills it after {@code timeout} and returns -1 then. */
    public int await(Duration timeout) throws InterruptedException {
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            return -1;
        } finally {
            ChildProcesses.forget(process);
        }
    }
}
