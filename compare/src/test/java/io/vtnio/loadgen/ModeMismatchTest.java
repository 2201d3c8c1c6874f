package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.nio.SelectorServerFactory;
import io.vtnio.vt.VirtualThreadServerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A load of one mode against vtnio's own server of another says so in one line and stops at
 * once with exit 1, though each run asks for 60 s: the test's timeout is far below that.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModeMismatchTest {

    private static CommandRun loadAgainst(String serverMode, boolean virtualThreads, String... loadOptions)
            throws Exception {
        ServerConfig config = ServerConfig.parse(new String[] {"--port", "0", "--mode", serverMode});
        Server server = (virtualThreads ? new VirtualThreadServerFactory() : new SelectorServerFactory()).create(config);
        server.start();
        try {
            List<String> args = new ArrayList<>(List.of("load", "--port",
                    Integer.toString(server.localAddresses().get(0).getPort()), "--duration", "60s", "--warmup", "1s",
                    "--timeout", "1s", "--connections", "20"));
            args.addAll(List.of(loadOptions));
            return CommandRun.of(args.toArray(String[]::new));
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private static void assertOneLine(CommandRun run, String expected) {
        assertEquals(1, run.exitCode(), run::toString);
        long lines = run.err().lines().filter(line -> line.startsWith("vtnio load: " + expected)).count();
        assertEquals(1, lines, "said once:\n" + run);
        assertTrue(run.err().lines().noneMatch(line -> line.startsWith("error: wrongReply")
                || line.startsWith("error: timeout")), "no error line per connection:\n" + run);
    }

    @ParameterizedTest(name = "{2} load against a {0} server")
    @CsvSource({
        "echo,  false, chat,  the server echoes",
        "echo,  true,  hello, the server did not greet",
        "chat,  false, hello, the server did not greet",
        "hello, true,  chat,  the server greets",
    })
    void loadOfAnotherModeSaysWhatTheServerDid(String serverMode, boolean virtualThreads, String loadMode, String said)
            throws Exception {
        assertOneLine(loadAgainst(serverMode, virtualThreads, "--mode", loadMode), said);
    }

    @Test
    void echoLoadAgainstAHelloServer() throws Exception {
        CommandRun run = loadAgainst("hello", false);
        assertOneLine(run, "the server greets");
        assertTrue(run.err().contains("is it running --mode hello? then try load --mode hello"), run::toString);
    }

    @Test
    void echoLoadAgainstAChatServer() throws Exception {
        CommandRun run = loadAgainst("chat", false);
        assertOneLine(run, "the server sends lines back without the suffix");
        assertTrue(run.err().contains("is it running --mode chat?"), run::toString);
    }
}
