package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerFactory;
import io.vtnio.nio.SelectorServerFactory;
import io.vtnio.vt.VirtualThreadServerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator against the project's real servers, started in-process on free ports. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<ServerFactory> servers() {
        return Stream.of(new SelectorServerFactory(), new VirtualThreadServerFactory());
    }

    private static Server start(ServerFactory factory, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--port", "0"));
        args.addAll(List.of(options));
        Server server = factory.create(ServerConfig.parse(args.toArray(String[]::new)));
        server.start();
        return server;
    }

    private JsonNode load(Server server, String... options) throws Exception {
        Path json = dir.resolve("summary.json");
        List<String> args = new ArrayList<>(List.of("load", "--json", json.toString(), "--warmup", "200ms"));
        server.localAddresses().forEach(a -> args.addAll(List.of("--port", Integer.toString(a.getPort()))));
        args.addAll(List.of(options));
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        return JSON.readTree(json.toFile());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void closedEchoOverTwoPortsWithoutErrors(ServerFactory factory) throws Exception {
        Server server = start(factory);
        try {
            JsonNode summary = load(server, "--connections", "50", "--pipeline", "4", "--duration", "1s");
            assertEquals(0, summary.get("errors").asLong());
            assertTrue(summary.get("requests").asLong() > 1_000, summary::toString);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void openEchoAtARate(ServerFactory factory) throws Exception {
        Server server = start(factory);
        try {
            JsonNode summary = load(server, "--connections", "20", "--rate", "5000", "--duration", "1s");
            double throughput = summary.get("throughputPerSec").asDouble();
            assertTrue(throughput > 4_000 && throughput < 6_000, summary::toString);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void chatDeliversEveryLineInOrder(ServerFactory factory) throws Exception {
        Server server = start(factory, "--mode", "chat");
        try {
            JsonNode summary = load(server, "--mode", "chat", "--connections", "20", "--publishers", "3",
                    "--rate", "300", "--duration", "1s");
            assertEquals(0, summary.get("errors").asLong());
            assertTrue(summary.get("requests").asLong() > 4_000, summary::toString);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void helloChurnChecksGreetings(ServerFactory factory) throws Exception {
        Server server = start(factory, "--mode", "hello");
        try {
            JsonNode summary = load(server, "--mode", "hello", "--connections", "8", "--duration", "1s");
            assertTrue(summary.get("requests").asLong() > 100, summary::toString);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
