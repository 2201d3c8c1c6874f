package io.vtnio.loadgen;

import io.vtnio.core.CommandRoot;
import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.loadgen.cli.LoadCommand;
import io.vtnio.loadgen.cli.MergeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The generator's own command line, {@code load} and {@code merge}: the main class of
 * {@code loadgen/target/vtnio-loadgen.jar}, the jar of the container image (deploy/), and of every
 * generator process that {@code load --processes} and {@code compare} start. The full
 * {@code vtnio} command line (compare, check, verify too) is {@code io.vtnio.compare.VtnioCommand}.
 *
 * <pre>{@code
 * int exitCode = LoadgenCommand.commandLine().execute("load", "--port", "8001");
 * }</pre>
 *
 * <p>Threading: runs on the main thread.
 */
@Command(name = "vtnio", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "The vtnio load generator: drive load against a server, merge interval logs.",
        subcommands = {LoadCommand.class, MergeCommand.class, CommandLine.HelpCommand.class})
public final class LoadgenCommand extends CommandRoot {

    /** The command line as a generator process runs it; tests execute it with their own out and err. */
    public static CommandLine commandLine() {
        return commandLine(new LoadgenCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
