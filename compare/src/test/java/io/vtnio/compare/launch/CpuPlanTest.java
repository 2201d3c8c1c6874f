package io.vtnio.compare.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.probe.CpuPinning;
import io.vtnio.compare.scenario.ScalingSteps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The CPU plan on pretend machines: which CPUs each side gets, the exact command line of every
 * kind of contestant and of the generator, and the steps of {@code --scaling}.
 */
class CpuPlanTest {

    private static final String TASKSET = "/usr/bin/taskset";
    private static final JavaLaunch JAVA = new JavaLaunch("/jdk/bin/java", List.of("-Xmx256m"), null, "cp.jar");
    private static final ServerFlags ECHO = new ServerFlags("echo", "none");
    /** A built-in server's flags; its port is one compare picked ({@link #launched} writes it as PICKED). */
    private static final List<String> ECHO_FLAGS = List.of("--port", "PICKED", "--mode", "echo", "--stats-interval",
            "250ms");
    private static final Contestant VT = Contestant.builtIn(BuiltInServer.VT);
    private static final Contestant NIO = Contestant.builtIn(BuiltInServer.NIO);
    private static final Contestant PT = Contestant.builtIn(BuiltInServer.PT);
    private static final Contestant TOLD = Contestant.parse("netty=./netty --threads {cpus}");
    private static final Contestant UNTOLD = Contestant.parse("go=./go-server");

    @Test
    void oneCpuIsSharedAndEveryoneIsToldOne() throws IOException {
        CpuPlan plan = CpuPlan.of(List.of(0), TASKSET, true, null);
        assertFalse(plan.pinned());
        assertEquals("not pinned: only 1 CPU, server and generator share it", plan.description());
        assertEquals("1 CPU shared with the generator", plan.serverCpusText());
        assertToldEveryone(plan, 1, List.of());
        assertGenerator(plan, 1, List.of());
        assertSteps(List.of(0), List.of(1));
        assertTrue(ScalingSteps.of(List.of(0), TASKSET, true).explanation()
                .startsWith("this machine allows only 1 server CPU: this process may use 1 CPU (0), which server and "
                        + "generator share"));
    }

    @Test
    void twoCpusGiveOneToEachSide() throws IOException {
        CpuPlan plan = CpuPlan.of(List.of(0, 1), TASKSET, true, null);
        assertTrue(plan.pinned());
        assertEquals("server on CPU 1, generator on CPU 0 (taskset)", plan.description());
        assertEquals(List.of(1), plan.serverCpus());
        assertEquals(List.of(0), plan.generatorCpus());
        assertEquals("1 CPU (CPU 1)", plan.serverCpusText());
        assertEquals("1 CPU (CPU 0), 1 thread (--threads 1)", plan.generatorText());
        assertToldEveryone(plan, 1, List.of(1));
        assertGenerator(plan, 1, List.of(0));
        assertSteps(List.of(0, 1), List.of(1));
        assertEquals("this machine allows only 1 server CPU: this process may use 2 CPUs (0-1) and the generator "
                + "keeps at least as many CPUs as the server; the scaling charts have one point per contestant",
                ScalingSteps.of(List.of(0, 1), TASKSET, true).explanation());
    }

    @Test
    void sixteenCpusGiveEightToEachSideAndScaleToEight() throws IOException {
        List<Integer> cpus = cpus(0, 15);
        CpuPlan plan = CpuPlan.of(cpus, TASKSET, true, null);
        assertEquals("server on CPUs 8-15, generator on CPUs 0-7 (taskset)", plan.description());
        assertToldEveryone(plan, 8, cpus(8, 15));
        assertGenerator(plan, 8, cpus(0, 7));
        assertSteps(cpus, List.of(1, 2, 4, 8));

        CpuPlan two = ScalingSteps.of(cpus, TASKSET, true).plans().get(1);
        assertToldEveryone(two, 2, List.of(14, 15));
        assertGenerator(two, 14, cpus(0, 13));
    }

