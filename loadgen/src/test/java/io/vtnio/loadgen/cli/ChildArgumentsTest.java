package io.vtnio.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vtnio.loadgen.LoadgenCommand;
import io.vtnio.loadgen.run.LoadConfig;
import io.vtnio.loadgen.run.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * A child of {@code load --processes N} gets the user's arguments as typed, less the flags only
 * the parent acts on, in every form picocli accepts, plus its shard and its own interval log.
 */
class ChildArgumentsTest {

    private static final Path LOG = Path.of("/tmp/vtnio-load-x/shard-1.hlog");
    private static final List<String> CHILD_TAIL = List.of("--shard", "1/3", "--hlog", LOG.toString());

    private static CommandSpec loadSpec() {
        return LoadgenCommand.commandLine().getSubcommands().get("load").getCommandSpec();
    }

    private static List<String> child(String... typed) {
        return ChildArguments.of(List.of(typed), loadSpec(), new Shard(1, 3), LOG);
    }

    private static List<String> expected(String... kept) {
        List<String> all = new ArrayList<>(List.of("load"));
        all.addAll(List.of(kept));
        all.addAll(CHILD_TAIL);
        return all;
    }

    @Test
    void everyOptionTheParentDoesNotOwnPassesAsTyped() {
        String[] typed = {"--port", "8001", "--port=8002", "--bind", "127.0.0.2", "--bind=127.0.0.3",
            "-c5000", "-d=10s", "--rate", "1e4", "--warmup", "auto", "--warmup-max=20s", "--label", "nio",
            "--suffix=", "--greeting", "hi there", "--threads", "2"};
        assertEquals(expected(typed), child(typed));
    }

    @Test
    void parentOnlyFlagsGoInBothFormsWithTheirValues() {
        assertEquals(expected("--port", "8001", "-c", "10"),
                child("--processes", "3", "--port", "8001", "--json", "run.json", "--hgrm=run.hgrm",
                        "-c", "10", "--hlog=run.hlog", "--processes=3"));
    }

    @Test
    void aValueThatLooksLikeADroppedFlagIsKeptWithItsOption() {
        assertEquals(expected("--label", "--json", "--suffix=--hlog"),
                child("--label", "--json", "--suffix=--hlog", "--hlog", "--processes"));
    }

    @Test
    void theChildArgumentsParseToTheChildsShare(@TempDir Path dir) {
        Path log = dir.resolve("shard-1.hlog");
        List<String> args = ChildArguments.of(List.of("--port", "1", "--connections", "10", "--rate", "1000",
                "--processes", "3", "--json", dir.resolve("run.json").toString(), "--label=vt"), loadSpec(),
                new Shard(1, 3), log);
        CommandLine commandLine = LoadgenCommand.commandLine();
        CommandLine.ParseResult parsed = commandLine.parseArgs(args.toArray(String[]::new));
        LoadCommand load = (LoadCommand) parsed.subcommand().commandSpec().userObject();
        LoadConfig config = load.options().toConfig();
        assertEquals(new Shard(1, 3), config.shard());
        assertEquals(3, config.connections(), "10 split 4, 3, 3");
        assertEquals(300.0, config.ratePerSec(), 1e-9, "the rate of its 3 of 10 connections");
        assertEquals(1, load.options().processes());
        assertEquals(log, load.options().hlog());
        assertEquals(null, load.options().results().json);
        assertEquals("vt", load.options().results().label);
    }
}
