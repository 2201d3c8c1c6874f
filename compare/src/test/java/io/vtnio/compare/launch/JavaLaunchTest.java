package io.vtnio.compare.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaLaunchTest {

    @TempDir
    Path dir;

    @Test
    void aRebuiltJarGetsAClassArchiveOfItsOwnAndTheStaleOneGoes() throws Exception {
        Path jar = Files.writeString(dir.resolve("server.jar"), "first build");
        List<String> first = JavaLaunch.sharedClassArchive(jar, "io.x.Main");
        assertEquals("-XX:+AutoCreateSharedArchive", first.getFirst());
        Path firstArchive = archive(first);
        assertEquals(dir.resolve("cds"), firstArchive.getParent(), "beside the jar");
        Files.writeString(firstArchive, "classes of the first build");
        Path otherMain = Files.writeString(dir.resolve("cds").resolve("io.x.Other-1-2.jsa"), "another server's");
        assertEquals(first, JavaLaunch.sharedClassArchive(jar, "io.x.Main"), "the same jar, the same archive");
        assertTrue(Files.exists(firstArchive));

        Files.writeString(jar, "second build, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        Path secondArchive = archive(JavaLaunch.sharedClassArchive(jar, "io.x.Main"));
        assertNotEquals(firstArchive, secondArchive);
        assertFalse(Files.exists(firstArchive), "the stale archive is deleted, not refused on every start");
        assertTrue(Files.exists(otherMain), "another main class's archive stays");
    }

    @Test
    void theGeneratorSharesClassesOnlyWhenItRunsFromOneJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("vtnio.jar"), "jar");
        JavaLaunch fromJar = new JavaLaunch("/jdk/bin/java", List.of(), null, jar.toString());
        assertTrue(fromJar.generator(List.of()).stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")));
        JavaLaunch fromClasses = new JavaLaunch("/jdk/bin/java", List.of(), null,
                dir.resolve("classes") + java.io.File.pathSeparator + jar);
        assertFalse(fromClasses.generator(List.of()).stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")),
                "a class path with directories cannot be archived");
    }

    private static Path archive(List<String> options) {
        return Path.of(options.get(1).substring("-XX:SharedArchiveFile=".length()));
    }
}
