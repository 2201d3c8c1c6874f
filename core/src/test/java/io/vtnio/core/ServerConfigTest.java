package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

class ServerConfigTest {

    @Test
    void defaultsAreTheSpecs() {
        ServerConfig config = ServerConfig.parse();
        assertEquals("127.0.0.1", config.host());
        assertEquals(List.of(8001), config.ports());
        assertEquals(Mode.ECHO, config.mode());
        assertEquals(Framing.LINE, config.framing());
        assertEquals(Protocol.DEFAULT_MAX_LINE_BYTES, config.maxLineBytes());
        assertEquals(Protocol.DEFAULT_MAX_OUTBOUND_BYTES, config.maxOutboundBytes());
        assertArrayEquals("好".getBytes(StandardCharsets.UTF_8), config.suffix());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), config.greeting());
        assertTrue(config.work().isNone());
        assertEquals(Duration.ofSeconds(5), config.drainTimeout());
        assertEquals(Duration.ZERO, config.statsInterval());
        assertEquals(1, config.loops());
        assertEquals(16, config.workers());
        assertEquals(ServerOptions.defaultMaxConnections(StartupWarnings.descriptorLimit()), config.maxConnections());
    }

    @Test
    void defaultMaxConnectionsIsBelowThisProcesssDescriptorLimit() {
        int maxConnections = ServerConfig.parse().maxConnections();
        assertTrue(maxConnections >= 1 && maxConnections <= Protocol.DEFAULT_MAX_CONNECTIONS, "" + maxConnections);
        StartupWarnings.descriptorLimit().ifPresent(limit -> assertTrue(maxConnections < limit,
                maxConnections + " connections by default under a limit of " + limit + " descriptors"));
    }

    @Test
    void anExplicitMaxConnectionsWinsOverTheDescriptorLimit() {
        assertEquals(100_000, ServerConfig.parse("--max-connections", "100000").maxConnections());
    }

    @Test
    void everyFlagIsRead() {
        ServerConfig config = ServerConfig.parse("--host", "0.0.0.0", "--port", "0", "--port", "8002",
                "--mode", "CHAT", "--max-line", "1k", "--max-outbound", "64k", "--suffix", "!",
                "--greeting", "hi there", "--work", "sleep:2ms", "--drain-timeout", "250ms",
                "--stats-interval", "100ms", "--loops", "4", "--workers", "8", "--max-connections", "3");
        assertEquals("0.0.0.0", config.host());
        assertEquals(List.of(0, 8002), config.ports());
        assertEquals(Mode.CHAT, config.mode());
        assertEquals(1024, config.maxLineBytes());
        assertEquals(65_536, config.maxOutboundBytes());
        assertArrayEquals("!".getBytes(StandardCharsets.UTF_8), config.suffix());
        assertArrayEquals("hi there".getBytes(StandardCharsets.UTF_8), config.greeting());
        assertEquals(new Work.Sleep(Duration.ofMillis(2)), config.work());
        assertEquals(Duration.ofMillis(250), config.drainTimeout());
        assertEquals(Duration.ofMillis(100), config.statsInterval());
        assertEquals(4, config.loops());
        assertEquals(8, config.workers());
        assertEquals(3, config.maxConnections());
    }

    @Test
    void zeroDurationsAreAllowedWhereZeroMeansSomething() {
        ServerConfig config = ServerConfig.parse("--drain-timeout", "0", "--stats-interval", "0s", "--work", "sleep:0ms");
        assertEquals(Duration.ZERO, config.drainTimeout(), "0: stop without waiting for owed replies");
        assertEquals(Duration.ZERO, config.statsInterval(), "0: no periodic stats lines");
        assertTrue(config.work().isNone(), "sleep:0 is no work");
    }

    @Test
    void emptySuffixIsAllowed() {
        assertArrayEquals(new byte[0], ServerConfig.parse("--suffix", "").suffix());
    }

    @Test
    void rawFramingWorksWithEcho() {
        ServerConfig config = ServerConfig.parse("--framing", "raw");
        assertEquals(Framing.RAW, config.framing());
        assertEquals(ChunkDecoder.class, config.newDecoder().getClass());
    }

    @Test
    void suffixAndGreetingCannotBeChangedThroughTheRecord() {
        ServerConfig config = ServerConfig.parse();
        config.suffix()[0] = 'X';
        config.greeting()[0] = 'X';
        assertArrayEquals("好".getBytes(StandardCharsets.UTF_8), config.suffix());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), config.greeting());
    }

    @Test
    void echoReplyUsesSuffixAndFraming() {
        byte[] message = "hi".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals("hi!\n".getBytes(StandardCharsets.UTF_8),
                ServerConfig.parse("--suffix", "!").echoReply().toBytes(message, 0, 2));
        assertArrayEquals("hi!".getBytes(StandardCharsets.UTF_8),
                ServerConfig.parse("--suffix", "!", "--framing", "raw").echoReply().toBytes(message, 0, 2));
    }

    @ParameterizedTest(name = "{0} is refused, naming {1}")
    @CsvSource(delimiter = '|', value = {
        "--port 70000                 | --port",
        "--port -1                    | --port",
        "--port eighty                | --port",
        "--max-line 0                 | --max-line",
        "--max-line lots              | --max-line",
        "--max-line 4g                | --max-line",
        "--max-outbound 0             | --max-outbound",
        "--framing raw --mode chat    | --framing raw",
        "--framing raw --mode hello   | --framing raw",
        "--framing lines              | --framing",
        "--mode shout                 | --mode",
        "--work foo                   | --work",
        "--work sleep:abc             | --work",
        "--work cpu:-3                | --work",
        "--loops 0                    | --loops",
        "--loops -1                   | --loops",
        "--loops many                 | --loops",
        "--loops 99999999999          | --loops",
        "--loops 2000                 | --loops",
        "--workers 0                  | --workers",
        "--workers -1                 | --workers",
        "--max-connections 0          | --max-connections",
        "--max-connections -5         | --max-connections",
        "--max-connections lots       | --max-connections",
        "--max-line 12q               | --max-line",
        "--max-line -1                | --max-line",
        "--max-outbound 1x            | --max-outbound",
        "--mode ''                    | --mode",
        "--port ''                    | --port",
        "--stats-interval -1s         | --stats-interval",
        "--stats-interval 5parsecs    | --stats-interval",
        "--drain-timeout abc          | --drain-timeout",
        "--drain-timeout -1s          | --drain-timeout",
        "--stats-interval soon        | --stats-interval",
        "--host ' '                   | --host",
        "--no-such-flag               | --no-such-flag",
    })
    void badValuesAreRefusedWithAMessageNamingTheFlag(String commandLine, String named) {
        String[] args = splitArgs(commandLine);
        ParameterException e = assertThrows(ParameterException.class, () -> ServerConfig.parse(args));
        assertTrue(e.getMessage().contains(named), "message should name " + named + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1} is accepted")
    @CsvSource({
        "--port, 0",
        "--port, 65535",
        "--max-line, 1",
        "--max-outbound, 1",
        "--max-connections, 1",
        "--loops, 1",
        "--loops, 1024",
        "--workers, 1",
        "--workers, 100000",
    })
    void everyBoundIsInclusive(String flag, int value) {
        ServerConfig config = ServerConfig.parse(flag, String.valueOf(value));
        Map<String, Function<ServerConfig, Integer>> read = Map.of(
                "--port", c -> c.ports().get(0),
                "--max-line", ServerConfig::maxLineBytes,
                "--max-outbound", ServerConfig::maxOutboundBytes,
                "--max-connections", ServerConfig::maxConnections,
                "--loops", ServerConfig::loops,
                "--workers", ServerConfig::workers);
        assertEquals(value, read.get(flag).apply(config));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "--port            | -1     | --port must be 0..65535, got -1",
        "--port            | 65536  | --port must be 0..65535, got 65536",
        "--max-line        | 0      | --max-line must be at least 1 byte, got 0",
        "--max-outbound    | 0      | --max-outbound must be at least 1 byte, got 0",
        "--max-connections | 0      | --max-connections must be at least 1, got 0",
        "--loops           | 0      | --loops must be 1..1024, got 0",
        "--loops           | 1025   | --loops must be 1..1024, got 1025",
        "--workers         | 0      | --workers must be 1..100000, got 0",
        "--workers         | 100001 | --workers must be 1..100000, got 100001",
    })
    void oneBeyondEveryBoundIsRefusedSayingTheBound(String flag, String value, String message) {
        ParameterException e = assertThrows(ParameterException.class, () -> ServerConfig.parse(flag, value));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aSuffixOrGreetingWithANewlineIsRefused() {
        ParameterException suffix = assertThrows(ParameterException.class, () -> ServerConfig.parse("--suffix", "a\nb"));
        assertEquals("--suffix must not hold a newline: it ends the reply", suffix.getMessage());
        ParameterException greeting = assertThrows(ParameterException.class,
                () -> ServerConfig.parse("--mode", "hello", "--greeting", "hi\n"));
        assertEquals("--greeting must not hold a newline: it ends the greeting", greeting.getMessage());
        assertThrows(ParameterException.class, () -> ServerConfig.parse("--suffix", "\nb"), "a newline first, too");
    }

    @Test
    void portOutOfRangeMessageSaysTheRange() {
        ParameterException e = assertThrows(ParameterException.class, () -> ServerConfig.parse("--port", "70000"));
        assertEquals("--port must be 0..65535, got 70000", e.getMessage());
    }

    @Test
    void badWorkMessageSaysTheAcceptedForms() {
        ParameterException e = assertThrows(ParameterException.class, () -> ServerConfig.parse("--work", "foo"));
        assertTrue(e.getMessage().contains("sleep:DURATION"), e.getMessage());
    }

    @Test
    void badDurationMessageQuotesTheValue() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> ServerConfig.parse("--drain-timeout", "abc"));
        assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
    }

    /** Splits on spaces, keeping 'quoted' words whole (quotes removed). */
    private static String[] splitArgs(String commandLine) {
        List<String> args = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(commandLine);
        while (m.find()) {
            args.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return args.toArray(String[]::new);
    }
}
