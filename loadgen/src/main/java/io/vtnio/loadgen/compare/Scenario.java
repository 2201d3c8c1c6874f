package io.vtnio.loadgen.compare;

import io.vtnio.core.HumanDuration;
import io.vtnio.loadgen.report.ScenarioInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload every contestant gets in turn: the server flags it needs, the generator's flags,
 * and whether to probe memory per connection while it runs.
 *
 * @param name         stable name, e.g. {@code echo-peak}
 * @param title        short human title
 * @param description  what it measures and why, for the report
 * @param serverFlags  mode and work every contestant runs with
 * @param loadArgs     the generator's flags besides target and result files
 * @param unit         what one request is: {@code reply}, {@code delivery} or {@code connection}
 * @param connections  connections the generator opens
 * @param warmup       generator warm-up
 * @param duration     measured time
 * @param probesMemory whether to measure the server's memory with and without the connections
 */
record Scenario(String name, String title, String description, ServerFlags serverFlags, List<String> loadArgs,
                String unit, int connections, Duration warmup, Duration duration, boolean probesMemory) {

    Scenario {
        loadArgs = List.copyOf(loadArgs);
    }

    /** The generator's flags: connections, warm-up, duration, then the scenario's own. */
    static List<String> loadArgs(int connections, Duration warmup, Duration duration, String... more) {
        List<String> args = new ArrayList<>(List.of("--connections", Integer.toString(connections),
                "--warmup", HumanDuration.format(warmup), "--duration", HumanDuration.format(duration)));
        args.addAll(List.of(more));
        return args;
    }

    ScenarioInfo info() {
        return new ScenarioInfo(name, title, description, serverFlags.describe(), String.join(" ", loadArgs), unit);
    }
}
