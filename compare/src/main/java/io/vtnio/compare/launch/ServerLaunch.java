package io.vtnio.compare.launch;

import java.util.List;

/**
 * A contestant's command, ready to start for one scenario.
 *
 * @param command the argument list to run
 * @param port    the port it was told to use, or null when it picks one and prints it
 * @param display the command as one line, for the report
 */
public record ServerLaunch(List<String> command, Integer port, String display) {

    public ServerLaunch {
        command = List.copyOf(command);
    }
}
