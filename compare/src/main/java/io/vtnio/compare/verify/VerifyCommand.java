package io.vtnio.compare.verify;

import io.vtnio.conformance.RemoteRule;
import io.vtnio.conformance.RemoteRuleCatalog;
import io.vtnio.conformance.Target;
import io.vtnio.conformance.Verification;
import io.vtnio.core.ByteSize;
import io.vtnio.core.Framing;
import io.vtnio.core.HostPort;
import io.vtnio.core.ManifestVersionProvider;
import io.vtnio.core.Mode;
import io.vtnio.core.Protocol;
import io.vtnio.core.ProtocolTextOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtnio verify HOST:PORT}: the conformance suite's rules that need no control of the
 * server's process, run against a server that is already running, anyone's. The flags say what
 * the server was started to do (vtnio's defaults unless given); a rule about another mode,
 * framing, suffix or greeting is skipped with the reason. One line per rule, then a summary.
 * Exit codes: 0 when every rule that ran passed, 1 when one failed or nothing listens at
 * HOST:PORT, 2 for bad usage.
 *
 * <pre>
 * vtnio verify 127.0.0.1:8001
 * vtnio verify 127.0.0.1:8001 --mode chat
 * vtnio verify 10.0.0.5:9000 --suffix '' --max-line 4096
 * </pre>
 *
 * <p>Threading: runs on the caller's thread; each rule on a thread of its own ({@code RuleRunner}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run the conformance rules that need no control of the server's process against a running "
                + "server: one line per rule (pass, FAIL with what was expected and what came, or skip with why), "
                + "then a summary. Rules that need the server's own flags, signals, stdout, metrics or descriptor "
                + "limit run only in vtnio's own test suite.",
            "Exit codes: 0 every rule that ran passed; 1 a rule failed or nothing listens at HOST:PORT; 2 bad usage."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server, e.g. 127.0.0.1:8001 or [::1]:8001.")
    private String hostPort;

    @Option(names = "--mode", defaultValue = "echo", paramLabel = "MODE",
            description = "What the server was started in: echo, chat, hello or http (HTTP/1.1 answering GET /plaintext "
                    + "and POST /echo, as vtnio's servers with --mode http, Helidon's or Netty's) (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--framing", defaultValue = "line", paramLabel = "FRAMING",
            description = "line or raw, raw in echo mode only (default: ${DEFAULT-VALUE}).")
    private Framing framing;

    @Mixin
    private ProtocolTextOptions texts;

    @Option(names = "--max-line", defaultValue = "" + Protocol.DEFAULT_MAX_LINE_BYTES, paramLabel = "SIZE", converter = ByteSize.IntConverter.class,
            description = "The longest message the server accepts, terminator excluded (default: ${DEFAULT-VALUE}).")
    private int maxLineBytes;

    @Option(names = "--rule", paramLabel = "NAME",
            description = "Run only this rule or family (echo, framing, lifecycle, chat, hello, http, concurrency, faults, "
                    + "'slow consumers'), by the name a line prints in words or in the suite's camelCase; repeat "
                    + "for more (default: every rule). To run again just what failed.")
    private List<String> ruleNames = new ArrayList<>();

    @Override
    public Integer call() {
        InetSocketAddress address = parseHostPort(hostPort);
        require(maxLineBytes >= 1, "--max-line must be at least 1, got " + maxLineBytes);
        require(framing == Framing.LINE || mode == Mode.ECHO, "--framing raw works only with --mode echo");
        List<RemoteRule> rules = chosenRules();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String shown = HostPort.format(address.getHostString(), address.getPort());
        String unreachable = listens(address);
        if (unreachable != null) {
            err.println("vtnio verify: nothing listens at " + shown + " (" + unreachable + ")");
            err.flush();
            return 1;
        }
        Target target = new Target(address.getHostString(), address.getPort(), mode, framing, texts.suffix(),
                texts.greeting(), maxLineBytes, null);
        String anotherMode = ModeProbe.anotherMode(target, 3_000);
        if (anotherMode != null) {
            err.println("vtnio verify: " + anotherMode);
            err.flush();
            return 1;
        }
        out.println("verify " + shown + ": " + rules.size() + (ruleNames.isEmpty() ? "" : " chosen") + " rules that need "
                + "no control of the server's process");
        out.flush();
        Verification result = Verification.run(rules, target, outcome -> {
            out.println(outcome.line());
            out.flush();
        });
        out.println(result.summary());
        out.flush();
        return result.failed() == 0 ? 0 : 1;
    }

    /** The rules {@code --rule} names (a family, or a rule in words or camelCase), or all of them. */
    private List<RemoteRule> chosenRules() {
        List<RemoteRule> all = RemoteRuleCatalog.all();
        if (ruleNames.isEmpty()) {
            return all;
        }
        for (String name : ruleNames) {
            require(all.stream().anyMatch(rule -> matches(rule, name)), "--rule: no rule or family '" + name
                    + "' (families: " + String.join(", ", all.stream().map(RemoteRule::family).distinct().toList())
                    + ")");
        }
        return all.stream().filter(rule -> ruleNames.stream().anyMatch(name -> matches(rule, name))).toList();
    }

    private static boolean matches(RemoteRule rule, String name) {
        String wanted = name.trim();
        return rule.family().equalsIgnoreCase(wanted) || rule.name().equals(wanted)
                || rule.sentence().equalsIgnoreCase(wanted) || (rule.family() + ": " + rule.sentence()).equalsIgnoreCase(wanted);
    }

    /** Null when a connection to {@code address} succeeds, else why it did not. */
    private static String listens(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return "unknown host";
        }
        try (Socket probe = new Socket()) {
            probe.connect(address, 5_000);
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private InetSocketAddress parseHostPort(String text) {
        try {
            InetSocketAddress unresolved = HostPort.parse(text);
            return new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
