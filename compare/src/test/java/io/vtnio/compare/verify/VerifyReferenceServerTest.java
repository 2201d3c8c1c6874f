package io.vtnio.compare.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vtnio verify} against the C reference echo server ({@code tools/c/ref-echo-server.c}),
 * built with {@code cc}: it passes the echo rules it implements and fails exactly the rules of
 * what it leaves out, each with what was expected and what came. It has no {@code --max-line}
 * (a line that fills its 64 KiB buffer gets its connection closed, without
 * {@code ERR line too long}: even a line of exactly 65,536 bytes) and keeps the {@code \r} of a
 * {@code \r\n}.
 */
class VerifyReferenceServerTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void passesTheEchoRulesItImplementsAndFailsMaxLineAndCarriageReturnRules() throws Exception {
        Path binary = ReferenceServer.build(dir);
        try (ReferenceServer server = ReferenceServer.start(binary)) {
            VerifyCommandTest.Run run = VerifyCommandTest.Run.of("verify", "127.0.0.1:" + server.port());

            assertEquals(1, run.exitCode(), run::toString);
            List<String> lines = run.out().lines().toList();
            assertEquals(List.of(
                    "pass  echo: echo answers a line with its suffix and a newline",
                    "pass  echo: echo answers five hundred lines from one write in order",
                    "pass  echo: echo assembles a line sent one byte at a time",
                    "pass  framing: echo passes a utf8 character split across writes unchanged",
                    "pass  framing: echo returns every byte value except newline unchanged",
                    "pass  lifecycle: half close gets every reply then end of stream",
                    "pass  concurrency: thousand concurrent clients each get a hundred verified round trips",
                    "pass  concurrency: clients that reset or vanish mid line leave the server serving",
                    "pass  faults: thousand clients resetting mid line cause no error among a hundred verified echo "
                            + "clients",
                    "pass  faults: slowloris clients sending a byte a second never delay the others",
                    "pass  slow consumers: echo client that does not read delays only itself and gets every reply "
                            + "later"),
                    lines.stream().filter(l -> l.startsWith("pass")).toList(), run::toString);

            List<String> failures = lines.stream().filter(l -> l.startsWith("FAIL")).toList();
            assertEquals(5, failures.size(), run::toString);
            assertEquals("FAIL  framing: echo drops the carriage return before the newline only -- the \\r before the "
                    + "\\n is dropped: expected 'crlf好' but came 'crlf\\r好'", failures.get(0), run::toString);
            assertEquals("FAIL  framing: echo answers an empty line with the suffix alone -- \\n then \\r\\n: "
                    + "expected '好\\n好\\n' but came '好\\n\\r好'", failures.get(1), run::toString);
            assertTrue(failures.get(2).startsWith("FAIL  framing: line of max line bytes is answered and one byte more "
                    + "gets an error and a close of that connection only -- a line of exactly --max-line 65536 bytes: "
                    + "expected 'aaaaaaaaaaaaaaaaaaaaaaaa…aaaaaaaaaaaaaaaaaaaa好\\n' (65540 bytes) but "),
                    run::toString);
            assertTrue(failures.get(2).matches(".* but (the connection was reset|the connection was closed)"),
                    run::toString);
            assertTrue(failures.get(3).startsWith("FAIL  framing: line that cannot fit max line is refused before its "
                    + "newline arrives -- --max-line bytes plus \\r\\n is a legal line: expected "), run::toString);
            assertTrue(failures.get(4).startsWith("FAIL  faults: random binary input on a hundred connections is "
                    + "echoed byte exact -- the echo of 32768 random bytes: expected 33"), run::toString);
            assertEquals(27, lines.stream().filter(l -> l.startsWith("skip")).count(), run::toString);
            assertEquals("11 passed, 5 failed, 27 skipped", lines.getLast(), run::toString);
        }
    }
}
