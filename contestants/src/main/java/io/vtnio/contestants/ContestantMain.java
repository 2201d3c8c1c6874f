package io.vtnio.contestants;

import io.vtnio.core.HostPort;
import io.vtnio.core.StopSignal;
import io.vtnio.core.UsageErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/**
 * Runs a contestant from the command line the way vtnio's own servers run ({@code ServerMain}):
 * parse, start, print {@code listening HOST:PORT} first on stdout and {@code framework ...}
 * second, then on SIGTERM or SIGINT stop gracefully and exit with 0. Nothing else goes to stdout;
 * the frameworks' INFO logging is turned off (java.util.logging, which both fall back to, at
 * WARNING), and what is left goes to stderr.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(ContestantMain.run("netty", new NettyCommand(), args));
 * }
 * }</pre>
 *
 * <p>Threading: {@link #run} blocks the calling thread until a signal has stopped the server;
 * that thread starts and stops it.
 */
public final class ContestantMain {

    private ContestantMain() {
    }

    /**
     * Parses {@code args} into {@code command} and calls it: 0 after a graceful stop (and for
     * help), 1 if the server could not start, 2 for bad flags.
     */
    public static int run(String name, Callable<Integer> command, String... args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCommandName("server " + name);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrors("vtnio"));
        return commandLine.execute(args);
    }

    /**
     * Starts {@code contestant}, prints its two lines and serves until a stop signal; the body of
     * each main's command.
     *
     * @return the exit code: 0 after a graceful stop, 1 if it could not start
     */
    public static int serve(String name, ContestantConfig config, Contestant contestant, PrintStream out,
                            PrintWriter err) throws InterruptedException {
        // Before the bind: from the moment a client can connect, a signal is a graceful stop.
        StopSignal stopSignal = StopSignal.install();
        try {
            try {
                contestant.start();
            } catch (IOException | UncheckedIOException e) {
                err.println("server " + name + ": cannot listen on " + HostPort.format(config.host(), config.port())
                        + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            out.println("listening " + HostPort.format(contestant.localAddress()));
            out.println("framework " + contestant.framework());
            out.flush();
            stopSignal.awaitRequest();
            contestant.stop();
            return 0;
        } finally {
            stopSignal.finished();
        }
    }
}
