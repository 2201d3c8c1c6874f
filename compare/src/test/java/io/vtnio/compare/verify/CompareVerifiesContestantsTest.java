package io.vtnio.compare.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtnio.compare.report.summary.CompareSummary;
import io.vtnio.compare.report.summary.ContestantInfo;
import io.vtnio.compare.report.summary.SummaryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} checks a {@code --server} contestant with verify's rules before measuring it:
 * the C reference server, which has no {@code --max-line}, is refused with one line naming the
 * rules it failed; {@code --no-verify} measures it anyway and the summary says so.
 */
class CompareVerifiesContestantsTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aContestantThatFailsARuleIsRefusedByNameUnlessNoVerify() throws Exception {
        Path binary = ReferenceServer.build(dir);
        String contestant = "ref=" + binary + " {port}";

        Path refusedOut = dir.resolve("refused");
        VerifyCommandTest.Run refused = VerifyCommandTest.Run.of("compare", "--servers", "ref", "--server", contestant,
                "--scenario", "echo", "--rounds", "1", "--out", refusedOut.toString());
        assertEquals(1, refused.exitCode(), refused::toString);
        List<String> refusals = refused.err().lines().filter(l -> l.startsWith("vtnio compare: refusing")).toList();
        assertEquals(1, refusals.size(), refused::toString);
        assertTrue(refusals.get(0).startsWith("vtnio compare: refusing ref failed 5 of vtnio verify's rules about its "
                + "answers: framing: echo drops the carriage return before the newline only; "), refused::toString);
        assertTrue(refusals.get(0).contains("; framing: line of max line bytes is answered and one byte more gets an "
                + "error and a close of that connection only; framing: line that cannot fit max line is refused "
                + "before its newline arrives; "), refused::toString);
        assertTrue(refusals.get(0).endsWith("; --no-verify measures it anyway"), refused::toString);
        assertTrue(Files.readString(refusedOut.resolve("verify").resolve("ref.txt"))
                .contains("11 passed, 5 failed, 27 skipped"));
        assertTrue(Files.notExists(refusedOut.resolve("summary.json")), "nothing was measured");

        Path measuredOut = dir.resolve("measured");
        VerifyCommandTest.Run measured = VerifyCommandTest.Run.of("compare", "--servers", "ref,nio", "--server",
                contestant, "--scenario", "echo", "--rounds", "1", "--duration", "300ms", "--warmup", "200ms",
                "--no-verify", "--out", measuredOut.toString());
        assertEquals(0, measured.exitCode(), measured::toString);
        CompareSummary summary = SummaryFile.read(measuredOut.resolve("summary.json"));
        assertEquals(List.of("not verified (--no-verify)", "built-in: conformance suite (./vtnio test)"),
                summary.contestants().stream().map(ContestantInfo::verification).toList());
        assertTrue(Files.readString(measuredOut.resolve("report.html")).contains("not verified (--no-verify)"));
    }
}
