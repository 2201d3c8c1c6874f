package io.vtnio.compare.launch;

import java.util.List;

/**
 * A contestant's command, ready to start for one scenario.
 *
 * @param command the argument list to run
 * @param port       the port it was told to use, or null when it picks one and prints it
 * @param announces  whether it prints {@code listening HOST:PORT} when ready (vtnio's servers do);
 *                   otherwise it is ready when a connect to {@code port} succeeds
 * @param display    the command as one line, for the report
 */
public record ServerLaunch(List<String> command, Integer port, boolean announces, String display) {

    public ServerLaunch {
        command = List.copyOf(command);
        if (port == null && !announces) {
            throw new IllegalArgumentException("a server that does not announce its port must be told one");
        }
    }

    /** The port to probe for readiness: null when the server's {@code listening} line says it is ready. */
    public Integer readinessPort() {
        return announces ? null : port;
    }
}
