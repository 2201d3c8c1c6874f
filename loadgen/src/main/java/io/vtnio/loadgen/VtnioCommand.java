package io.vtnio.loadgen;

import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.core.UsageErrors;
import io.vtnio.loadgen.check.CheckCommand;
import io.vtnio.loadgen.cli.LoadCommand;
import io.vtnio.loadgen.cli.MergeCommand;
import io.vtnio.loadgen.compare.CompareCommand;
import io.vtnio.loadgen.verify.VerifyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
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
public final class VtnioCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }

    /** The command line as the launcher runs it; tests execute it with their own out and err. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VtnioCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrors(""));
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
