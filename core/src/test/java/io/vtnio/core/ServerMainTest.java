package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paths of {@link ServerMain} that return instead of running until a signal. */
class ServerMainTest {

    private static final ServerFactory NEVER_CREATES = new ServerFactory() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Server create(ServerConfig config) {
            throw new AssertionError("bad flags must be refused before a server is created");
        }
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void captureOutput() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void badFlagsExitWithTwoAndSayWhy() {
        assertEquals(2, ServerMain.run(NEVER_CREATES, "--port", "70000"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("--port must be 0..65535"), message);
    }

    @ParameterizedTest(name = "{0} {1}: exit 2, stderr says {2}")
    @CsvSource(delimiter = '|', value = {
        "--loops           | 0      | --loops must be 1..1024, got 0",
        "--workers         | -1     | --workers must be 1..100000, got -1",
        "--max-connections | 0      | --max-connections must be at least 1, got 0",
        "--drain-timeout   | -1s    | '-1s' is not a duration",
        "--stats-interval  | soon   | '--stats-interval': 'soon' is not a duration",
        "--max-line        | 12q    | '--max-line': '12q' is not a size",
        "--mode            | shout  | '--mode': expected one of",
        "--framing         | lines  | '--framing': expected one of",
        "--work            | nap:1s | --work: work must be none, sleep:DURATION",
    })
    void everyKindOfBadValueExitsWithTwoAndAClearMessageOnStderr(String flag, String value, String expected) {
        assertEquals(2, ServerMain.run(NEVER_CREATES, flag, value));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(expected), "stderr should contain <" + expected + ">: " + message);
        assertEquals(List.of("try 'vtnio server test --help'"), message.lines().skip(1).toList(),
                "then one hint, not the whole usage: " + message);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout, where the listening line goes");
    }

    @Test
    @Timeout(10)
    void aServerThatCannotListenExitsWithOneAndSaysWhereAndWhy() {
        ServerFactory cannotListen = new ServerFactory() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Server create(ServerConfig config) {
                return new Server() {
                    @Override
                    public void start() throws IOException {
                        throw new BindException("Address already in use");
                    }

                    @Override
                    public List<InetSocketAddress> localAddresses() {
                        throw new AssertionError("a server that did not start has no addresses");
                    }

                    @Override
                    public void stop(Duration drainTimeout) {
                    }

                    @Override
                    public ServerMetrics metrics() {
                        return new ServerMetrics();
                    }
                };
            }
        };
        assertEquals(1, ServerMain.run(cannotListen, "--port", "8001", "--port", "8002"));
        assertEquals("server test: cannot listen on 127.0.0.1:8001 127.0.0.1:8002: Address already in use",
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no listening line");
    }

    @Test
    void helpExitsWithZeroAndListsTheFlags() {
        assertEquals(0, ServerMain.run(NEVER_CREATES, "--help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("server test") && usage.contains("--max-outbound"), usage);
    }

    @Test
    void helpStatesTheDefaultMaxConnectionsAsTheRuleItIs() {
        assertEquals(0, ServerMain.run(NEVER_CREATES, "--help"));
        String usage = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(usage.contains("default: this process's descriptor limit, ulimit -n, less a reserve of max(64, 5%), "
                + "at most " + Protocol.DEFAULT_MAX_CONNECTIONS + ")"), usage);
    }
}
