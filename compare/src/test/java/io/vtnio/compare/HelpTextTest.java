package io.vtnio.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders without picocli's complaints: a description is a format
 * string, so a bare {@code %} ("90% of its rate") made picocli print a warning on stderr for each
 * option it could not format.
 */
class HelpTextTest {

    @Test
    void everyCommandsUsageFormatsWithoutWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (Map.Entry<String, CommandLine> command : VtnioCommand.commandLine().getSubcommands().entrySet()) {
                String usage = command.getValue().getUsageMessage();
                assertTrue(usage.contains("Usage"), command.getKey() + ": " + usage);
            }
        } finally {
            System.setErr(original);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN"), warnings);
    }
}
