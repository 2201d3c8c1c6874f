package io.vtnio.compare.launch;

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
 */
public record JavaLaunch(String java, List<String> jvmOptions, Path home, String classPath) {

    static final String GENERATOR_MAIN = "io.vtnio.loadgen.LoadgenCommand";

    public JavaLaunch {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The launch this JVM was started for: system properties {@code vtnio.java}, {@code vtnio.home}. */
    public static JavaLaunch current(List<String> jvmOptions) {
        String java = System.getProperty("vtnio.java");
        if (java == null || java.isBlank()) {
            java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        String home = System.getProperty("vtnio.home");
        return new JavaLaunch(java, jvmOptions, home == null || home.isBlank() ? null : Path.of(home),
                System.getProperty("java.class.path"));
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
        if (gcLog != null) {
            command.add("-Xlog:gc:file=\"" + gcLog + "\":timemillis");
        }
        Path jar = serverJar(server);
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
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, GENERATOR_MAIN, "load"));
        command.addAll(loadArgs);
        return command;
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
