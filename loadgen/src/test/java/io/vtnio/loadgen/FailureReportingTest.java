package io.vtnio.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailureReportingTest {

    @TempDir
    Path dir;

    @Test
    void aWrongReplyIsAnErrorAndExitsOne() throws Exception {
        Path json = dir.resolve("wrong.json");
        try (TestServer server = TestServer.echo("!")) {
            CommandRun run = CommandRun.load(server, "--connections", "3", "--duration", "1s", "--json", json.toString())
                    .assertExit(1);
            assertTrue(run.err().contains("wrongReply"), run::toString);
            assertTrue(run.err().contains("expected"), run::toString);
        }
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        long wrong = summary.get("errorsByKind").get("wrongReply").asLong();
        assertTrue(wrong >= 3, "at least one error per connection: " + summary);
        // Each reopened connection fails again; the back-off (100, 200, 400 ms, ...) keeps it to a few.
        assertTrue(wrong <= 3 * 6, "reconnects back off: " + summary);
        assertEquals(wrong, summary.get("errors").asLong(), "nothing but wrong replies: " + summary);
    }

    @Test
    void theSuffixOptionMakesAnyServerATarget() throws Exception {
        try (TestServer server = TestServer.echo(" ok")) {
            CommandRun.load(server, "--suffix= ok", "--connections", "2", "--duration", "1s").assertExit(0);
        }
    }

    @Test
    void connectionRefusedNamesTheAddressAndExitsOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long startNs = System.nanoTime();
        CommandRun run = CommandRun.of("load", "--port", Integer.toString(port), "--connections", "5",
                "--duration", "10s");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("127.0.0.1:" + port), run::toString);
        assertTrue(run.err().contains("refused"), run::toString);
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(5), "gives up at once, not after --duration");
    }

    @Test
    void aServerClosingMidRunGivesCountedErrorsAndExitOne() throws Exception {
        Path json = dir.resolve("closed.json");
        try (TestServer server = TestServer.echoClosingAfter(200)) {
            CommandRun run = CommandRun.load(server, "--connections", "4", "--duration", "2s", "--json", json.toString())
                    .assertExit(1);
            assertTrue(run.err().contains("closed by the server"), run::toString);
        }
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertTrue(summary.get("errorsByKind").get("closed").asLong() >= 4, summary::toString);
        assertTrue(summary.get("requests").asLong() > 4 * 200, "reopened connections carried on: " + summary);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--pipeline 1", "--rate 400"})
    void aServerKilledAndRestartedOnTheSamePortIsReconnectedToWithCountedErrors(String model) throws Exception {
        Path json = dir.resolve("killed.json");
        try (TestServer first = TestServer.echo("好")) {
            int port = first.port();
            List<String> args = new ArrayList<>(List.of("--connections", "2", "--duration", "4s", "--json", json.toString()));
            args.addAll(List.of(model.split(" ")));
            CompletableFuture<CommandRun> running = CompletableFuture.supplyAsync(
                    () -> CommandRun.load(port, args.toArray(String[]::new)));
            while (first.messages() < 100) {
                Thread.sleep(5);
            }
            first.kill();
            long receivedBeforeKill = first.messages();
            Thread.sleep(1200);
            try (TestServer restarted = TestServer.echoOnPort(port)) {
                CommandRun run = running.get();
                assertEquals(1, run.exitCode(), run::toString);
                assertTrue(restarted.messages() > 0, "the restarted server got load\n" + run);
                assertTrue(run.err().contains("open 0/2"), "the progress line shows the dip\n" + run);
                assertTrue(run.err().contains("reconnected: "), run::toString);
                JsonNode summary = new ObjectMapper().readTree(json.toFile());
                JsonNode byKind = summary.get("errorsByKind");
                assertTrue(byKind.path("io").asLong() + byKind.path("reset").asLong() + byKind.path("closed").asLong() >= 2,
                        "each connection's failure counted: " + summary);
                assertTrue(byKind.path("connect").asLong() >= 2, "refused reconnects counted: " + summary);
                assertTrue(byKind.path("connect").asLong() <= 2 * 8, "reconnects back off: " + summary);
                assertTrue(summary.get("requests").asLong() > receivedBeforeKill,
                        "replies from the restarted server counted: " + summary);
                if (model.startsWith("--rate")) {
                    // About 1.2 s at 400/s fell due while the server was down.
                    assertTrue(byKind.path("unsent").asLong() >= 200, "messages due while down counted: " + summary);
                }
            }
        }
    }

    @Test
    void aServerSendingEndlessBytesWithoutANewlineGivesCountedErrorsNotACrash() throws Exception {
        Path json = dir.resolve("endless.json");
        try (ServerSocket flood = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket socket = flood.accept();
                        Thread.ofVirtual().start(() -> floodUntilClosed(socket));
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            CommandRun run = CommandRun.load(flood.getLocalPort(), "--connections", "2", "--duration", "1s",
                    "--json", json.toString()).assertExit(1);
            assertTrue(run.err().contains("longer than the expected"), run::toString);
        }
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertTrue(summary.get("errorsByKind").get("wrongReply").asLong() >= 2, summary::toString);
        assertTrue(summary.get("errorsByKind").path("internal").isMissingNode(), summary::toString);
    }

    private static void floodUntilClosed(Socket socket) {
        byte[] bytes = new byte[64 * 1024];
        Arrays.fill(bytes, (byte) 'x');
        try (socket) {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(bytes);
            }
        } catch (IOException gone) {
            // The generator gave up on this connection, as it should.
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        // The accepted sockets are kept: dropped, a collection in this JVM could close them (a Cleaner
        // does), and the generator would see a server that closes, not one that never answers.
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            CommandRun run = CommandRun.load(silent.getLocalPort(), "--connections", "2", "--duration", "1s",
                    "--timeout", "300ms").assertExit(1);
            assertTrue(run.err().contains("timeout"), run::toString);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--connections 0",
        "--rate -5",
        "--rate 100 --pipeline 4",
        "--mode bogus",
        "--duration 1x",
        "--port 70000",
        "--publishers 2",
        "--mode chat --publishers 200",
        "--processes 2 --shard 0/2",
        "--shard 3/2",
        "--no-such-option",
        "--payload 0",
        "--json /no/such/dir/x.json",
        "--hlog /no/such/dir/x.hlog",
    })
    void badOptionsExitTwoWithAHintToTheUsage(String options) {
        String[] args = ("load --port 1 " + options).split(" ");
        CommandRun run = CommandRun.of(args);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().endsWith("try 'vtnio load --help'" + System.lineSeparator()), run::toString);
        assertEquals(2, run.err().lines().count(), () -> "the error and the hint, not the whole usage\n" + run);
    }

    @Test
    void mergeOfAMissingFileIsBadUsage() {
        CommandRun run = CommandRun.of("merge", dir.resolve("nothing.hlog").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no such file"), run::toString);
    }

    @Test
    void noSubcommandIsBadUsage() {
        assertEquals(2, CommandRun.of().exitCode());
    }
}
