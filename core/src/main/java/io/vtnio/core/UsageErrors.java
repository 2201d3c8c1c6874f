package io.vtnio.core;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * How every vtnio command line answers a bad flag: the error in one line and one hint line
 * ({@code try 'vtnio load --help'}), not the whole usage after the error; {@code --help} still
 * prints everything. Exit code 2, picocli's code for invalid input.
 *
 * <pre>{@code
 * commandLine.setParameterExceptionHandler(new UsageErrors("vtnio"));
 * }</pre>
 *
 * <p>Threading: stateless; called on the thread that executes the command line.
 */
public final class UsageErrors implements IParameterExceptionHandler {

    private final String prefix;

    /** @param prefix what goes before the failing command's own qualified name in the hint, or "" */
    public UsageErrors(String prefix) {
        this.prefix = prefix.isEmpty() ? "" : prefix + " ";
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println(e.getMessage());
        err.println("try '" + prefix + failed.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }
}
