package io.vtnio.compare.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One server under comparison, the command that started it (shown with the flags of the first
 * scenario; {@code {port}} and the like already filled in), and the CPUs it had and was told of.
 * The CPU fields are null in files written before they existed, and under {@code --scaling},
 * where each step has its own ({@link ScalingInfo}).
 *
 * @param name          label in tables, files and JSON
 * @param command       the command line
 * @param cpus          how many CPUs the server had: the count it was told, where it was told
 * @param cpuText       those CPUs for people: {@code 1 CPU (CPU 1)}, {@code 2 CPUs shared with the generator}
 * @param told          how it used them: {@code 4 carriers}, {@code 4 loops}, {@code thread per connection},
 *                      {@code {cpus}=4}, {@code not told (no {cpus})}
 * @param toldArguments the exact options that told it: {@code -Djdk.virtualThreadScheduler.parallelism=4},
 *                      {@code --loops 4}, {@code {cpus}=4} or {@code nothing}
 * @param verification  how it was checked before it was measured: {@code built-in: conformance suite
 *                      (./vtnio test)}, {@code verified: 14 passed, 3 skipped} or {@code not verified
 *                      (--no-verify)}; null in summaries written before compare verified contestants
 * @param framework     what a framework's server said it is, e.g. {@code Helidon SE 4.5.0 (virtual threads)};
 *                      null for vtnio's servers and commands that say nothing of the kind
 */
public record ContestantInfo(String name, String command, Integer cpus, String cpuText, String told,
                             String toldArguments, String verification,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String framework) {

    /** A contestant whose CPUs and verification are not recorded. */
    public ContestantInfo(String name, String command) {
        this(name, command, null, null, null, null, null, null);
    }

    /** A contestant with its CPUs, not (yet) verified. */
    public ContestantInfo(String name, String command, Integer cpus, String cpuText, String told,
                          String toldArguments) {
        this(name, command, cpus, cpuText, told, toldArguments, null, null);
    }

    /** The same contestant with {@code verification}. */
    public ContestantInfo withVerification(String verification) {
        return new ContestantInfo(name, command, cpus, cpuText, told, toldArguments, verification, framework);
    }

    /** The same contestant with what its framework said it is ({@link #framework}). */
    public ContestantInfo withFramework(String framework) {
        return new ContestantInfo(name, command, cpus, cpuText, told, toldArguments, verification, framework);
    }

    /** {@code vt: 1 CPU (CPU 1), 1 carrier (-Djdk...=1)}, or null when the CPUs are not recorded. */
    public String allotmentLine() {
        if (cpuText == null) {
            return null;
        }
        boolean same = toldArguments == null || toldArguments.equals("nothing") || toldArguments.equals(told);
        return name + ": " + cpuText + ", " + told + (same ? "" : " (" + toldArguments + ")");
    }
}
