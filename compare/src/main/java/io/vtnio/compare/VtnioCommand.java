package io.vtnio.compare;

import io.vtnio.compare.CompareCommand;
import io.vtnio.compare.check.CheckCommand;
import io.vtnio.compare.verify.VerifyCommand;
import io.vtnio.core.CommandRoot;
import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.loadgen.cli.LoadCommand;
import io.vtnio.loadgen.cli.MergeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The root of the {@code vtnio} command line that the launcher calls for every subcommand except
 * {@code server} (each server runs from its own jar, in its own JVM) and {@code test}.
 *
 * <pre>{@code
 * int exitCode = VtnioCommand.commandLine().execute("load", "--port", "8001");
 * }</pre>
 *
 * <p>Threading: runs on the main thread.
 */
@Command(name = "vtnio", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        description = "Virtual threads or a java.nio Selector loop? Load tests that settle it.",
        subcommands = {LoadCommand.class, CompareCommand.class, CheckCommand.class, MergeCommand.class,
            VerifyCommand.class, CommandLine.HelpCommand.class})
public final class VtnioCommand extends CommandRoot {

    /** The command line as the launcher runs it; tests execute it with their own out and err. */
    public static CommandLine commandLine() {
        return commandLine(new VtnioCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
