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
 * </pre>
 *
 * A package may use those to its right, never those to its left; {@code VtnioCommand}, the root,
 * may use all. Run it alone with
 * {@code ./vtnio test -pl loadgen -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=LayeringTest}.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/io/vtnio/loadgen");
    private static final List<String> GENERATOR_LAYERS = List.of("result", "engine", "client", "run", "cli");
    private static final Set<String> RESULT_READERS = Set.of("compare", "report", "check", "profile", "stats",
            "verify");
    private static final Pattern USE = Pattern.compile("\\bio\\.vtnio\\.loadgen\\.([a-z]+)\\.");

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
        assertTrue(usedPackages("import io.vtnio.loadgen.cli.LoadCommand;\nclass X {}").contains("cli"));
        assertTrue(usedPackages("/** {@link io.vtnio.loadgen.cli.LoadCommand} */ class X {}").isEmpty());
    }

    @Test
    void everyGeneratorFileLivesInALayer() throws IOException {
        Set<String> packages = new TreeSet<>();
        for (Path file : sources().keySet()) {
            packages.add(packageOf(file));
        }
        Set<String> known = new TreeSet<>(GENERATOR_LAYERS);
        known.addAll(RESULT_READERS);
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
        // compare, report, check ...: each other and result, never the generator's inner layers.
        return to.equals("result") || RESULT_READERS.contains(to);
    }

    private static Set<String> usedPackages(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        Set<String> used = new TreeSet<>();
        Matcher matcher = USE.matcher(code);
        while (matcher.find()) {
            used.add(matcher.group(1));
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
