package io.vtnio.compare.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One server under comparison: a built-in one ({@code vt}, {@code nio}) run on the same JVM
 * options as every other, or any command given as {@code --server NAME=COMMAND}. A command runs
 * through {@code sh -c} with these placeholders filled in:
 * <ul>
 *   <li>{@code {port}}: a free port {@code compare} picked; the server is ready when a connect to
 *       it succeeds. Without it the server must print {@code listening HOST:PORT} first on
 *       stdout, as vtnio's servers do with {@code --port 0};
 *   <li>{@code {mode}}: {@code echo}, {@code chat} or {@code hello}; {@code {work}}: {@code none}
 *       or e.g. {@code sleep:5ms};
 *   <li>{@code {flags}}: all of vtnio's server flags for the scenario;
 *   <li>{@code {cpus}}: how many CPUs the server has ({@link CpuPlan}), for its event loops or
 *       worker threads, as {@code nio} gets {@code --loops} and {@code vt} its scheduler's
 *       parallelism. A command without it is not told, and the report says so.
 *   <li>{@code {jfr}}: with {@code compare --profile}, the JVM option that records the run with
 *       the JDK Flight Recorder ({@code -XX:StartFlightRecording=...}), so a contestant that is a
 *       JVM opts in to profiling by putting it among its JVM options; empty otherwise. It does not
 *       count as a placeholder for the rule below.
 * </ul>
 * A command with none of the first four gets {@code --port 0} and vtnio's server flags appended,
 * so any server that takes vtnio's flags needs nothing more; {@code {cpus}} is filled in either way.
 *
 * @param name     label in tables, files and JSON
 * @param builtIn  the built-in server, or null for a command
 * @param template the command with its placeholders, or null for a built-in server
 */
public record Contestant(String name, BuiltInServer builtIn, String template) {

    /** The placeholder of the server's CPU count. */
    static final String CPUS = "{cpus}";

    public static Contestant builtIn(BuiltInServer server) {
        return new Contestant(server.label(), server, null);
    }

    /** Parses {@code NAME=COMMAND}. */
    public static Contestant parse(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0 || equals == spec.length() - 1) {
            throw new IllegalArgumentException("--server takes NAME=COMMAND, got '" + spec + "'");
        }
        String name = spec.substring(0, equals).trim();
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("--server name '" + name
                    + "' may hold only letters, digits, '.', '_' and '-'");
        }
        String command = spec.substring(equals + 1).trim();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("--server " + name + "= needs a command after the '='");
        }
        return new Contestant(name, null, command);
    }

    public boolean isJvm() {
        return builtIn != null;
    }

    /** Whether {@code --profile} records this contestant: a built-in server, or a command that says {@code {jfr}}. */
    public boolean recordsFlight() {
        return builtIn != null || template.contains("{jfr}");
    }

    /**
     * The command for a scenario with these flags, told its CPUs as {@code cpus} says, and recording
     * with the JDK Flight Recorder when {@code jfrOption} is not null (a built-in server always; a
     * command where it says {@code {jfr}}).
     */
    public ServerLaunch launch(JavaLaunch java, ServerFlags flags, Path gcLog, CpuAllotment cpus, String jfrOption)
            throws IOException {
        if (builtIn != null) {
            // A port picked here, not by the server, so the generator can start beside it (see RoundRunner).
            int port = FreePort.pick();
            List<String> serverFlags = new ArrayList<>(List.of("--port", Integer.toString(port)));
            serverFlags.addAll(builtIn.isFramework() ? flags.frameworkFlags() : flags.vtnioFlags());
            serverFlags.addAll(cpus.serverArgs());
            List<String> jvmOptions = new ArrayList<>(cpus.jvmOptions());
            if (jfrOption != null) {
                jvmOptions.add(jfrOption);
            }
            List<String> command = java.server(builtIn, jvmOptions, serverFlags, gcLog);
            return new ServerLaunch(command, port, true, String.join(" ", command));
        }
        String template = this.template.replace("{jfr}", jfrOption == null ? "" : "'" + jfrOption + "'");
        boolean placeholders = template.contains("{port}") || template.contains("{mode}")
                || template.contains("{work}") || template.contains("{flags}");
        String line;
        Integer port = null;
        String filled = template.replace(CPUS, Integer.toString(cpus.cpus()));
        if (placeholders) {
            if (template.contains("{port}")) {
                port = FreePort.pick();
            }
            line = filled.replace("{port}", port == null ? "0" : port.toString())
                    .replace("{mode}", flags.mode())
                    .replace("{work}", flags.work())
                    .replace("{flags}", String.join(" ", flags.vtnioFlags()));
        } else {
            line = filled + " --port 0 " + String.join(" ", flags.vtnioFlags());
        }
        return new ServerLaunch(List.of("sh", "-c", line), port, port == null, line);
    }
}
