package io.vtnio.compare.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocol settings a scenario needs from every contestant: mode and per-message work.
 *
 * @param mode {@code echo}, {@code chat}, {@code hello} or {@code http}
 * @param work {@code none} or e.g. {@code sleep:5ms}
 */
public record ServerFlags(String mode, String work) {

    static final String STATS_INTERVAL = "250ms";

    /** The vtnio server flags for it, without {@code --port}: {@code --mode echo --work sleep:5ms ...}. */
    List<String> vtnioFlags() {
        List<String> flags = new ArrayList<>(List.of("--mode", mode));
        if (!"none".equals(work)) {
            flags.add("--work");
            flags.add(work);
        }
        flags.add("--stats-interval");
        flags.add(STATS_INTERVAL);
        return flags;
    }

    /**
     * The flags for a framework's server ({@link BuiltInServer#isFramework}): {@code --mode http} and
     * the work, no stats lines (they print none).
     */
    List<String> frameworkFlags() {
        List<String> flags = new ArrayList<>(List.of("--mode", mode));
        if (!"none".equals(work)) {
            flags.add("--work");
            flags.add(work);
        }
        return flags;
    }

    /** What the report shows: {@code --mode echo --work sleep:5ms}. */
    public String describe() {
        return "--mode " + mode + ("none".equals(work) ? "" : " --work " + work);
    }
}
