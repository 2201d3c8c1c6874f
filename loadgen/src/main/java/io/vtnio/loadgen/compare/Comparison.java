package io.vtnio.loadgen.compare;

import io.vtnio.loadgen.report.ResultEntry;
import io.vtnio.loadgen.report.ScenarioInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the chosen scenarios one after another for every contestant and collects one
 * {@link ResultEntry} per contestant and scenario. {@code echo} runs its closed loop first and
 * derives the open loop's rate from it: half the lower of the contestants' median peaks, rounded
 * to two significant digits, the same for everyone (unless a fixed rate is given).
 *
 * <p>Threading: one thread.
 */
final class Comparison {

    private final RoundRunner runner;
    private final ScenarioCatalog catalog;
    private final List<Contestant> contestants;
    private final int rounds;
    private final Path outDir;
    private final List<ScenarioInfo> scenarios = new ArrayList<>();
    private final List<ResultEntry> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Long echoRate;
    private int failedRuns;

    /** @param echoRate the rate of the echo open loop, or null to take half the lower median peak */
    Comparison(RoundRunner runner, ScenarioCatalog catalog, List<Contestant> contestants, int rounds, Path outDir,
               Long echoRate) {
        this.runner = runner;
        this.catalog = catalog;
        this.contestants = List.copyOf(contestants);
        this.rounds = rounds;
        this.outDir = outDir;
        this.echoRate = echoRate;
    }

    /** Runs the scenarios named as {@link ScenarioCatalog#NAMES} takes them, in that order. */
    void run(List<String> names) throws InterruptedException {
        for (String name : ScenarioCatalog.NAMES) {
            if (!names.contains(name)) {
                continue;
            }
            switch (name) {
                case "echo" -> {
                    List<ResultEntry> peaks = runScenario(catalog.echoPeak());
                    long rate = echoRate != null ? echoRate : latencyRate(peaks);
                    if (rate > 0) {
                        runScenario(catalog.echoLatency(rate, echoRate == null));
                    } else {
                        notes.add("echo-latency skipped: no server gave a peak to take half of");
                    }
                }
                case "idle" -> runScenario(catalog.idle());
                case "fanout" -> runScenario(catalog.fanout());
                case "churn" -> runScenario(catalog.churn());
                case "backend" -> runScenario(catalog.backend());
                default -> throw new IllegalArgumentException(name);
            }
        }
    }

    private List<ResultEntry> runScenario(Scenario scenario) throws InterruptedException {
        scenarios.add(scenario.info());
        List<RunOutcome> outcomes = runner.run(scenario, contestants, rounds);
        List<ResultEntry> entries = new ArrayList<>();
        for (Contestant contestant : contestants) {
            List<RunOutcome> mine = outcomes.stream().filter(o -> o.server().equals(contestant.name())).toList();
            for (RunOutcome outcome : mine) {
                if (outcome.note() != null) {
                    notes.add(scenario.name() + " " + contestant.name() + " round " + outcome.round() + ": "
                            + outcome.note());
                }
                if (!outcome.succeeded()) {
                    failedRuns++;
                    notes.add(scenario.name() + " " + contestant.name() + " round " + outcome.round() + " failed: "
                            + outcome.failure());
                }
            }
            entries.add(Medians.entry(scenario.name(), contestant.name(), mine, outDir));
        }
        results.addAll(entries);
        return entries;
    }

    /** Half the lower median peak, to two significant digits; 0 when no contestant has one. */
    static long latencyRate(List<ResultEntry> peaks) {
        double lowest = peaks.stream().filter(ResultEntry::measured).mapToDouble(ResultEntry::throughputPerSec)
                .filter(rate -> rate > 0).min().orElse(0);
        double half = lowest / 2;
        if (half < 1) {
            return 0;
        }
        double scale = Math.pow(10, Math.floor(Math.log10(half)) - 1);
        return Math.max(1, Math.round(Math.round(half / scale) * scale));
    }

    List<ScenarioInfo> scenarios() {
        return scenarios;
    }

    List<ResultEntry> results() {
        return results;
    }

    List<String> notes() {
        return notes;
    }

    int failedRuns() {
        return failedRuns;
    }

    long errors() {
        return results.stream().mapToLong(ResultEntry::errors).sum();
    }

    /** The run order within a scenario, e.g. {@code vt nio vt nio vt nio}. */
    String order() {
        List<String> order = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            contestants.forEach(c -> order.add(c.name()));
        }
        return String.join(" ", order);
    }
}
