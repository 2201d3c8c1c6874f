package io.vtnio.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link checker on pages written for the test: it must report each kind of broken link (a
 * missing file, a missing anchor on another page or on the same one) and accept what GitHub
 * resolves (its anchor rule, repeated headings, web links, links shown as code).
 *
 * <p>Threading: JUnit's test thread only.
 */
class MarkdownLinksTest {

    @TempDir
    Path dir;

    @Test
    void aLinkToAMissingFileOrAnchorIsReportedWithItsLine() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/load.md"), "# Load\n\n## JSON summary\n");
        Path readme = Files.writeString(dir.resolve("README.md"), """
                # Title

                See [load](docs/load.md#json-summary) and [gone](docs/gone.md).
                Also [a typo](docs/load.md#json-sumary) and [here](#no-such-heading).
                """);

        List<String> broken = new MarkdownLinks().brokenLinks(readme);

        assertEquals(3, broken.size(), broken.toString());
        assertEquals(true, broken.get(0).startsWith("README.md:3: docs/gone.md (no such file"), broken.get(0));
        assertEquals("README.md:4: docs/load.md#json-sumary (no heading with anchor #json-sumary)", broken.get(1));
        assertEquals("README.md:4: #no-such-heading (no heading with anchor #no-such-heading)", broken.get(2));
    }

    @Test
    void whatGitHubResolvesIsAccepted() throws IOException {
        Path page = Files.writeString(dir.resolve("page.md"), """
                # Page

                ## Platform threads (`pt`): what virtual threads replace
                ## The A/A test
                ## Notes
                ## Notes
                ## `--scaling`

                [a](#platform-threads-pt-what-virtual-threads-replace) [b](#the-aa-test) [c](#notes-1)
                [d](#--scaling) [e](https://example.com/x.md#nowhere) [f](page.md "title") `[g](nowhere.md)`

                ```
                [h](inside-a-code-block.md)
                # not a heading
                ```
                """);

        assertEquals(List.of(), new MarkdownLinks().brokenLinks(page));
    }

    @Test
    void aHeadingInsideACodeBlockIsNoAnchor() throws IOException {
        Path page = Files.writeString(dir.resolve("page.md"), """
                # Page

                ```sh
                # listening 127.0.0.1:8001
                ```

                [x](#listening-1270018001)
                """);

        assertEquals(List.of("page.md:7: #listening-1270018001 (no heading with anchor #listening-1270018001)"),
                new MarkdownLinks().brokenLinks(page));
    }

    @Test
    void slugsFollowGitHub() {
        assertEquals("performance-figures-and-how-to-reproduce-them",
                MarkdownLinks.slug("Performance figures and how to reproduce them"));
        assertEquals("why-one-model-wins-switches-allocation-system-calls-profile",
                MarkdownLinks.slug("Why one model wins: switches, allocation, system calls, profile"));
        assertEquals("comparing-servers-vtnio-compare", MarkdownLinks.slug("Comparing servers: `vtnio compare`"));
        assertEquals("other-servers-as-contestants---server", MarkdownLinks.slug("Other servers as contestants: `--server`"));
        assertEquals("see-load_md", MarkdownLinks.slug("See [load_md](load.md)"));
    }
}
