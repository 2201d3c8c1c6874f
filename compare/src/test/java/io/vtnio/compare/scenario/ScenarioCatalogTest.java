package io.vtnio.compare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.loadgen.run.LatencyObjective;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {

    private final ScenarioCatalog catalog = new ScenarioCatalog(ScenarioSizes.DEFAULT);

    @Test
    void onlyEchoPeakIsAClosedLoopPeakWhoseThroughputNeedsASaturatedServer() {
        assertTrue(catalog.echoPeak().closedPeak());
        for (String name : List.of("idle", "fanout", "churn", "backend")) {
            assertFalse(catalog.first(name).closedPeak(), name);
        }
        assertFalse(catalog.echoLatency(30_000, true).closedPeak());
        assertFalse(catalog.capacity(100_000, LatencyObjective.parse("p99=5ms"), 3, true).closedPeak(),
                "a sweep is an open loop, with no --rate of its own");
    }

    @Test
    void capacitySweepsSixDoublingsUpToItsTopAtTheObjective() {
        Scenario capacity = catalog.capacity(125_000, LatencyObjective.parse("p99=5ms"), 3, true);
        List<String> args = capacity.loadArgs();
        assertEquals("1953:125000:7:geometric", args.get(args.indexOf("--sweep") + 1));
        assertEquals("p99=5ms", args.get(args.indexOf("--slo") + 1));
        assertEquals("3", args.get(args.indexOf("--refine") + 1));
        assertTrue(capacity.sweeps());
        assertEquals(10, capacity.windows(), "seven steps and three bisections, each warmed up and measured");
        assertEquals(1, catalog.echoPeak().windows());
        assertEquals("capacity at p99=5ms", capacity.title());
        assertTrue(capacity.description().contains("2.5x the highest median echo peak of this run"),
                capacity.description());
        assertTrue(catalog.capacity(160_000, LatencyObjective.parse("p99=5ms"), 3, false).description()
                .contains("no echo peak in this run"));
    }

    @Test
    void churnOffersEveryServerTheSameFixedRateOfConnections() {
        Scenario churn = catalog.first("churn");
        List<String> args = churn.loadArgs();
        assertEquals("hello", args.get(args.indexOf("--mode") + 1));
        assertEquals(Integer.toString(ScenarioSizes.DEFAULT.churnRatePerSec()), args.get(args.indexOf("--rate") + 1));
        assertEquals("connection churn at 8,000/s", churn.title());
    }

    @Test
    void overHttpTheRequestReplyScenariosRunHttpOnServerAndGenerator() {
        ScenarioCatalog http = new ScenarioCatalog(ScenarioSizes.DEFAULT, ScenarioCatalog.OVERLOAD_FACTOR,
                WireProtocol.HTTP);
        LatencyObjective objective = LatencyObjective.parse("p99=5ms");
        for (Scenario scenario : List.of(http.echoPeak(), http.echoLatency(1000, true), http.first("backend"),
                http.first("idle"), http.capacity(100_000, objective, 3, true),
                http.overload(true, 3000, "a note", objective))) {
            assertEquals("http", scenario.serverFlags().mode(), scenario.name());
            List<String> args = scenario.loadArgs();
            assertEquals("http", args.get(args.indexOf("--mode") + 1), scenario.name());
            assertEquals("response", scenario.unit(), scenario.name());
            assertTrue(scenario.description().contains("GET /plaintext"), scenario.description());
        }
        assertEquals("sleep:5ms", http.first("backend").serverFlags().work());
        assertTrue(http.echoPeak().closedPeak());
        assertEquals("HTTP plaintext, peak throughput", http.echoPeak().title());
        assertEquals(java.util.Set.of(io.vtnio.core.Mode.HTTP), http.modes(List.of("echo", "capacity", "backend")));
        assertFalse(catalog.echoPeak().loadArgs().contains("--mode"), "the line protocol's echo is load's default");
        assertEquals(List.of("echo", "capacity", "backend"), WireProtocol.HTTP.defaultScenarios());
    }
}
