package io.vtnio.core;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root of a command line made of subcommands ({@code load}, {@code compare} ...): run alone it
 * asks for a subcommand, and {@link #commandLine} configures it the one way every vtnio command line
 * is configured (enum values in any case, {@link UsageErrors} for bad flags). Subclasses carry
 * picocli's {@code @Command} with their subcommands.
 *
 * <pre>{@code
 * int exitCode = CommandRoot.commandLine(new LoadgenCommand()).execute("load", "--port", "8001");
 * }</pre>
 *
 * <p>Threading: runs on the thread that executes the command line.
 */
public abstract class CommandRoot implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public final void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }

    /** {@code root}'s command line, configured; tests execute it with their own out and err. */
    public static CommandLine commandLine(CommandRoot root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrors(""));
        return commandLine;
    }
}
