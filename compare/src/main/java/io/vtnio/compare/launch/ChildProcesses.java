package io.vtnio.compare.launch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every server and generator process {@code compare} started and has not yet seen end, so that
 * a Ctrl-C (or any other exit) of {@code compare} never leaves one running: a shutdown hook ends
 * them and their descendants.
 *
 * <p>Threading: any thread.
 */
public final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private ChildProcesses() {
    }

    public static void register(Process process) {
        installHook();
        LIVE.add(process);
    }

    public static void forget(Process process) {
        LIVE.remove(process);
    }

    private static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAll, "vtnio-compare-cleanup"));
    }

    private static void endAll() {
        for (Process process : LIVE) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
