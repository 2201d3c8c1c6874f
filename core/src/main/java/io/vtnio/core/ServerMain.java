package io.vtnio.core;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a server from the command line, the same way for every implementation: parse
 * {@link ServerOptions}, start, print {@code listening ...} first on stdout, describe the set-up
 * on stderr (with the connection limit chosen and why) and warn about an exposed or
 * over-committed one ({@link StartupWarnings}), print stats lines, and on SIGTERM or SIGINT drain
 * gracefully, print the final stats line and exit with 0. The signals are handled from before
 * the first port is bound ({@link StopSignal}), so a client that connects the instant a port
 * accepts, followed at once by a SIGTERM, still gets every reply it is owed.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(ServerMain.run(new VirtualThreadServerFactory(), args));
 * }
 * }</pre>
 *
 * <p>Threading: {@link #run} blocks the calling thread until a signal has stopped the server;
 * that thread starts and stops it; stats lines come from one scheduler thread.
 */
public final class ServerMain {

    private ServerMain() {
    }

    /**
     * Parses {@code args}, runs the server until SIGTERM or SIGINT stops it and returns the exit
     * code: 0 after a graceful stop (and for help), 1 if the server could not start, 2 for bad
     * flags. Other ways the JVM may be told to exit (SIGHUP, say) stop the server just as
     * gracefully from a shutdown hook, and the JVM exits with its own code ({@link StopSignal}).
     */
    public static int run(ServerFactory factory, String... args) {
        CommandLine commandLine = new CommandLine(new ServerCommand(factory));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setCommandName("server " + factory.name());
        commandLine.setParameterExceptionHandler(new UsageErrors("vtnio"));
        return commandLine.execute(args);
    }

    @Command(mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
            description = "Runs a vtnio protocol server until SIGTERM or SIGINT.")
    private static final class ServerCommand implements Callable<Integer> {

        private final ServerFactory factory;

        @Mixin
        private ServerOptions options;

        @Spec
        private CommandSpec spec;

        ServerCommand(ServerFactory factory) {
            this.factory = factory;
        }

        @Override
        public Integer call() throws Exception {
            ServerConfig config = options.toConfig();
            Server server = factory.create(config);
            PrintStream out = System.out;
            // Before the first bind: from the moment a client can connect, a signal is a graceful stop.
            StopSignal stopSignal = StopSignal.install();
            try {
                try {
                    server.start();
                } catch (IOException e) {
                    String addresses = config.ports().stream().map(port -> HostPort.format(config.host(), port))
                            .collect(Collectors.joining(" "));
                    spec.commandLine().getErr().println("server " + factory.name() + ": cannot listen on "
                            + addresses + ": " + e.getMessage());
                    return 1;
                }
                // Initialise the JSON machinery now: loading it later, while the process may be out
                // of descriptors (EMFILE), would fail for good and silence every stats line.
                server.metrics().snapshot("stats", factory.name()).toJson();
                out.println(Server.listeningLine(server.localAddresses()));
                PrintWriter err = spec.commandLine().getErr();
                OptionalLong descriptorLimit = StartupWarnings.descriptorLimit();
                err.println(describe(config, descriptorLimit));
                for (String warning : StartupWarnings.of(factory.name(), server.localAddresses(),
                        config.maxConnections(), descriptorLimit)) {
                    err.println(warning);
                }
                err.flush();
                out.flush();

                ScheduledExecutorService stats = startStats(server, config.statsInterval(), out);
                stopSignal.awaitRequest();
                try {
                    server.stop(config.drainTimeout());
                } finally {
                    if (stats != null) {
                        stats.shutdownNow();
                    }
                    synchronized (out) {
                        out.println(server.metrics().snapshot("final", factory.name()).toJson());
                        out.flush();
                    }
                }
                return 0;
            } finally {
                stopSignal.finished();
            }
        }

        private String describe(ServerConfig config, OptionalLong descriptorLimit) {
            return "server " + factory.name() + ": mode " + config.mode().name().toLowerCase()
                    + (config.mode() == Mode.HTTP ? "" : ", framing " + config.framing().name().toLowerCase())
                    + ", work " + config.work() + factory.describeThreads(config)
                    + ", " + options.describeMaxConnections(config.maxConnections(), descriptorLimit);
        }

        private ScheduledExecutorService startStats(Server server, Duration interval, PrintStream out) {
            if (interval.isZero()) {
                return null;
            }
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "vtnio-stats");
                thread.setDaemon(true);
                return thread;
            });
            long periodNanos = interval.toNanos();
            scheduler.scheduleAtFixedRate(() -> {
                synchronized (out) {
                    out.println(server.metrics().snapshot("stats", factory.name()).toJson());
                    out.flush();
                }
            }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
            return scheduler;
        }
    }
}
