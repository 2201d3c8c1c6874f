package io.vtnio.compare.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code compare} starts JVMs: the same {@code java} that runs it (the launcher passes it as
 * {@code -Dvtnio.java}), the built-in servers from their jars under {@code -Dvtnio.home} or,
 * without those (tests, an IDE), their main classes on this JVM's class path; the generator as
 * {@code io.vtnio.loadgen.LoadgenCommand load} on this JVM's class path.
 *
 * @param java       path of the {@code java} executable
 * @param jvmOptions options every built-in server gets, identical for all
 * @param home       the checkout with the built jars, or null
 * @param classPath  this JVM's class path
 * @param testOptions what the test suite adds to every JVM started ({@link #TEST_CHILD_OPTIONS}); empty elsewhere
 */
public record JavaLaunch(String java, List<String> jvmOptions, Path home, String classPath, List<String> testOptions) {

    static final String GENERATOR_MAIN = "io.vtnio.loadgen.LoadgenCommand";

    private static final String QUIET_ARCHIVE = "-Xlog:cds*=off";

    /**
     * JVM options that the test suite adds to every JVM compare starts (servers and generators),
     * from the system property of this name: C1 alone and no heap pre-touch, because the suite's
     * runs last a second, and C2's compile threads and 256 MiB of pre-touched heap per server were
     * most of the CPU time its end-to-end tests took from the two cores they share. Empty outside
     * the suite; a measurement never sets it.
     */
    static final String TEST_CHILD_OPTIONS = "vtnio.test.childJvmOptions";

    /**
     * A JVM that exits waits up to 300 ms for threads blocked in native code to settle; a server on
     * virtual threads always has one (the JDK's poller, in epoll_wait), so each of its runs ended
     * 0.3 s late, the selector server's not (2026-12-06). Its replies and final stats line are out
     * by then. The option exists from JDK 22 (JDK-8314243).
     */
    private static final List<String> QUICK_EXIT = Runtime.version().feature() >= 22
            ? List.of("-XX:UserThreadWaitAttemptsAtExit=1") : List.of();

    public JavaLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        testOptions = List.copyOf(testOptions);
    }

    /** A launch without test options. */
    public JavaLaunch(String java, List<String> jvmOptions, Path home, String classPath) {
        this(java, jvmOptions, home, classPath, List.of());
    }

    /** The launch this JVM was started for: system properties {@code vtnio.java}, {@code vtnio.home}. */
    public static JavaLaunch current(List<String> jvmOptions) {
        String java = System.getProperty("vtnio.java");
        if (java == null || java.isBlank()) {
            java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        String home = System.getProperty("vtnio.home");
        String testOptions = System.getProperty(TEST_CHILD_OPTIONS, "").trim();
        return new JavaLaunch(java, jvmOptions, home == null || home.isBlank() ? null : Path.of(home),
                System.getProperty("java.class.path"),
                testOptions.isEmpty() ? List.of() : List.of(testOptions.split("\\s+")));
    }

    /**
     * The command of a built-in server: {@code java OPTIONS -Xlog:gc... -cp server-NAME.jar MAIN FLAGS}
     * (one jar may hold two servers: {@code vt} and {@code pt}), or the generator's class path
     * when the jar is not there.
     */
    List<String> server(BuiltInServer server, List<String> flags, Path gcLog) {
        return server(server, List.of(), flags, gcLog);
    }

    /**
     * The same with {@code ownOptions} after the shared JVM options: what this contestant alone is
     * told, such as the virtual-thread scheduler's parallelism.
     */
    public List<String> server(BuiltInServer server, List<String> ownOptions, List<String> flags, Path gcLog) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(ownOptions);
        command.addAll(server.ownJvmOptions());
        command.addAll(testOptions);
        if (gcLog != null) {
            command.add("-Xlog:gc:file=\"" + gcLog + "\":timemillis");
        }
        command.addAll(QUICK_EXIT);
        Path jar = serverJar(server);
        if (jar != null) {
            command.addAll(sharedClassArchive(jar, server.mainClass()));
        }
        command.add("-cp");
        command.add(jar != null ? jar.toString() : classPath);
        command.add(server.mainClass());
        command.addAll(flags);
        return command;
    }

    /** The built jar of {@code server}, or null when running without one. */
    Path serverJar(BuiltInServer server) {
        if (home == null) {
            return null;
        }
        Path jar = home.resolve(server.jarPath());
        return Files.isRegularFile(jar) ? jar : null;
    }

    /** {@code java -cp CLASSPATH io.vtnio.loadgen.LoadgenCommand load ARGS}. */
    List<String> generator(List<String> loadArgs) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(testOptions);
        Path jar = Path.of(classPath);
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator) && Files.isRegularFile(jar)) {
            command.addAll(sharedClassArchive(jar, GENERATOR_MAIN));
        }
        command.addAll(List.of("-cp", classPath, GENERATOR_MAIN, "load"));
        command.addAll(loadArgs);
        return command;
    }

    /**
     * Class data sharing for a JVM started from {@code jar} with {@code mainClass}: the first run
     * writes the classes it loaded to an archive beside the jar ({@code cds/MAIN-STAMP.jsa}), later
     * runs map them instead of loading and verifying them again. The stamp is the jar's size and
     * time: the JVM refuses an archive of an older jar but does not write a new one in its place
     * (JDK 25), so a rebuilt jar gets an archive of its own and the old ones are deleted. The
     * archive holds classes, not profiles or compiled code: every run still warms up as before.
     * Its messages are off: writing one warns on stdout about every class it leaves out.
     */
    static List<String> sharedClassArchive(Path jar, String mainClass) {
        Path dir = jar.toAbsolutePath().resolveSibling("cds");
        try {
            String stamp = Long.toHexString(Files.size(jar)) + "-"
                    + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
            Path archive = dir.resolve(mainClass + "-" + stamp + ".jsa");
            Files.createDirectories(dir);
            if (!Files.exists(archive)) {
                try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, mainClass + "-*.jsa")) {
                    for (Path old : stale) {
                        Files.deleteIfExists(old);
                    }
                }
            }
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, QUIET_ARCHIVE);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether the heap is resident from the start, so the resident set grows only by native memory. */
    public boolean heapPreTouched() {
        return jvmOptions.contains("-XX:+AlwaysPreTouch");
    }

    /** {@code jcmd} next to {@code java}, or null. */
    public Path jcmd() {
        Path sibling = Path.of(java).resolveSibling("jcmd");
        return Files.isExecutable(sibling) ? sibling : null;
    }
}
