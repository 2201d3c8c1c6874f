package io.vtnio.compare.report.table;

import io.vtnio.compare.report.summary.ScenarioVerdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sentences under a scenario's table, the same on stdout and in the report: each witness's
 * verdict, one line when the witnesses disagree, and the rounds left out of the verdicts with why.
 *
 * <pre>
 * = inconclusive on replies/s: nio/vt 1.16x [1.00-1.35x] (95%, 7 pairs) ...
 * = nio ahead, 1.30x lower server CPU/reply [1.22-1.39x] (95%, 7 pairs)
 * left out: vt round 3: not steady: the warm-up reached its bound; nio round 3: machine busy: ...
 * </pre>
 *
 * <p>Threading: stateless.
 */
public final class VerdictLines {

    private VerdictLines() {
    }

    /** The verdict lines of one scenario's verdicts (one per contestant after the first), without the marks. */
    public static List<String> verdicts(List<ScenarioVerdict> verdicts) {
        List<String> lines = new ArrayList<>();
        for (ScenarioVerdict verdict : verdicts) {
            lines.add(verdict.line());
            if (verdict.efficiency() != null) {
                lines.add(verdict.efficiency().line());
            }
        }
        return lines;
    }

    /** One line per verdict whose witnesses name different leaders; empty when none do. */
    public static List<String> disagreements(List<ScenarioVerdict> verdicts) {
        List<String> lines = new ArrayList<>();
        for (ScenarioVerdict verdict : verdicts) {
            if (ScenarioVerdict.DISAGREE.equals(verdict.decision()) && verdict.efficiency() != null) {
                lines.add(String.format("the witnesses disagree: %s says %s ahead, %s says %s ahead; the scenario "
                        + "stays undecided", verdict.figure(), verdict.leader(), verdict.efficiency().figure(),
                        verdict.efficiency().leader()));
            }
        }
        return lines;
    }

    /** The rounds left out of any of the verdicts, each once, with why; empty when every round counted. */
    public static List<String> leftOut(List<ScenarioVerdict> verdicts) {
        Set<String> rounds = new LinkedHashSet<>();
        for (ScenarioVerdict verdict : verdicts) {
            rounds.addAll(verdict.leftOut());
            if (verdict.efficiency() != null) {
                rounds.addAll(verdict.efficiency().leftOut());
            }
        }
        return List.copyOf(rounds);
    }
}
