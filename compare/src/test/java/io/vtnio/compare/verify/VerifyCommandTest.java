package io.vtnio.compare.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.VtnioCommand;
import io.vtnio.core.Server;
import io.vtnio.core.ServerConfig;
import io.vtnio.core.ServerFactory;
import io.vtnio.nio.SelectorServerFactory;
import io.vtnio.vt.VirtualThreadServerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code vtnio verify} against vtnio's own servers, in-process on free ports, in every mode and
 * with the flags that change the rules: each rule that applies passes; the others are skipped with
 * their reason. And its usage errors.
 */
class VerifyCommandTest {

    static Stream<Arguments> serversAndFlags() {
        List<Arguments> cases = new ArrayList<>();
        // Echo's whole pass once, against nio: the conformance suite runs verify's rules against
        // vt, nio and pt already (rulesForAnyServer in each family); here each mode and flag reaches them.
        cases.add(Arguments.of(new SelectorServerFactory(), List.of("--mode", "echo")));
        for (ServerFactory factory : List.of(new VirtualThreadServerFactory(), new SelectorServerFactory())) {
            cases.add(Arguments.of(factory, List.of("--mode", "chat")));
            cases.add(Arguments.of(factory, List.of("--mode", "hello")));
        }
        cases.add(Arguments.of(new VirtualThreadServerFactory(), List.of("--mode", "hello", "--greeting", "welcome, 朋友")));
        cases.add(Arguments.of(new VirtualThreadServerFactory(), List.of("--mode", "http")));
        cases.add(Arguments.of(new SelectorServerFactory(), List.of("--mode", "echo", "--framing", "raw", "--suffix", "")));
        cases.add(Arguments.of(new SelectorServerFactory(), List.of("--mode", "echo", "--suffix", " [ok]",
                "--max-line", "100")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndFlags")
    @Timeout(240)
    void everyRuleThatAppliesPassesAgainstVtniosOwnServers(ServerFactory factory, List<String> flags) throws Exception {
        List<String> serverFlags = new ArrayList<>(List.of("--port", "0"));
        serverFlags.addAll(flags);
        try (Server server = factory.create(ServerConfig.parse(serverFlags.toArray(String[]::new)))) {
            server.start();
            List<String> args = new ArrayList<>(List.of("verify", "127.0.0.1:" + server.localAddresses().get(0).getPort()));
            args.addAll(serverFlags.subList(2, serverFlags.size()));
            Run run = Run.of(args.toArray(String[]::new));

            assertEquals(0, run.exitCode, run::toString);
            List<String> lines = run.out.lines().toList();
            long passed = lines.stream().filter(l -> l.startsWith("pass  ")).count();
            assertTrue(passed >= 2, run::toString);
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAIL")), run::toString);
            assertEquals(passed + " passed, 0 failed, " + lines.stream().filter(l -> l.startsWith("skip  ")).count()
                    + " skipped", lines.getLast(), run::toString);
        }
    }

    @ParameterizedTest(name = "a {0} server")
    @ValueSource(strings = {"chat", "hello", "http"})
    @Timeout(30)
    void aServerInAnotherModeIsNamedInOneLineNotInEveryEchoRule(String mode) throws Exception {
        try (Server server = new SelectorServerFactory().create(ServerConfig.parse("--port", "0", "--mode", mode))) {
            server.start();
            Run run = Run.of("verify", "127.0.0.1:" + server.localAddresses().get(0).getPort());
            assertEquals(1, run.exitCode, run::toString);
            assertEquals("", run.out, run::toString);
            assertTrue(run.err.contains("is it running --mode " + mode + "? then run verify --mode " + mode),
                    run::toString);
            assertEquals(1, run.err.lines().count(), run::toString);
        }
    }

    @Test
    @Timeout(30)
    void skippedRulesSayWhatTheyNeed() throws Exception {
        try (Server server = new VirtualThreadServerFactory().create(ServerConfig.parse("--port", "0", "--mode", "hello"))) {
            server.start();
            Run run = Run.of("verify", "127.0.0.1:" + server.localAddresses().get(0).getPort(), "--mode", "hello");
            assertEquals(0, run.exitCode, run::toString);
            assertTrue(run.out.contains("skip  echo: echo answers a line with its suffix and a newline -- needs --mode echo\n"),
                    run::toString);
            assertTrue(run.out.contains("skip  hello: hello sends a custom greeting -- needs a server started with "
                    + "--greeting 'welcome, 朋友'\n"), run::toString);
            assertTrue(run.out.contains("pass  hello: hello greets then closes\n"), run::toString);
        }
    }

    @Test
    @Timeout(30)
    void nothingListeningIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Run run = Run.of("verify", "127.0.0.1:" + port);
        assertEquals(1, run.exitCode, run::toString);
        assertEquals("", run.out, run::toString);
        assertTrue(run.err.startsWith("vtnio verify: nothing listens at 127.0.0.1:" + port + " ("), run::toString);
        assertEquals(1, run.err.lines().count(), run::toString);
    }

    @Test
    @Timeout(10)
    void badUsageIsOneLinePlusAHintAndExitTwo() {
        for (String[] args : List.of(
                new String[] {"verify", "localhost"},
                new String[] {"verify", "127.0.0.1:99999"},
                new String[] {"verify", "127.0.0.1:port"},
                new String[] {"verify", "127.0.0.1:8001", "--mode", "gossip"},
                new String[] {"verify", "127.0.0.1:8001", "--mode", "chat", "--framing", "raw"},
                new String[] {"verify", "127.0.0.1:8001", "--rule", "nosuch"},
                new String[] {"verify"})) {
            Run run = Run.of(args);
            assertEquals(2, run.exitCode, run::toString);
            List<String> lines = run.err.lines().toList();
            assertEquals(2, lines.size(), run::toString);
            assertEquals("try 'vtnio verify --help'", lines.get(1), run::toString);
        }
        assertEquals("HOST:PORT: the port must be 1..65535, got 99999",
                Run.of("verify", "127.0.0.1:99999").err.lines().findFirst().orElseThrow());
        assertEquals("--rule: no rule or family 'nosuch' (families: echo, framing, lifecycle, chat, hello, http, concurrency, "
                + "faults, slow consumers)", Run.of("verify", "127.0.0.1:8001", "--rule", "nosuch").err.lines()
                .findFirst().orElseThrow());
    }

    /** One execution of the command line with stdout and stderr captured. */
    record Run(int exitCode, String out, String err) {

        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var commandLine = VtnioCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int code = commandLine.execute(args);
            return new Run(code, out.toString(), err.toString());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
