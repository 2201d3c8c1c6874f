package io.vtnio.compare.probe;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CpuTimeSamplerTest {

    @Test
    @Timeout(20)
    void aBusyLoopShowsInTheBusyShareAndTheOwnCpuTimeOfTheWindow() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux's /proc");
        try (CpuTimeSampler sampler = CpuTimeSampler.start(Duration.ofMillis(50))) {
            Thread.sleep(120);
            long fromMs = System.currentTimeMillis();
            long untilNs = System.nanoTime() + 600_000_000L;
            long spins = 0;
            while (System.nanoTime() < untilNs) {
                spins++;
            }
            long toMs = System.currentTimeMillis();
            Thread.sleep(120);
            sampler.stop();
            int cpus = Runtime.getRuntime().availableProcessors();
            List<Integer> all = new java.util.ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) {
                all.add(cpu);
            }
            Double busy = sampler.busyPercentBetween(all, fromMs, toMs);
            Double own = sampler.ownCpuSecondsBetween(fromMs, toMs);
            assertNotNull(busy);
            assertNotNull(own);
            // One spinning thread keeps part of one CPU busy, and this process spent it (loose bounds: a shared
            // machine may lend the thread only a share of a CPU; this checks the accounting, not a speed).
            assertTrue(busy >= 100.0 / cpus * 0.15, "busy " + busy + "% of " + cpus + " CPUs (" + spins + " spins)");
            assertTrue(own >= 0.08 && own <= 0.6 * cpus + 0.3, "own CPU " + own + " s in 0.6 s");
            assertTrue(sampler.generatorCpuSecondsBetween(fromMs, toMs) == null, "no generator watched: unknown");
            assertTrue(sampler.serverCpuSecondsBetween(fromMs, toMs) == null, "no server watched: unknown");
        }
    }

    @Test
    @Timeout(20)
    void theServersCpuTimeIsItsWholeTreesReadAtTheSameInstantsAsTheCpus() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux's /proc");
        // A shell that spins in a child of its own: the shell waits, the child burns a CPU.
        Process shell = new ProcessBuilder("sh", "-c", "yes > /dev/null & wait").start();
        try (CpuTimeSampler sampler = CpuTimeSampler.start(Duration.ofMillis(50))) {
            sampler.watchServer(shell.toHandle());
            Thread.sleep(300);
            long fromMs = System.currentTimeMillis();
            Thread.sleep(800);
            long toMs = System.currentTimeMillis();
            Thread.sleep(120);
            sampler.stop();
            Double server = sampler.serverCpuSecondsBetween(fromMs, toMs);
            assertNotNull(server);
            // The shell itself sleeps in wait: the CPU time is its child's (loose bounds, shared machine).
            int cpus = Runtime.getRuntime().availableProcessors();
            assertTrue(server >= 0.1 && server <= 0.8 * cpus + 0.2, "server tree CPU " + server + " s in 0.8 s");
            // Read at the same instants, the tree's CPU time lies within the CPUs' busy time of the same window
            // (up to a few 4 ms scheduler ticks): it is part of it.
            List<Integer> all = new java.util.ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) {
                all.add(cpu);
            }
            double busySeconds = sampler.busyPercentBetween(all, fromMs, toMs) / 100 * cpus
                    * (toMs - fromMs) / 1000.0;
            assertTrue(server <= busySeconds + 0.05,
                    "server tree CPU " + server + " s, CPUs busy " + busySeconds + " s");
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
