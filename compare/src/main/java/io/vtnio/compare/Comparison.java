package io.vtnio.compare;

import io.vtnio.compare.launch.Contestant;
import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.probe.NoiseProbe;
import io.vtnio.compare.report.summary.ResultEntry;
import io.vtnio.compare.report.summary.RoundResult;
import io.vtnio.compare.report.summary.ScenarioInfo;
import io.vtnio.compare.report.summary.ScenarioVerdict;
import io.vtnio.compare.report.table.PairedVerdicts;
import io.vtnio.compare.round.Medians;
import io.vtnio.compare.round.RoundRunner;
import io.vtnio.compare.round.RunOutcome;
import io.vtnio.compare.scenario.Scenario;
import io.vtnio.compare.scenario.ScenarioCatalog;
import io.vtnio.loadgen.run.LatencyObjective;
import io.vtnio.loadgen.run.SweepPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the chosen scenarios one after another and collects one {@link ResultEntry} per
 * contestant and scenario, and one {@link ScenarioVerdict} per scenario and contestant after the
 * first. Rounds alternate their order ({@link RoundRunner#order}); with {@link RoundPlan#auto} a
 * scenario runs its minimum of rounds, then one more at a time while a verdict is inconclusive,
 * more rounds could settle it, and the scenario's share of the time budget allows one more; what
 * the budget still holds after the last scenario goes to the undecided ones in turn.
 * {@code echo} runs its closed loop first and derives the open loop's rate from it: half the
 * lower of the contestants' median peaks, rounded to two significant digits, the same for
 * everyone (unless a fixed rate is given).
 *
 * <p>Threading: one thread.
 */
final class Comparison {

    /** What {@code --scaling} runs at every step: the echo peak (closed loop) and the slow backend. */
    static final List<String> SCALING_SCENARIOS = List.of("echo-peak", "backend");

    private final RoundRunner runner;
    private final ScenarioCatalog catalog;
    private final List<Contestant> contestants;
    private final RoundPlan plan;
    private final double thresholdPct;
    private final Path outDir;
    private final List<ScenarioInfo> scenarios = new ArrayList<>();
    private final List<ResultEntry> results = new ArrayList<>();
    private final List<ScenarioVerdict> verdicts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Long echoRate;
    private final LatencyObjective objective;
    private final NoiseProbe noise;
    private int failedRuns;
    private int mostRounds;

    /**
     * @param echoRate         the rate of the echo open loop, or null to take half the lower median peak
     * @param objective        the latency objective of the capacity scenario
     * @param noise            probes the machine after every scenario, or null not to
     */
    Comparison(RoundRunner runner, ScenarioCatalog catalog, List<Contestant> contestants, RoundPlan plan,
               double thresholdPct, Path outDir, Long echoRate, LatencyObjective objective, NoiseProbe noise) {
        this.runner = runner;
        this.catalog = catalog;
        this.contestants = List.copyOf(contestants);
        this.plan = plan;
        this.thresholdPct = thresholdPct;
        this.outDir = outDir;
        this.echoRate = echoRate;
        this.objective = objective;
        this.noise = noise;
    }

    /**
     * Runs the scenarios named as {@link ScenarioCatalog#ALL} takes them, in that order, each
     * within its share of the time left; then, with {@code --rounds auto}, spends what is left on
     * the scenarios still undecided ({@link #secondPass}).
     */
    void run(List<String> names) throws InterruptedException {
        int remaining = names.size() + (names.contains("echo") ? 1 : 0) + (names.contains("overload") ? 1 : 0);
        List<ScenarioRun> runs = new ArrayList<>();
        List<ResultEntry> peaks = List.of();
        List<ResultEntry> capacities = List.of();
        List<ResultEntry> backends = List.of();
        for (String name : ScenarioCatalog.ALL) {
            if (!names.contains(name)) {
                continue;
            }
            switch (name) {
                case "echo" -> {
                    ScenarioRun peak = startScenario(runner, catalog.echoPeak(), remaining--);
                    runs.add(peak);
                    peaks = peak.entries;
                    long rate = echoRate != null ? echoRate : latencyRate(peak.entries);
                    if (rate > 0) {
                        runs.add(startScenario(runner, catalog.echoLatency(rate, echoRate == null), remaining--));
                    } else {
                        remaining--;
                        notes.add("echo-latency skipped: no server gave a peak to take half of");
                    }
                }
                case "capacity" -> {
                    double highest = highestPeak(peaks);
                    boolean fromPeak = highest > 0;
                    double top = fromPeak ? highest * ScenarioCatalog.CAPACITY_TOP_OVER_PEAK
                            : ScenarioCatalog.CAPACITY_DEFAULT_TOP;
                    ScenarioRun capacity = startScenario(runner, catalog.capacity(top, objective,
                            SweepPlan.DEFAULT_REFINE_STEPS, fromPeak), remaining--);
                    runs.add(capacity);
                    capacities = capacity.entries;
                }
                case "overload" -> {
                    // Its rates come from what ran before it; the second pass does not revisit scenarios that ran
                    // before these, so their medians are final enough to start from.
                    runs.add(startScenario(runner, echoOverload(capacities, peaks), remaining--));
                    runs.add(startScenario(runner, backendOverload(backends), remaining--));
                }
                case "backend" -> {
                    ScenarioRun backend = startScenario(runner, catalog.first(name), remaining--);
                    runs.add(backend);
                    backends = backend.entries;
                }
                default -> runs.add(startScenario(runner, catalog.first(name), remaining--));
            }
        }
        secondPass(runs);
        for (ScenarioRun run : runs) {
            finish(run);
        }
    }

    /**
     * {@code --scaling}: echo-peak and backend at every step of server CPUs, each step on a runner
     * of its own CPU plan, the scenarios named by their step ({@link Scenario#atServerCpus}).
     */
    void runScaling(List<CpuPlan> steps, Function<CpuPlan, RoundRunner> runners) throws InterruptedException {
        int remaining = steps.size() * SCALING_SCENARIOS.size();
        for (CpuPlan step : steps) {
            RoundRunner stepRunner = runners.apply(step);
            for (String name : SCALING_SCENARIOS) {
                runScenario(stepRunner, catalog.first(name).atServerCpus(step.serverCpuCount()), remaining--);
            }
        }
    }

    /**
     * Runs a scenario within its share of the time left, and keeps its figures and verdicts.
     *
     * @param scenariosLeft this scenario and those after it: its share of the time left
     */
    private List<ResultEntry> runScenario(RoundRunner runner, Scenario scenario, int scenariosLeft)
            throws InterruptedException {
        ScenarioRun run = startScenario(runner, scenario, scenariosLeft);
        finish(run);
        return run.entries;
    }

    /** One scenario's rounds so far. */
    private static final class ScenarioRun {
        final RoundRunner runner;
        final Scenario scenario;
        final ScenarioInfo info;
        final List<RunOutcome> outcomes = new ArrayList<>();
        List<ResultEntry> entries = List.of();
        List<ScenarioVerdict> decided = List.of();
        int rounds;
        long spentNs;

        ScenarioRun(RoundRunner runner, Scenario scenario) {
            this.runner = runner;
            this.scenario = scenario;
            this.info = scenario.info();
        }

        boolean open() {
            return decided.stream().anyMatch(verdict -> !verdict.decided());
        }
    }

    /**
     * Runs a scenario's rounds within its share of the time left (its minimum, then more while
     * undecided) and checkpoints the machine's noise after it; its figures are kept by
     * {@link #finish}, after any second pass.
     */
    private ScenarioRun startScenario(RoundRunner runner, Scenario scenario, int scenariosLeft)
            throws InterruptedException {
        ScenarioRun run = new ScenarioRun(runner, scenario);
        scenarios.add(run.info);
        long shareNs = plan.timeLeftNs() / Math.max(1, scenariosLeft);
        while (true) {
            runRound(run);
            long perRoundNs = run.spentNs / run.rounds;
            if (!plan.another(run.rounds, countedRounds(run.outcomes, run.rounds), run.decided,
                    run.spentNs + perRoundNs, shareNs)) {
                break;
            }
        }
        if (noise != null) {
            noise.checkpoint("after " + scenario.name());
        }
        return run;
    }

    private void runRound(ScenarioRun run) throws InterruptedException {
        long startNs = System.nanoTime();
        run.rounds++;
        run.outcomes.addAll(run.runner.runRound(run.scenario, contestants, run.rounds, plan.describe(run.rounds)));
        run.entries = entries(run.scenario, run.outcomes);
        run.decided = verdicts(run.info, run.entries);
        run.spentNs += System.nanoTime() - startNs;
    }

    /**
     * The second pass of {@code --rounds auto}: the time that scenarios decided early left over
     * goes, one round at a time and in turn, to the scenarios still undecided, while a round of
     * theirs fits in what is left and they are under the most rounds. A scenario's share is fixed
     * before it runs, so without this pass the first scenario, whose share is the smallest part of
     * the budget, stopped undecided while the budget ended unspent.
     */
    private void secondPass(List<ScenarioRun> runs) throws InterruptedException {
        boolean ranOne = true;
        while (ranOne) {
            ranOne = false;
            for (ScenarioRun run : runs) {
                if (run.open() && plan.affords(run.rounds, run.spentNs / Math.max(1, run.rounds))) {
                    runRound(run);
                    ranOne = true;
                }
            }
        }
    }

    /** Keeps a scenario's figures, verdicts and notes. */
    private void finish(ScenarioRun run) {
        mostRounds = Math.max(mostRounds, run.rounds);
        for (RunOutcome outcome : run.outcomes) {
            if (outcome.note() != null) {
                notes.add(run.scenario.name() + " " + outcome.server() + " round " + outcome.round() + ": "
                        + outcome.note());
            }
            if (!outcome.succeeded()) {
                failedRuns++;
                notes.add(run.scenario.name() + " " + outcome.server() + " round " + outcome.round() + " failed: "
                        + outcome.failure());
            }
        }
        results.addAll(run.entries);
        verdicts.addAll(run.decided);
    }

    /** Rounds 1 to {@code rounds} in which every contestant gave a result that counts ({@link RunOutcome#counts}). */
    private int countedRounds(List<RunOutcome> outcomes, int rounds) {
        int counted = 0;
        for (int round = 1; round <= rounds; round++) {
            int number = round;
            List<RunOutcome> ofRound = outcomes.stream().filter(o -> o.round() == number).toList();
            if (ofRound.size() == contestants.size() && ofRound.stream().allMatch(RunOutcome::counts)) {
                counted++;
            }
        }
        return counted;
    }

    private List<ResultEntry> entries(Scenario scenario, List<RunOutcome> outcomes) {
        List<ResultEntry> entries = new ArrayList<>();
        for (Contestant contestant : contestants) {
            List<RunOutcome> mine = outcomes.stream().filter(o -> o.server().equals(contestant.name()))
                    .sorted(java.util.Comparator.comparingInt(RunOutcome::round)).toList();
            entries.add(Medians.entry(scenario.name(), contestant.name(), mine, outDir));
        }
        return entries;
    }

    /** The verdict of each contestant after the first against the first, where a pair of rounds has the figure. */
    private List<ScenarioVerdict> verdicts(ScenarioInfo info, List<ResultEntry> entries) {
        List<ScenarioVerdict> decided = new ArrayList<>();
        for (int i = 1; i < entries.size(); i++) {
            ScenarioVerdict verdict = PairedVerdicts.of(info, entries.getFirst(), entries.get(i), thresholdPct);
            if (verdict != null) {
                decided.add(verdict);
            }
        }
        return decided;
    }

    /**
     * Echo overload from the lower median capacity of this run, else the lower median echo peak,
     * else {@link ScenarioCatalog#OVERLOAD_ECHO_DEFAULT_BASE}.
     */
    private Scenario echoOverload(List<ResultEntry> capacities, List<ResultEntry> peaks) {
        double capacity = lowest(capacities, entry -> entry.rounds().stream().map(RoundResult::capacityPerSec)
                .filter(java.util.Objects::nonNull).sorted().toList());
        if (capacity > 0) {
            return catalog.overload(false, capacity, "the lower capacity at " + objective.text() + " of this run",
                    objective);
        }
        double peak = lowest(peaks, entry -> List.of(entry.figures().throughputPerSec()));
        if (peak > 0) {
            return catalog.overload(false, peak, "the lower median echo peak of this run (no capacity ran)",
                    objective);
        }
        return catalog.overload(false, ScenarioCatalog.OVERLOAD_ECHO_DEFAULT_BASE,
                "a fixed 40,000/s (neither capacity nor echo ran)", objective);
    }

    /** Backend overload from the lower median backend throughput of this run, else a fixed 3,200/s. */
    private Scenario backendOverload(List<ResultEntry> backends) {
        double throughput = lowest(backends, entry -> List.of(entry.figures().throughputPerSec()));
        return throughput > 0
                ? catalog.overload(true, throughput, "the lower median backend throughput of this run", objective)
                : catalog.overload(true, ScenarioCatalog.OVERLOAD_BACKEND_DEFAULT_BASE,
                        "a fixed 3,200/s, nio's 16 workers at 5 ms (no backend ran)", objective);
    }

    /** The lowest of the contestants' medians of {@code figures} (the lower middle of an even count); 0 when none. */
    private static double lowest(List<ResultEntry> entries, Function<ResultEntry, List<Double>> figures) {
        double lowest = Double.MAX_VALUE;
        for (ResultEntry entry : entries) {
            if (!entry.measured()) {
                continue;
            }
            List<Double> values = figures.apply(entry).stream().filter(v -> v != null && v > 0).sorted().toList();
            if (!values.isEmpty()) {
                lowest = Math.min(lowest, values.get((values.size() - 1) / 2));
            }
        }
        return lowest == Double.MAX_VALUE ? 0 : lowest;
    }

    /** The highest median peak among {@code peaks} to two significant digits; 0 when none has one. */
    static double highestPeak(List<ResultEntry> peaks) {
        double highest = peaks.stream().filter(ResultEntry::measured)
                .mapToDouble(entry -> entry.figures().throughputPerSec()).max().orElse(0);
        return highest < 1 ? 0 : ScenarioCatalog.roundedToTwoSignificantDigits(highest);
    }

    /** Half the lower median peak, to two significant digits; 0 when no contestant has one. */
    static long latencyRate(List<ResultEntry> peaks) {
        double lowest = peaks.stream().filter(ResultEntry::measured)
                .mapToDouble(entry -> entry.figures().throughputPerSec()).filter(rate -> rate > 0).min().orElse(0);
        double half = lowest / 2;
        if (half < 1) {
            return 0;
        }
        return Math.max(1, Math.round(ScenarioCatalog.roundedToTwoSignificantDigits(half)));
    }

    List<ScenarioInfo> scenarios() {
        return scenarios;
    }

    List<ResultEntry> results() {
        return results;
    }

    List<ScenarioVerdict> verdicts() {
        return verdicts;
    }

    List<String> notes() {
        return notes;
    }

    int failedRuns() {
        return failedRuns;
    }

    /** The most rounds any scenario ran. */
    int mostRounds() {
        return mostRounds;
    }

    long errors() {
        return results.stream().mapToLong(entry -> entry.figures().errors()).sum();
    }

    /** The run order of the rounds, e.g. {@code vt nio | nio vt | ...}. */
    String order() {
        List<String> first = contestants.stream().map(Contestant::name).toList();
        List<String> second = RoundRunner.order(contestants, 2).stream().map(Contestant::name).toList();
        return String.join(" ", first) + (contestants.size() > 1 ? ", then " + String.join(" ", second)
                + ", alternating" : "");
    }
}
