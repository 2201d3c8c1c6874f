package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vtnio.loadgen.cli.LoadCommand;
import io.vtnio.loadgen.run.LoadConfig;
import io.vtnio.loadgen.run.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifest under {@code deploy/} parses, is an Indexed Job whose pods each take
 * their share from the completion index and write an interval log to a mounted volume, and its
 * arguments are ones {@code load} accepts.
 */
class DeployManifestTest {

    private static final Path MANIFEST = Path.of("..", "deploy", "loadgen-indexed-job.yaml");
    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        assertTrue(Files.isRegularFile(MANIFEST), "run from the loadgen module: " + MANIFEST.toAbsolutePath());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var documents = yaml.readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            while (documents.hasNext()) {
                DOCUMENTS.add((JsonNode) documents.next());
            }
        }
    }

    private static JsonNode document(String kind) {
        return DOCUMENTS.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + MANIFEST));
    }

    @Test
    void theImagesJarIsTheGeneratorAloneWithoutChartsStatisticsOrTheConformanceSuite() throws IOException {
        String dockerfile = Files.readString(Path.of("..", "deploy", "Dockerfile"));
        assertTrue(dockerfile.contains("COPY loadgen/target/vtnio-loadgen.jar"), dockerfile);
        assertEquals(java.util.Set.of("load", "merge", "help"), LoadgenCommand.commandLine().getSubcommands().keySet());
        // What compare needs is not on the generator's class path (JUnit is, for these tests alone:
        // the pom keeps it in the test scope, and verify, which runs JUnit rules, is compare's).
        for (String absent : List.of("org.knowm.xchart.XYChart", "org.apache.commons.statistics.distribution.TDistribution",
                "io.vtnio.conformance.ServerRules")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent);
        }
    }

    @Test
    void isAnIndexedJobWithOnePodPerShard() {
        JsonNode job = document("Job");
        assertEquals("batch/v1", job.get("apiVersion").asText());
        JsonNode spec = job.get("spec");
        assertEquals("Indexed", spec.get("completionMode").asText());
        int completions = spec.get("completions").asInt();
        assertTrue(completions >= 2);
        assertEquals(completions, spec.get("parallelism").asInt(), "all shards run at the same time");
        assertEquals(0, spec.get("backoffLimitPerIndex").asInt(), "a shard is never rerun at another time");
        assertEquals("Never", spec.at("/template/spec/restartPolicy").asText());
        assertEquals(Integer.toString(completions), env(container()).get("SHARDS"), "SHARDS matches completions");
    }

    @Test
    void eachPodTakesItsShareFromTheCompletionIndexAndWritesItsOwnLogToTheVolume() {
        JsonNode container = container();
        List<String> args = args(container);
        assertEquals("load", args.get(0));
        assertTrue(args.contains("--shard=$(SHARD_INDEX)/$(SHARDS)"), args.toString());
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
                envSource(container, "SHARD_INDEX"));
        String hlog = args.stream().filter(a -> a.startsWith("--hlog=")).findFirst().orElseThrow();
        assertTrue(hlog.contains("$(SHARD_INDEX)"), "one log per pod: " + hlog);

        String mountPath = container.at("/volumeMounts/0/mountPath").asText();
        assertTrue(hlog.substring("--hlog=".length()).startsWith(mountPath + "/"), hlog + " under " + mountPath);
        String volume = container.at("/volumeMounts/0/name").asText();
        JsonNode volumes = document("Job").at("/spec/template/spec/volumes");
        String claim = null;
        for (JsonNode v : volumes) {
            if (volume.equals(v.get("name").asText())) {
                claim = v.at("/persistentVolumeClaim/claimName").asText();
            }
        }
        assertNotNull(claim);
        assertEquals(claim, document("PersistentVolumeClaim").at("/metadata/name").asText(), "the claim is in the file");
    }

    @Test
    void theArgumentsAreOnesLoadAccepts(@TempDir Path volume) {
        JsonNode container = container();
        String mountPath = container.at("/volumeMounts/0/mountPath").asText();
        Map<String, String> env = env(container);
        env.put("SHARD_INDEX", "1");
        env.put("TARGET_HOST", "127.0.0.1"); // the cluster's DNS name does not resolve outside it
        List<String> expanded = new ArrayList<>();
        Pattern reference = Pattern.compile("\\$\\((\\w+)\\)");
        for (String arg : args(container)) {
            Matcher m = reference.matcher(arg);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
            }
            m.appendTail(out);
            // The volume is mounted at mountPath in the pod; here a temporary directory stands in.
            expanded.add(out.toString().replace("=" + mountPath + "/", "=" + volume + "/"));
        }
        picocli.CommandLine commandLine = LoadgenCommand.commandLine();
        picocli.CommandLine.ParseResult parsed = commandLine.parseArgs(expanded.toArray(String[]::new));
        LoadCommand load = (LoadCommand) parsed.subcommand().commandSpec().userObject();
        LoadConfig config = load.options().toConfig();
        int shards = Integer.parseInt(env.get("SHARDS"));
        assertEquals(new Shard(1, shards), config.shard());
        assertEquals(Integer.parseInt(env.get("CONNECTIONS")) / shards, config.connections(), "its share of the connections");
        assertEquals(Double.parseDouble(env.get("RATE")) / shards, config.ratePerSec(), 1e-6, "its share of the rate");
    }

    private static JsonNode container() {
        return document("Job").at("/spec/template/spec/containers/0");
    }

    private static List<String> args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.get("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.get("env")) {
            if (variable.has("value")) {
                env.put(variable.get("name").asText(), variable.get("value").asText());
            }
        }
        return env;
    }

    private static String envSource(JsonNode container, String name) {
        for (JsonNode variable : container.get("env")) {
            if (name.equals(variable.get("name").asText())) {
                return variable.at("/valueFrom/fieldRef/fieldPath").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }
}
