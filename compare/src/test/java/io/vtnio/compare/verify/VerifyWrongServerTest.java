package io.vtnio.compare.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code vtnio verify} against servers that are wrong on purpose ({@link WrongEchoServer}): each
 * failure is named by its rule, with what was expected and what came, and the exit code is 1.
 */
class VerifyWrongServerTest {

    @Test
    @Timeout(240)
    void aWrongSuffixFailsEveryEchoRuleShowingBothSuffixes() throws Exception {
        try (WrongEchoServer server = new WrongEchoServer(WrongEchoServer.Fault.WRONG_SUFFIX)) {
            VerifyCommandTest.Run run = VerifyCommandTest.Run.of("verify", "127.0.0.1:" + server.port());

            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.out().contains("FAIL  echo: echo answers a line with its suffix and a newline -- expected "
                    + "'hello好\\n' but came 'hello女\\n'\n"), run::toString);
            assertTrue(run.out().contains("FAIL  echo: echo answers five hundred lines from one write in order -- "
                    + "reply 0: expected 'line-0好' but came 'line-0女'\n"), run::toString);
            assertTrue(run.out().lines().noneMatch(l -> l.startsWith("pass")), run::toString);
        }
    }

    @Test
    @Timeout(240)
    void repliesInAnotherOrderFailTheRulesThatPipelineNamingTheReply() throws Exception {
        try (WrongEchoServer server = new WrongEchoServer(WrongEchoServer.Fault.REORDERS)) {
            VerifyCommandTest.Run run = VerifyCommandTest.Run.of("verify", "127.0.0.1:" + server.port());

            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.out().contains("pass  echo: echo answers a line with its suffix and a newline\n"),
                    run::toString);
            List<String> failures = run.out().lines().filter(l -> l.startsWith("FAIL")).toList();
            assertTrue(failures.stream().anyMatch(l -> l.matches("FAIL  echo: echo answers five hundred lines from one "
                    + "write in order -- reply 0: expected 'line-0好' but came 'line-\\d+好'")), run::toString);
            assertTrue(failures.stream().anyMatch(l -> l.matches("FAIL  lifecycle: half close gets every reply then "
                    + "end of stream -- a reply owed at the half-close: expected 'one好' but came 'five好'")),
                    run::toString);
        }
    }

    @Test
    @Timeout(240)
    void aDroppedReplyFailsNamingTheReplyThatCameInsteadOrTheSilence() throws Exception {
        try (WrongEchoServer server = new WrongEchoServer(WrongEchoServer.Fault.DROPS_THIRD_REPLY)) {
            // Two families only: with a reply missing, most other rules wait out their read timeouts.
            VerifyCommandTest.Run run = VerifyCommandTest.Run.of("verify", "127.0.0.1:" + server.port(),
                    "--rule", "echo", "--rule", "echoDropsTheCarriageReturnBeforeTheNewlineOnly");

            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith("verify 127.0.0.1:" + server.port() + ": 6 chosen rules"), run::toString);
            assertTrue(run.out().contains("pass  echo: echo answers a line with its suffix and a newline\n"),
                    run::toString);
            assertTrue(run.out().contains("FAIL  echo: echo answers five hundred lines from one write in order -- "
                    + "reply 2: expected 'line-2好' but came 'line-3好'\n"), run::toString);
            assertTrue(run.out().contains("FAIL  framing: echo drops the carriage return before the newline only -- "
                    + "a \\r and \\n in two writes: expected 'split好' but came nothing within 5s\n"), run::toString);
        }
    }
}