    @Test
    void sixtyFourCpusGiveThirtyTwoToEachSideAndScaleToThirtyTwo() throws IOException {
        List<Integer> cpus = cpus(0, 63);
        CpuPlan plan = CpuPlan.of(cpus, TASKSET, true, null);
        assertEquals("server on CPUs 32-63, generator on CPUs 0-31 (taskset)", plan.description());
        assertToldEveryone(plan, 32, cpus(32, 63));
        assertGenerator(plan, 32, cpus(0, 31));
        assertSteps(cpus, List.of(1, 2, 4, 8, 16, 32));
        for (CpuPlan step : ScalingSteps.of(cpus, TASKSET, true).plans()) {
            int n = step.serverCpuCount();
            assertToldEveryone(step, n, cpus(64 - n, 63));
            assertGenerator(step, 64 - n, cpus(0, 63 - n));
        }
    }

    @Test
    void anAffinityListWithGapsIsSplitByPositionNotByNumber() throws IOException {
        List<Integer> cpus = CpuPinning.parseCpuList("0-3,8-11");
        CpuPlan plan = CpuPlan.of(cpus, TASKSET, true, null);
        assertEquals("server on CPUs 8-11, generator on CPUs 0-3 (taskset)", plan.description());
        assertToldEveryone(plan, 4, List.of(8, 9, 10, 11));
        assertGenerator(plan, 4, List.of(0, 1, 2, 3));
        assertSteps(cpus, List.of(1, 2, 4));

        CpuPlan three = CpuPlan.of(cpus, TASKSET, true, 3);
        assertEquals("server on CPUs 9-11, generator on CPUs 0-3,8 (taskset)", three.description());
        assertToldEveryone(three, 3, List.of(9, 10, 11));
        assertGenerator(three, 5, List.of(0, 1, 2, 3, 8));
    }

