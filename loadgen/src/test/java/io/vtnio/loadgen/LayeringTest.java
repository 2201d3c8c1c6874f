package io.vtnio.loadgen;

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
 * The generator's packages use each other in one direction only, read from the sources' imports
 * and qualified names (comments left out):
 *
 * <pre>
 *   cli  --&gt;  run  --&gt;  client  --&gt;  engine  --&gt;  result
 *   compare, report, check, profile, stats, verify  --&gt;  result only
 *
 *   compare  --&gt;  compare.round  --&gt;  compare.scenario  --&gt;  compare.launch  --&gt;  compare.probe
 *   report  --&gt;  report.table  --&gt;  report.summary  --&gt;  report.profile
 * </pre>
 *
 * A package may use those to its right, never those to its left; {@code VtnioCommand}, the root,
 * may use all. The readers of results ({@code compare}, {@code report} ...) may use each other,
 * and within one of them its subpackages go one way too. Run it alone with
 * {@code ./vtnio test -pl loadgen -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=LayeringTest}.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/io/vtnio/loadgen");
    private static final List<String> GENERATOR_LAYERS = List.of("result", "engine", "client", "run", "cli");
    /** The readers of results, each with its subpackages from the bottom up. */
    private static final Map<String, List<String>> RESULT_READERS = Map.of(
            "compare", List.of("compare.probe", "compare.launch", "compare.scenario", "compare.round", "compare"),
            "report", List.of("report.profile", "report.summary", "report.table", "report"),
            "check", List.of("check"),
            "profile", List.of("profile"),
            "stats", List.of("stats"),
            "verify", List.of("verify"));
    /** A use of a class: its package below {@code io.vtnio.loadgen}, up to the class's capital. */
    private static final Pattern USE = Pattern.compile("\\bio\\.vtnio\\.loadgen\\.((?:[a-z]\\w*\\.)+)[A-Z]");

    @Test
    void everyPackageUsesOnlyThoseBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<Path, String> source : sources().entrySet()) {
            String from = packageOf(source.getKey());
            for (String to : usedPackages(source.getValue())) {
                if (!allowed(from, to)) {
                    violations.add(SOURCES.relativize(source.getKey()) + " (" + from + ") uses " + to);
                }
            }
        }
        assertEquals(List.of(), violations, "imports against the layering");
    }

    @Test
    void theRuleItselfRejectsWhatItMust() {
        assertTrue(allowed("cli", "engine"));
        assertTrue(allowed("client", "engine"));
        assertTrue(allowed("compare", "result"));
        assertTrue(allowed("compare", "report"));
        assertFalse(allowed("engine", "cli"));
        assertFalse(allowed("engine", "client"));
        assertFalse(allowed("result", "engine"));
        assertFalse(allowed("compare", "run"));
        assertFalse(allowed("report", "engine"));
        assertFalse(allowed("check", "cli"));
        assertTrue(allowed("compare", "compare.probe"));
        assertTrue(allowed("compare.round", "compare.launch"));
        assertTrue(allowed("compare.round", "report.summary"));
        assertTrue(allowed("report", "report.table"));
        assertFalse(allowed("compare.launch", "compare"));
        assertFalse(allowed("compare.probe", "compare.launch"));
        assertFalse(allowed("compare.scenario", "compare.round"));
        assertFalse(allowed("report.summary", "report.table"));
        assertFalse(allowed("report.profile", "report"));
        assertFalse(allowed("compare.launch", "engine"));
        assertFalse(allowed("report.summary", "run"));
        assertFalse(allowed("compare.nowhere", "result"));
        assertTrue(usedPackages("import io.vtnio.loadgen.cli.LoadCommand;\nclass X {}").contains("cli"));
        assertEquals(Set.of("compare.launch", "report"), usedPackages(
                "import io.vtnio.loadgen.compare.launch.Contestant;\nimport static io.vtnio.loadgen.report.HtmlReport.esc;"));
        assertTrue(usedPackages("/** {@link io.vtnio.loadgen.cli.LoadCommand} */ class X {}").isEmpty());
    }

    @Test
    void everyGeneratorFileLivesInALayer() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (Path file : sources().keySet()) {
            packages.add(packageOf(file));
        }
        Set<String> known = new TreeSet<>(GENERATOR_LAYERS);
        RESULT_READERS.values().forEach(known::addAll);
        known.add("");
        assertTrue(known.containsAll(packages), "a package the layering does not name: " + packages);
    }

    private static boolean allowed(String from, String to) {
        if (from.equals(to) || from.isEmpty()) {
            return true;
        }
        int fromLayer = GENERATOR_LAYERS.indexOf(from);
        int toLayer = GENERATOR_LAYERS.indexOf(to);
        if (fromLayer >= 0) {
            return toLayer >= 0 && toLayer < fromLayer;
        }
        // compare, report, check ...: each other and result, never the generator's inner layers;
        // within one of them, only the subpackages below.
        String fromReader = readerOf(from);
        String toReader = readerOf(to);
        if (fromReader == null || toReader == null) {
            return fromReader != null && to.equals("result");
        }
        if (!fromReader.equals(toReader)) {
            return true;
        }
        List<String> order = RESULT_READERS.get(fromReader);
        return order.indexOf(to) < order.indexOf(from);
    }

    /** The reader of results {@code pkg} belongs to, or null when it is none of their packages. */
    private static String readerOf(String pkg) {
        String top = pkg.split("\\.")[0];
        List<String> family = RESULT_READERS.get(top);
        return family != null && family.contains(pkg) ? top : null;
    }

    private static Set<String> usedPackages(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        Set<String> used = new TreeSet<>();
        Matcher matcher = USE.matcher(code);
        while (matcher.find()) {
            String pkg = matcher.group(1);
            used.add(pkg.substring(0, pkg.length() - 1));
        }
        return used;
    }

    private static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file.getParent());
        return relative.toString().replace('/', '.');
    }

    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file));
            }
        }
        assertTrue(sources.size() > 100, "found only " + sources.size() + " sources under " + SOURCES.toAbsolutePath());
        return sources;
    }
}
