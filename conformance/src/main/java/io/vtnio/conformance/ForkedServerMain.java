package io.vtnio.conformance;

import io.vtnio.core.ServerFactory;
import io.vtnio.core.ServerMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Main class of a server forked by {@link ForkedServer}: {@code ForkedServerMain FACTORY_CLASS
 * [server flags...]} runs {@link ServerMain#run} with the named {@link ServerFactory}, exactly as
 * each server's own main does.
 *
 * <p>Before starting it loads every {@code io.vtnio} class found in classpath directories. A
 * server running from its jar never opens a file to load a class once the jar is open, but from
 * Maven's {@code target/classes} every first use of a class opens one; under a descriptor limit
 * that would break the server's error paths for reasons production never sees.
 */
public final class ForkedServerMain {

    private ForkedServerMain() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length == 0) {
            System.err.println("usage: ForkedServerMain FACTORY_CLASS [server flags...]");
            System.exit(2);
        }
        ServerFactory factory = (ServerFactory) Class.forName(args[0]).getConstructor().newInstance();
        preloadProjectClasses();
        System.exit(ServerMain.run(factory, Arrays.copyOfRange(args, 1, args.length)));
    }

    private static void preloadProjectClasses() {
        ClassLoader loader = ForkedServerMain.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path root = Path.of(entry);
            Path project = root.resolve("io").resolve("vtnio");
            if (!Files.isDirectory(project)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(project)) {
                files.filter(file -> file.toString().endsWith(".class"))
                        .map(file -> className(root, file))
                        .forEach(name -> load(name, loader));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String className(Path root, Path classFile) {
        String relative = root.relativize(classFile).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace(File.separatorChar, '.');
    }

    private static void load(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // Test classes may need JUnit, which a server does not; skipping them is harmless.
        }
    }
}
