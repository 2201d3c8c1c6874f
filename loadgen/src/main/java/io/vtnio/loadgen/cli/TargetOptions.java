package io.vtnio.loadgen.cli;

import io.vtnio.core.ConnectionRules;
import io.vtnio.core.HumanDuration;
import io.vtnio.loadgen.engine.TargetAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * Where the load goes and how many connections carry it: {@code --host}, {@code --port}
 * (repeats; connections spread over the ports), {@code --bind} (repeats; source addresses),
 * {@code --connections} and {@code --connect-rate}. A picocli mixin of {@code load}.
 *
 * <p>Threading: filled in by picocli on the parsing thread, then read once.
 */
final class TargetOptions {

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Server port; repeat for several, connections are spread over them (default: " + ConnectionRules.DEFAULT_PORT + ").")
    List<Integer> ports = new ArrayList<>();

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Source address to connect from, e.g. 127.0.0.2; repeat to use several round-robin "
                    + "(each brings its own ~28k ephemeral ports). Without it a loopback target is reached from "
                    + "127.0.0.2, 127.0.0.3, ... as the count needs; the generator picks each source port itself.")
    List<String> bindAddresses = new ArrayList<>();

    @Option(names = {"-c", "--connections"}, defaultValue = "100", paramLabel = "N",
            description = "Connections (hello: connects in flight, at most in the open model) (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--connect-rate", paramLabel = "PER_SEC",
            description = "Ramp-up: open at most this many connections a second (default: as fast as the server accepts).")
    Double connectRatePerSec;

    @Option(names = "--wait-for-server", paramLabel = "DURATION", converter = HumanDuration.Converter.class,
            description = "Before the first connection, retry a connect to the first target until one succeeds, "
                    + "for at most this long: a server started a moment ago may still be coming up "
                    + "(default: no wait, a refused connect is an error).")
    Duration waitForServer;

    List<Integer> portsOrDefault() {
        return ports.isEmpty() ? List.of(ConnectionRules.DEFAULT_PORT) : ports;
    }

    /**
     * Resolves {@code --host} and {@code --bind} into the addresses to connect to and from.
     *
     * @throws ParameterException naming the option whose name does not resolve (exit code 2)
     */
    TargetAddresses addresses(CommandLine commandLine) {
        InetAddress hostAddress;
        try {
            hostAddress = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ParameterException(commandLine, "--host: unknown host " + host);
        }
        List<InetSocketAddress> targets = new ArrayList<>();
        for (int port : portsOrDefault()) {
            targets.add(new InetSocketAddress(hostAddress, port));
        }
        List<InetAddress> binds = new ArrayList<>();
        for (String bind : bindAddresses) {
            try {
                binds.add(InetAddress.getByName(bind));
            } catch (UnknownHostException e) {
                throw new ParameterException(commandLine, "--bind: unknown address " + bind);
            }
        }
        return new TargetAddresses(targets, binds);
    }
}
