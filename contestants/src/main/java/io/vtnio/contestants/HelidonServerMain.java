package io.vtnio.contestants;

import io.vtnio.contestants.helidon.HelidonServer;
import io.vtnio.core.ManifestVersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Command-line entry of the Helidon SE contestant ({@code ./vtnio server helidon --port 0}):
 * vtnio's routes on Helidon's web server, a virtual thread per connection. It takes only the
 * common flags ({@link ContestantOptions}): Helidon has no thread count to choose.
 *
 * <p>Threading: {@link #main} blocks the main thread until the server stops.
 */
public final class HelidonServerMain {

    private HelidonServerMain() {
    }

    public static void main(String[] args) {
        System.exit(ContestantMain.run("helidon", new HelidonCommand(), args));
    }

    @Command(mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
            description = "Runs vtnio's HTTP routes on Helidon SE (a virtual thread per connection) until SIGTERM or SIGINT.")
    static final class HelidonCommand implements Callable<Integer> {

        @Mixin
        private ContestantOptions options;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            ContestantConfig config = options.toConfig();
            return ContestantMain.serve("helidon", config, new HelidonServer(config), System.out,
                    spec.commandLine().getErr());
        }
    }
}
