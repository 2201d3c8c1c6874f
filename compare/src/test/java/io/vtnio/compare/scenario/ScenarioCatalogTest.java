package io.vtnio.compare.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    }

    @Test
    void churnOffersEveryServerTheSameFixedRateOfConnections() {
        Scenario churn = catalog.first("churn");
        List<String> args = churn.loadArgs();
        assertEquals("hello", args.get(args.indexOf("--mode") + 1));
        assertEquals(Integer.toString(ScenarioSizes.DEFAULT.churnRatePerSec()), args.get(args.indexOf("--rate") + 1));
        assertEquals("connection churn at 8,000/s", churn.title());
    }
}
