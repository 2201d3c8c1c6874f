package io.vtnio.compare;

import io.vtnio.compare.launch.Contestant;
import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.launch.JavaLaunch;
import io.vtnio.compare.launch.ServerFlags;
import io.vtnio.compare.launch.ServerLaunch;
import io.vtnio.compare.launch.ServerProcess;
import io.vtnio.conformance.RemoteRule;
import io.vtnio.conformance.RemoteRuleCatalog;
import io.vtnio.conformance.RuleOutcome;
import io.vtnio.conformance.Target;
import io.vtnio.conformance.Verification;
import io.vtnio.core.Mode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks every {@code --server NAME=COMMAND} contestant with {@code vtnio verify}'s rules before
 * {@code compare} measures it: a server that answers wrongly would make any figure meaningless.
 * For each mode the chosen scenarios need it starts the contestant as a run would (the same
 * command, placeholders and vtnio flags, no work), runs the rules of that mode against it and
 * stops it; the rules of modes no scenario uses are skipped. vtnio's own servers are not
 * re-verified: the conformance suite covers them; the frameworks ({@code helidon}, {@code netty})
 * are verified like any command. Each contestant's lines go to
 * {@code DIR/verify/NAME.txt}.
 *
 * <p>Threading: one thread, the command's.
 */
final class ContestantVerifier {

    /** What the report says of a built-in server. */
    static final String BUILT_IN = "built-in: conformance suite (./vtnio test)";
    /** What the report says of a contestant measured without verification. */
    static final String NOT_VERIFIED = "not verified (--no-verify)";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How a framework's server says what it is, on its second stdout line: {@code framework Netty 4.2.18.Final (...)}. */
    private static final String FRAMEWORK_PREFIX = "framework ";

    private final JavaLaunch java;
    private final CpuPlan cpus;
    private final Path dir;
    private final PrintWriter stderr;
    private final Map<String, String> summaries = new LinkedHashMap<>();
    private final Map<String, String> frameworks = new LinkedHashMap<>();
    private final List<String> refusals = new ArrayList<>();

    /** @param cpus the plan contestants run under, so {@code {cpus}} is filled in and they start where they are measured */
    ContestantVerifier(JavaLaunch java, CpuPlan cpus, Path dir, PrintWriter stderr) {
        this.java = java;
        this.cpus = cpus;
        this.dir = dir;
        this.stderr = stderr;
    }

    /**
     * Verifies each contestant that needs it, in each of {@code modes} (those the chosen scenarios run).
     *
     * @param skip true for {@code --no-verify}
     */
    void verifyAll(List<Contestant> contestants, Set<Mode> modes, boolean skip)
            throws IOException, InterruptedException {
        for (Contestant contestant : contestants) {
            if (contestant.isJvm() && !contestant.builtIn().isFramework()) {
                summaries.put(contestant.name(), BUILT_IN);
            } else if (skip) {
                summaries.put(contestant.name(), NOT_VERIFIED);
            } else {
                verify(contestant, modes);
            }
        }
    }

    /** For the report: how each contestant was verified, by name. */
    Map<String, String> summaries() {
        return Map.copyOf(summaries);
    }

    /**
     * What each verified server said it is on its {@code framework ...} stdout line (Helidon's and
     * Netty's servers print their versions there), by name; absent for the others.
     */
    Map<String, String> frameworks() {
        return Map.copyOf(frameworks);
    }

    /** One line per contestant that failed, naming the rules; empty when none did. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    private void verify(Contestant contestant, Set<Mode> modes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        Map<RemoteRule, RuleOutcome> outcomes = new LinkedHashMap<>();
        String startProblem = null;
        for (Mode mode : modes) {
            String modeName = mode.name().toLowerCase(Locale.ROOT);
            stderr.printf(Locale.ROOT, "vtnio compare: verifying %s in %s mode%n", contestant.name(), modeName);
            stderr.flush();
            ServerLaunch launch = contestant.launch(java, new ServerFlags(modeName, "none"), null,
                    cpus.allotment(contestant), null);
            lines.add("# " + modeName + ": " + launch.display());
            Path log = dir.resolve(contestant.name() + "-" + modeName);
            try (ServerProcess server = ServerProcess.start(cpus.server(launch.command()), launch.readinessPort(),
                    Path.of(log + ".stdout.log"), Path.of(log + ".stderr.log"))) {
                try {
                    server.awaitReady(START_TIMEOUT);
                } catch (IOException e) {
                    startProblem = "in " + modeName + " mode it " + e.getMessage();
                    lines.add("did not start: " + e.getMessage());
                    continue;
                }
                Target target = Target.remote("127.0.0.1", server.port()).withMode(mode);
                List<RemoteRule> rules = RemoteRuleCatalog.all().stream()
                        .filter(rule -> rule.needs().mode() == mode).toList();
                Verification.run(rules, target, outcome -> {
                    outcomes.put(outcome.rule(), outcome);
                    lines.add(outcome.line());
                });
                server.stop(Duration.ofSeconds(10));
            }
            frameworkLine(Path.of(log + ".stdout.log")).ifPresent(line -> frameworks.put(contestant.name(), line));
        }
        List<RuleOutcome> all = new ArrayList<>();
        for (RemoteRule rule : RemoteRuleCatalog.all()) {
            RuleOutcome outcome = outcomes.get(rule);
            all.add(outcome != null ? outcome : RuleOutcome.skip(rule, "no chosen scenario runs --mode "
                    + rule.needs().mode().name().toLowerCase(Locale.ROOT)));
        }
        Verification result = new Verification(all);
        lines.add(result.summary());
        Path file = dir.resolve(contestant.name() + ".txt");
        Files.write(file, lines, StandardCharsets.UTF_8);
        stderr.printf(Locale.ROOT, "vtnio compare: %s: %s (%s)%n", contestant.name(), result.summary(), file);
        stderr.flush();
        if (startProblem != null) {
            summaries.put(contestant.name(), "not verified: " + startProblem);
            refusals.add(contestant.name() + " could not be verified: " + startProblem);
        } else if (!result.failedAnswerRules().isEmpty()) {
            summaries.put(contestant.name(), "failed verification: " + result.summary());
            refusals.add(contestant.name() + " failed " + result.failedAnswerRules().size() + " of vtnio verify's rules "
                    + "about its answers: " + sentences(result.failedAnswerRules()) + " (details: " + file + ")");
        } else if (result.failed() > 0) {
            // Wrong only about bad or unusual input: its figures mean what they say; the report says what it failed.
            summaries.put(contestant.name(), "verified: " + result.summary() + ": " + sentences(result.failedRules()));
        } else {
            summaries.put(contestant.name(), "verified: " + result.passed() + " passed, " + result.skipped()
                    + " skipped");
        }
    }

    private static String sentences(List<RemoteRule> rules) {
        return rules.stream().map(r -> r.family() + ": " + r.sentence()).collect(Collectors.joining("; "));
    }

    /** {@code Helidon SE 4.5.0 (virtual threads)} from a {@code framework ...} line among a server's first stdout lines. */
    private static Optional<String> frameworkLine(Path stdout) throws IOException {
        if (!Files.isRegularFile(stdout)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(stdout, StandardCharsets.UTF_8)) {
            return lines.limit(5).filter(line -> line.startsWith(FRAMEWORK_PREFIX))
                    .map(line -> line.substring(FRAMEWORK_PREFIX.length()).trim()).findFirst();
        }
    }
}
