package io.vtnio.compare.launch;

import java.util.List;

/**
 * What one contestant is given and told under a {@link CpuPlan}: how many CPUs it has and the
 * exact JVM options, server flags or {@code {cpus}} value that tell it so. A record of facts
 * for the launch and the report; {@link CpuPlan#allotment} builds it.
 *
 * @param cpus        the server CPUs the contestant may use (all CPUs, shared, when not pinned)
 * @param jvmOptions  JVM options added to the shared ones, e.g. {@code -Djdk.virtualThreadScheduler.parallelism=4}
 * @param serverArgs  server flags added to the scenario's, e.g. {@code --loops 4}
 * @param placeholder what {@code {cpus}} in a command stands for, or null when the command has no {@code {cpus}}
 *                    (or is a built-in server)
 * @param told        how the contestant uses them, for people: {@code 4 carriers}, {@code 4 loops},
 *                    {@code thread per connection}, {@code {cpus}=4}, {@code not told (no {cpus})}
 */
public record CpuAllotment(int cpus, List<String> jvmOptions, List<String> serverArgs, Integer placeholder, String told) {

    public CpuAllotment {
        jvmOptions = List.copyOf(jvmOptions);
        serverArgs = List.copyOf(serverArgs);
    }

    /** The options and flags as one line, as the report shows them; {@code nothing} when there are none. */
    public String toldArguments() {
        if (placeholder != null) {
            return "{cpus}=" + placeholder;
        }
        if (jvmOptions.isEmpty() && serverArgs.isEmpty()) {
            return "nothing";
        }
        return String.join(" ", java.util.stream.Stream.concat(jvmOptions.stream(), serverArgs.stream()).toList());
    }
}
