package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.nio.SelectorServerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generator's connections close abortively against the selector server: a test of the
 * generator (its source ports and closes, {@code engine.SourcePorts}) that needs a real server, so
 * it lives in the one module that has both.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoTimeWaitTest {

    /**
     * After a run every connection of the generator is gone from the kernel's table: the close
     * was abortive, so neither side keeps the pair in TIME_WAIT for a minute, and every reply
     * still arrived (no errors).
     */
    @Test
    void aRunLeavesNoTimeWaitBehindAndLosesNoReply() throws Exception {
        Path table = Path.of("/proc/net/tcp");
        assumeTrue(Files.isReadable(table), "Linux only");
        ServerConfig config = ServerConfig.parse(new String[] {"--port", "0"});
        Server server = new SelectorServerFactory().create(config);
        server.start();
        int port = server.localAddresses().get(0).getPort();
        try {
            CommandRun run = CommandRun.load(port, "--connections", "200", "--pipeline", "8", "--duration", "500ms")
                    .assertExit(0);
            assertTrue(run.out().contains("errors 0"), run::toString);
            String hexPort = String.format(Locale.ROOT, ":%04X", port);
            long timeWait = 0;
            // Java's sockets are dual-stack: IPv4 pairs show up in tcp6 as ::ffff:127.x.y.z.
            for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                timeWait += Files.readAllLines(Path.of(file)).stream().skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .filter(f -> f[3].equals("06") && (f[1].endsWith(hexPort) || f[2].endsWith(hexPort)))
                        .count();
            }
            assertEquals(0, timeWait, "sockets to or from port " + port + " in TIME_WAIT");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
