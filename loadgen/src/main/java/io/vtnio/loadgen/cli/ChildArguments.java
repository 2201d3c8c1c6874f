package io.vtnio.loadgen.cli;

import io.vtnio.loadgen.run.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line of one child of {@code load --processes N}: the user's own arguments, as typed
 * (after picocli's {@code @file} expansion), less the flags only the parent may act on, plus the
 * child's {@code --shard INDEX/N} and its own {@code --hlog}. A flag added to {@link LoadOptions}
 * therefore reaches the children with no code here.
 *
 * <p>The parent keeps {@code --processes} (a child runs one process), {@code --shard} (it hands out
 * the shards), {@code --hlog}, {@code --json} and {@code --hgrm} (it writes them from the merged
 * logs). Everything else is the same for every child: {@code --label} and {@code --server-stats}
 * included. Progress needs no flag: each child writes it on its stderr, which the parent passes
 * on with the shard in front of each line.
 *
 * <pre>{@code
 * ChildArguments.of(List.of("--port", "8001", "--processes", "2", "--json=run.json"), loadSpec,
 *         new Shard(1, 2), Path.of("/tmp/shard-1.hlog"));
 * // [load, --port, 8001, --shard, 1/2, --hlog, /tmp/shard-1.hlog]
 * }</pre>
 *
 * <p>Threading: stateless; any thread.
 */
final class ChildArguments {

    /** The flags the parent acts on alone, by their longest name. */
    static final Set<String> PARENT_ONLY = Set.of("--processes", "--shard", "--hlog", "--json", "--hgrm");

    private ChildArguments() {
    }

    /**
     * @param userArguments what the user gave {@code load}, its name excluded, already validated
     * @param load          {@code load}'s command spec, which tells options from their values
     * @param part          the child's shard
     * @param childLog      where the child writes its interval log
     */
    static List<String> of(List<String> userArguments, CommandSpec load, Shard part, Path childLog) {
        List<String> child = new ArrayList<>();
        child.add(load.name());
        for (int i = 0; i < userArguments.size(); i++) {
            String argument = userArguments.get(i);
            if (argument.equals("--")) {
                // picocli's end of options: what follows is no flag of ours to drop.
                child.addAll(userArguments.subList(i, userArguments.size()));
                break;
            }
            int separator = argument.indexOf('=');
            OptionSpec option = !argument.startsWith("-") ? null
                    : load.findOption(separator < 0 ? argument : argument.substring(0, separator));
            // "--json x" spans two arguments, "--json=x" one; an attached short value ("-c5")
            // names no option and passes as it is.
            boolean valueFollows = option != null && separator < 0 && option.arity().max() > 0
                    && i + 1 < userArguments.size();
            boolean keep = option == null || !PARENT_ONLY.contains(option.longestName());
            if (keep) {
                child.add(argument);
                if (valueFollows) {
                    child.add(userArguments.get(i + 1));
                }
            }
            if (valueFollows) {
                i++; // the value went with its option, kept or dropped
            }
        }
        child.add("--shard");
        child.add(part.toString());
        child.add("--hlog");
        child.add(childLog.toString());
        return child;
    }
}
