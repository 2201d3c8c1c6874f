package io.vtnio.contestants;

import io.vtnio.contestants.netty.NettyServer;
import io.vtnio.contestants.netty.NettyTransport;
import io.vtnio.core.ManifestVersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command-line entry of the Netty contestant ({@code ./vtnio server netty --port 0}): vtnio's
 * routes on Netty's event loops. Beyond the common flags ({@link ContestantOptions}) it takes the
 * event loop count, the transport and the size of the work group that keeps {@code --work} off
 * the event loops.
 *
 * <p>Threading: {@link #main} blocks the main thread until the server stops.
 */
public final class NettyServerMain {

    private NettyServerMain() {
    }

    public static void main(String[] args) {
        System.exit(ContestantMain.run("netty", new NettyCommand(), args));
    }

    @Command(mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
            description = "Runs vtnio's HTTP routes on Netty (event loops) until SIGTERM or SIGINT.")
    static final class NettyCommand implements Callable<Integer> {

        @Mixin
        private ContestantOptions options;

        @Spec
        private CommandSpec spec;

        @Option(names = "--threads", paramLabel = "N",
                description = "Event loops, which accept and serve (default: the available processors, ${DEFAULT-VALUE}).")
        private int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--transport", defaultValue = "auto", paramLabel = "nio|epoll|auto",
                description = "nio (JDK Selector), epoll (native) or auto: epoll where available (default: ${DEFAULT-VALUE}).")
        private NettyTransport transport;

        @Option(names = "--workers", defaultValue = "256", paramLabel = "N",
                description = "Threads of the work group that runs the handler when --work is not none (default: ${DEFAULT-VALUE}).")
        private int workers;

        @Override
        public Integer call() throws InterruptedException {
            ContestantConfig config = options.toConfig();
            ContestantOptions.requireCount(spec, "--threads", threads);
            ContestantOptions.requireCount(spec, "--workers", workers);
            NettyServer server;
            try {
                server = new NettyServer(config, transport, threads, workers);
            } catch (IllegalStateException e) {
                throw new ParameterException(spec.commandLine(), "--transport " + transport + ": " + e.getMessage());
            }
            return ContestantMain.serve("netty", config, server, System.out, spec.commandLine().getErr());
        }
    }
}