    @Test
    void serverCpusChoosesTheServersShareAndLeavesTheGeneratorAtLeastOne() throws IOException {
        List<Integer> cpus = cpus(0, 15);
        CpuPlan four = CpuPlan.of(cpus, TASKSET, true, 4);
        assertToldEveryone(four, 4, cpus(12, 15));
        assertGenerator(four, 12, cpus(0, 11));
        CpuPlan most = CpuPlan.of(cpus, TASKSET, true, 15);
        assertEquals(List.of(0), most.generatorCpus());

        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> CpuPlan.of(cpus, TASKSET, true, 16));
        assertEquals("--server-cpus must be 1..15 here, got 16: this process may use 16 CPUs (0-15) and the "
                + "generator needs at least one of them", all.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuPlan.of(cpus, TASKSET, true, 0));
        assertThrows(IllegalArgumentException.class, () -> CpuPlan.of(List.of(0, 1), TASKSET, true, 2));
        assertThrows(IllegalArgumentException.class, () -> CpuPlan.of(List.of(0), TASKSET, true, 2));
    }

    @Test
    void unpinnedServersAreToldEveryCpuTheyShareWithTheGenerator() throws IOException {
        List<Integer> cpus = cpus(0, 15);
        CpuPlan noPin = CpuPlan.of(cpus, TASKSET, false, null);
        assertFalse(noPin.pinned());
        assertEquals("not pinned (--no-pin), server and generator share all 16 CPUs", noPin.description());
        assertToldEveryone(noPin, 16, List.of());
        assertGenerator(noPin, 16, List.of());

        CpuPlan noTaskset = CpuPlan.of(cpus(0, 3), null, true, 2);
        assertEquals("not pinned: taskset not found, server and generator share all 4 CPUs, servers told 2",
                noTaskset.description());
        assertEquals("2 of 4 CPUs shared with the generator", noTaskset.serverCpusText());
        assertToldEveryone(noTaskset, 2, List.of());
        assertGenerator(noTaskset, 4, List.of());
        assertThrows(IllegalArgumentException.class, () -> CpuPlan.of(cpus(0, 3), null, true, 5));
    }

    /** Each kind of contestant's whole command line, and what the report says it was told. */
    private static void assertToldEveryone(CpuPlan plan, int n, List<Integer> serverCpus) throws IOException {
        assertEquals(n, plan.serverCpuCount());
        List<String> pin = pin(serverCpus);
        assertEquals(concat(pin, List.of("/jdk/bin/java", "-Xmx256m", "-Djdk.virtualThreadScheduler.parallelism=" + n,
                QUICK_EXIT, "-cp", "cp.jar", "io.vtnio.vt.VirtualThreadServerMain"), ECHO_FLAGS), launched(plan, VT));
        assertEquals(concat(pin, List.of("/jdk/bin/java", "-Xmx256m", QUICK_EXIT, "-cp", "cp.jar",
                "io.vtnio.nio.SelectorServerMain"), ECHO_FLAGS, List.of("--loops", Integer.toString(n))),
                launched(plan, NIO));
        assertEquals(concat(pin, List.of("/jdk/bin/java", "-Xmx256m", QUICK_EXIT, "-cp", "cp.jar",
                "io.vtnio.vt.PlatformThreadServerMain"), ECHO_FLAGS), launched(plan, PT));
        assertEquals(concat(pin, List.of("sh", "-c", "./netty --threads " + n
                + " --port 0 --mode echo --stats-interval 250ms")), launched(plan, TOLD));
        assertEquals(concat(pin, List.of("sh", "-c", "./go-server --port 0 --mode echo --stats-interval 250ms")),
                launched(plan, UNTOLD));

        String s = n == 1 ? "" : "s";
        assertEquals(n + " carrier" + s, plan.allotment(VT).told());
        assertEquals("-Djdk.virtualThreadScheduler.parallelism=" + n, plan.allotment(VT).toldArguments());
        assertEquals(n + " loop" + s, plan.allotment(NIO).told());
        assertEquals("--loops " + n, plan.allotment(NIO).toldArguments());
        assertEquals("thread per connection", plan.allotment(PT).told());
        assertEquals("nothing", plan.allotment(PT).toldArguments());
        assertEquals("{cpus}=" + n, plan.allotment(TOLD).told());
        assertEquals("not told (no {cpus})", plan.allotment(UNTOLD).told());
        assertEquals("nothing", plan.allotment(UNTOLD).toldArguments());
    }

    private static void assertGenerator(CpuPlan plan, int threads, List<Integer> generatorCpus) {
        assertEquals(threads, plan.generatorThreads());
        assertEquals(generatorCpus, plan.generatorCpus());
        assertEquals(concat(pin(generatorCpus), List.of("/jdk/bin/java", "-cp", "cp.jar", JavaLaunch.GENERATOR_MAIN,
                "load", "--connections", "100", "--threads", Integer.toString(threads))),
                plan.generator(JAVA, List.of("--connections", "100")));
    }

    private static void assertSteps(List<Integer> cpus, List<Integer> serverCounts) {
        assertEquals(serverCounts, ScalingSteps.of(cpus, TASKSET, true).plans().stream()
                .map(CpuPlan::serverCpuCount).toList());
    }

    private static final String QUICK_EXIT = "-XX:UserThreadWaitAttemptsAtExit=1";

    private static List<String> launched(CpuPlan plan, Contestant contestant) throws IOException {
        ServerLaunch launch = contestant.launch(JAVA, ECHO, null, plan.allotment(contestant), null);
        List<String> command = new ArrayList<>(plan.server(launch.command()));
        if (contestant.isJvm()) {
            int port = command.indexOf("--port") + 1;
            assertEquals(launch.port().toString(), command.get(port), "the port compare picked");
            command.set(port, "PICKED");
        }
        return command;
    }

    private static List<String> pin(List<Integer> cpus) {
        return cpus.isEmpty() ? List.of() : List.of(TASKSET, "-c",
                cpus.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    private static List<Integer> cpus(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
