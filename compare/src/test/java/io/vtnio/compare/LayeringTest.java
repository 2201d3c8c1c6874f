package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the generator ({@code loadgen}) and of {@code compare} use each other in one
 * direction only, read from the sources' imports and qualified names (comments left out). Each
 * module's packages form one stack, listed top down; a package may use only those below it:
 *
 * <pre>
 *   loadgen:  cli  run  text  client  wire  engine  result
 *   compare:  compare  compare.round  compare.scenario  compare.launch  compare.probe
 *             check  verify  report  profile  report.table  report.summary  report.profile  stats  logs
 * </pre>
 *
 * Of the generator, compare's packages may use {@code result} (the figures of a run) and
 * {@code run} (its warm-up, parsed as {@code load} parses it) alone, and
 * name its root {@code LoadgenCommand} as the main class of the generator processes they start
 * (as {@code load --processes} does). The two roots, {@code LoadgenCommand} and
 * {@code VtnioCommand}, may use every command. No package
 * holds more than {@value #MAX_FILES_PER_PACKAGE} classes: a bigger one does two jobs. Run it
 * alone with
 * {@code ./vtnio test -q -pl compare -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=LayeringTest}.
 */
class LayeringTest {

    static final int MAX_FILES_PER_PACKAGE = 15;

    /** A module's packages below its base, top down, and its root class that may use them all. */
    record Stack(String base, Path sources, String root, List<String> layers) {

        int layerOf(String pkg) {
            return layers.indexOf(pkg);
        }
    }

    static final Stack GENERATOR = new Stack("io.vtnio.loadgen", Path.of("../loadgen/src/main/java/io/vtnio/loadgen"),
            "LoadgenCommand", List.of("", "cli", "run", "text", "client", "wire", "engine", "result"));
    static final Stack COMPARE = new Stack("io.vtnio.compare", Path.of("src/main/java/io/vtnio/compare"),
            "VtnioCommand", List.of("", "round", "scenario", "launch", "probe", "check", "verify", "report", "profile",
                    "report.table", "report.summary", "report.profile", "stats", "logs"));
    /** The generator's root: the main class of every generator process. */
    static final Use GENERATOR_MAIN = new Use("loadgen", "");
    /** What compare's packages may use of the generator: its figures, and its warm-up (as {@code load} parses it). */
    static final Set<String> GENERATOR_FOR_COMPARE = Set.of("result", "run");

    private static final Pattern USE = Pattern.compile("\\bio\\.vtnio\\.(loadgen|compare)((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void everyPackageUsesOnlyThoseBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Stack stack : List.of(GENERATOR, COMPARE)) {
            for (Map.Entry<Path, String> source : sources(stack).entrySet()) {
                String from = packageOf(stack, source.getKey());
                boolean root = source.getKey().getFileName().toString().equals(stack.root() + ".java");
                for (Use to : usedPackages(source.getValue())) {
                    if (!root && !allowed(stack, from, to)) {
                        violations.add(stack.sources().relativize(source.getKey()) + " (" + stack.base() + suffix(from)
                                + ") uses " + to);
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "imports against the layering");
    }

    @Test
    void everyFileLivesInALayerOfAPackageOfAtMostFifteenClasses() throws IOException {
        for (Stack stack : List.of(GENERATOR, COMPARE)) {
            Map<String, Integer> files = new TreeMap<>();
            for (Path file : sources(stack).keySet()) {
                if (!file.getFileName().toString().equals("package-info.java")) {
                    files.merge(packageOf(stack, file), 1, Integer::sum);
                }
            }
            Set<String> unknown = new TreeSet<>(files.keySet());
            unknown.removeAll(stack.layers());
            assertEquals(Set.of(), unknown, "packages of " + stack.base() + " its layering does not name");
            files.forEach((pkg, count) -> assertTrue(count <= MAX_FILES_PER_PACKAGE,
                    stack.base() + suffix(pkg) + " holds " + count + " classes, more than " + MAX_FILES_PER_PACKAGE));
        }
    }

    @Test
    void theRuleItselfRejectsWhatItMust() {
        assertTrue(allowed(GENERATOR, "cli", new Use("loadgen", "engine")));
        assertTrue(allowed(GENERATOR, "client", new Use("loadgen", "engine")));
        assertFalse(allowed(GENERATOR, "engine", new Use("loadgen", "cli")));
        assertFalse(allowed(GENERATOR, "result", new Use("loadgen", "engine")));
        assertFalse(allowed(GENERATOR, "result", new Use("compare", "report")), "the generator never uses compare");
        assertTrue(allowed(COMPARE, "", new Use("loadgen", "result")));
        assertTrue(allowed(COMPARE, "report.table", new Use("loadgen", "result")));
        assertFalse(allowed(COMPARE, "", new Use("loadgen", "client")));
        assertTrue(allowed(COMPARE, "launch", GENERATOR_MAIN), "compare starts generator processes");
        assertFalse(allowed(GENERATOR, "engine", new Use("loadgen", "client")));
        assertFalse(allowed(COMPARE, "report", new Use("loadgen", "engine")));
        assertFalse(allowed(COMPARE, "check", new Use("loadgen", "cli")));
        assertTrue(allowed(COMPARE, "", new Use("compare", "probe")));
        assertTrue(allowed(COMPARE, "round", new Use("compare", "launch")));
        assertTrue(allowed(COMPARE, "round", new Use("compare", "report.summary")));
        assertTrue(allowed(COMPARE, "report", new Use("compare", "report.table")));
        assertFalse(allowed(COMPARE, "launch", new Use("compare", "")));
        assertFalse(allowed(COMPARE, "probe", new Use("compare", "launch")));
        assertFalse(allowed(COMPARE, "report.summary", new Use("compare", "report")), "no compare-report cycle");
        assertFalse(allowed(COMPARE, "report", new Use("compare", "round")), "no compare-report cycle");
        assertFalse(allowed(COMPARE, "stats", new Use("compare", "check")));
        assertFalse(allowed(COMPARE, "nowhere", new Use("loadgen", "result")));
        assertEquals(Set.of(new Use("loadgen", "cli")), usedPackages("import io.vtnio.loadgen.cli.LoadCommand;\nclass X {}"));
        assertEquals(Set.of(new Use("compare", ""), new Use("compare", "launch"), new Use("compare", "report")),
                usedPackages("import io.vtnio.compare.launch.Contestant;\n"
                        + "import static io.vtnio.compare.report.HtmlReport.esc;\nimport io.vtnio.compare.Comparison;"));
        assertTrue(usedPackages("/** {@link io.vtnio.loadgen.cli.LoadCommand} */ class X {}").isEmpty());
    }

    /** A use of a package: its module's base ({@code loadgen} or {@code compare}) and the rest. */
    record Use(String module, String pkg) {

        @Override
        public String toString() {
            return "io.vtnio." + module + suffix(pkg);
        }
    }

    private static boolean allowed(Stack stack, String from, Use to) {
        int fromLayer = stack.layerOf(from);
        if (fromLayer < 0) {
            return false;
        }
        if (to.equals(GENERATOR_MAIN)) {
            return true;
        }
        if (!stack.base().equals("io.vtnio." + to.module())) {
            return stack == COMPARE && GENERATOR_FOR_COMPARE.contains(to.pkg());
        }
        return from.equals(to.pkg()) || stack.layerOf(to.pkg()) > fromLayer;
    }

    private static Set<Use> usedPackages(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        Set<Use> used = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        Matcher matcher = USE.matcher(code);
        while (matcher.find()) {
            String pkg = matcher.group(2);
            used.add(new Use(matcher.group(1), pkg.isEmpty() ? "" : pkg.substring(1)));
        }
        return used;
    }

    private static String suffix(String pkg) {
        return pkg.isEmpty() ? "" : "." + pkg;
    }

    private static String packageOf(Stack stack, Path file) {
        Path relative = stack.sources().relativize(file.getParent());
        return relative.toString().replace('/', '.');
    }

    private static Map<Path, String> sources(Stack stack) throws IOException {
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(stack.sources())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file));
            }
        }
        assertTrue(sources.size() > 40, "found only " + sources.size() + " sources under " + stack.sources().toAbsolutePath());
        return sources;
    }
}
