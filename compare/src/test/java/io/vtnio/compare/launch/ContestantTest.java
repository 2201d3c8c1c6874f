package io.vtnio.compare.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContestantTest {

    private static final JavaLaunch JAVA = new JavaLaunch("/jdk/bin/java", List.of("-Xmx256m"), null, "cp.jar");
    private static final ServerFlags BACKEND = new ServerFlags("echo", "sleep:5ms");
    /** Told nothing: a pt-like allotment, so these tests see the scenario's flags alone. */
    private static final CpuAllotment NOTHING = new CpuAllotment(2, List.of(), List.of(), null, "thread per connection");

    @Test
    void nameEqualsCommandIsParsed() {
        Contestant netty = Contestant.parse("netty=java -jar netty.jar --port {port}");
        assertEquals("netty", netty.name());
        assertEquals("java -jar netty.jar --port {port}", netty.template());
        assertThrows(IllegalArgumentException.class, () -> Contestant.parse("no-command"));
        assertThrows(IllegalArgumentException.class, () -> Contestant.parse("=cmd"));
        assertThrows(IllegalArgumentException.class, () -> Contestant.parse("bad name=cmd"));
    }

    @Test
    void placeholdersAreFilledInAndAPortIsPicked() throws IOException {
        ServerLaunch launch = Contestant.parse("go=./server -p {port} -m {mode} -w {work}").launch(JAVA, BACKEND, null, NOTHING, null);
        assertNotNull(launch.port());
        assertEquals(List.of("sh", "-c", "./server -p " + launch.port() + " -m echo -w sleep:5ms"), launch.command());
    }

    @Test
    void withoutPlaceholdersTheVtnioFlagsAreAppendedWithPortZero() throws IOException {
        ServerLaunch launch = Contestant.parse("other=java -jar other.jar").launch(JAVA, BACKEND, null, NOTHING, null);
        assertNull(launch.port(), "the server prints its port");
        assertEquals("java -jar other.jar --port 0 --mode echo --work sleep:5ms --stats-interval 250ms",
                launch.command().get(2));
    }

    @Test
    void builtInServersRunOnTheSharedJvmOptionsWithAGcLog() throws IOException {
        ServerLaunch launch = Contestant.builtIn(BuiltInServer.NIO).launch(JAVA, new ServerFlags("chat", "none"),
                Path.of("/tmp/gc.log"), NOTHING, null);
        List<String> command = new ArrayList<>(List.of("/jdk/bin/java", "-Xmx256m",
                "-Xlog:gc:file=\"/tmp/gc.log\":timemillis", "-XX:UserThreadWaitAttemptsAtExit=1", "-cp", "cp.jar",
                "io.vtnio.nio.SelectorServerMain", "--port", launch.port().toString(), "--mode", "chat",
                "--stats-interval", "250ms"));
        assertEquals(command, launch.command());
        assertTrue(launch.announces(), "a vtnio server is ready when it says so, on the port compare picked");
        assertNull(launch.readinessPort());
        assertTrue(JAVA.generator(List.of("--connections", "5")).containsAll(
                List.of("-cp", "cp.jar", JavaLaunch.GENERATOR_MAIN, "load", "--connections", "5")));
    }

    @Test
    void cpusIsFilledInWhereverItStandsAndTheOtherPlaceholdersKeepTheirMeaning() throws IOException {
        CpuAllotment four = new CpuAllotment(4, List.of(), List.of(), 4, "{cpus}=4");
        ServerLaunch withPort = Contestant.parse("go=./server -p {port} -threads {cpus}").launch(JAVA, BACKEND, null, four, null);
        assertEquals("./server -p " + withPort.port() + " -threads 4", withPort.command().get(2));
        ServerLaunch alone = Contestant.parse("rs=./server --workers {cpus}").launch(JAVA, BACKEND, null, four, null);
        assertNull(alone.port(), "{cpus} alone is no port placeholder: the vtnio flags are appended");
        assertEquals("./server --workers 4 --port 0 --mode echo --work sleep:5ms --stats-interval 250ms",
                alone.command().get(2));
    }

    @Test
    void profilingAddsTheRecordingOptionToBuiltInsAndFillsJfrInCommands() throws IOException {
        String option = "-XX:StartFlightRecording=filename=/r/x.jfr,settings=profile";
        ServerLaunch builtIn = Contestant.builtIn(BuiltInServer.VT).launch(JAVA, BACKEND, null, NOTHING, option);
        assertEquals(List.of("/jdk/bin/java", "-Xmx256m", option, "-XX:UserThreadWaitAttemptsAtExit=1", "-cp", "cp.jar"),
                builtIn.command().subList(0, 6));
        assertTrue(Contestant.builtIn(BuiltInServer.VT).recordsFlight());

        Contestant jvm = Contestant.parse("netty=java {jfr} -jar netty.jar");
        assertTrue(jvm.recordsFlight());
        assertEquals("java '" + option + "' -jar netty.jar --port 0 --mode echo --work sleep:5ms --stats-interval 250ms",
                jvm.launch(JAVA, BACKEND, null, NOTHING, option).command().get(2), "{jfr} is not a placeholder that stops the flags");
        assertEquals("java  -jar netty.jar --port 0 --mode echo --work sleep:5ms --stats-interval 250ms",
                jvm.launch(JAVA, BACKEND, null, NOTHING, null).command().get(2), "without --profile it is empty");
        assertTrue(!Contestant.parse("go=./server").recordsFlight(), "a command without {jfr} is not recorded");
    }
}
