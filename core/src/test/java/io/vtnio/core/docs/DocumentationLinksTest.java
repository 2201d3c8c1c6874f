package io.vtnio.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's README.md and docs/*.md leads to a file that exists and,
 * where it names an anchor, to a heading of that page: moving a section must not leave a link
 * behind. The repository's root is found by walking up from the working directory (a module's
 * directory under Maven) to the directory that holds both {@code README.md} and {@code vtnio}.
 *
 * <p>Threading: JUnit's test thread only.
 */
class DocumentationLinksTest {

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        Path root = repositoryRoot();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        MarkdownLinks links = new MarkdownLinks();
        List<String> broken = new ArrayList<>();
        pages.forEach(page -> broken.addAll(links.brokenLinks(page)));

        assertTrue(pages.size() > 2, "README.md and the docs pages: " + pages);
        assertEquals(List.of(), broken, "broken links");
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("vtnio"))) {
                return dir;
            }
        }
        throw new AssertionError("no directory holding README.md and vtnio above " + Path.of("").toAbsolutePath());
    }
}
