package io.vtnio.loadgen.run;

import io.vtnio.loadgen.wire.ChatLine;
import io.vtnio.loadgen.wire.EchoPayload;
import io.vtnio.core.Mode;
import io.vtnio.loadgen.client.ChatBoard;
import io.vtnio.loadgen.client.ChatConnection;
import io.vtnio.loadgen.client.EchoConnection;
import io.vtnio.loadgen.client.HelloChurn;
import io.vtnio.loadgen.client.HttpConnection;
import io.vtnio.loadgen.client.PersistentConnections;
import io.vtnio.loadgen.engine.ClientConnection;
import io.vtnio.loadgen.engine.ClientLoop;
import io.vtnio.loadgen.engine.ConnectionCounters;
import io.vtnio.loadgen.engine.RunErrors;
import io.vtnio.loadgen.engine.RunPhases;
import io.vtnio.loadgen.engine.SourcePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Builds the {@link ClientLoop}s of a run and deals this process's connections out to them
 * round-robin (connection {@code j} to loop {@code j % threads}), with the workload the mode
 * asks for: {@link EchoConnection}s, {@link HttpConnection}s or {@link ChatConnection}s under
 * {@link PersistentConnections},
 * or {@link HelloChurn}. Chat publishers are this process's first connections, so they too are
 * spread over the loops.
 *
 * <p>Threading: used once, on the reporter thread, before any loop starts.
 */
final class LoopFactory {

    private final LoadConfig config;
    private final RunPhases phases;
    private final RunErrors errors;
    private final ConnectionCounters counters;

    LoopFactory(LoadConfig config, RunPhases phases, RunErrors errors, ConnectionCounters counters) {
        this.config = config;
        this.phases = phases;
        this.errors = errors;
        this.counters = counters;
    }

    List<ClientLoop> create(CountDownLatch connectPhase, CountDownLatch loopsFinished) throws IOException {
        int threads = config.threads();
        EchoPayload payload = new EchoPayload(config.payloadBytes(), config.suffix());
        ChatLine chatLine = new ChatLine(config.payloadBytes());
        int sendBufferBytes = Math.max(payload.messageBytes(), chatLine.wireBytes());
        if (config.http() != null) {
            for (InetSocketAddress target : config.addresses().targets()) {
                sendBufferBytes = Math.max(sendBufferBytes, config.http().head(target).length + config.http().bodyBytes());
            }
        }
        SourcePorts sourcePorts = config.mode() == Mode.HELLO ? SourcePorts.none() : SourcePorts.of(config.addresses());
        List<ClientLoop> loops = new ArrayList<>(threads);
        List<List<ClientConnection>> planned = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            loops.add(new ClientLoop(i, phases, errors, counters, config.timeout().toNanos(), config.openModel(),
                    sendBufferBytes, sourcePorts, connectPhase, loopsFinished));
            planned.add(new ArrayList<>());
        }
        switch (config.mode()) {
            case ECHO, HTTP -> {
                for (int j = 0; j < config.connections(); j++) {
                    planned.get(j % threads).add(requestConnection(loops.get(j % threads),
                            config.firstConnection() + j, payload));
                }
                persistent(loops, planned, false);
            }
            case CHAT -> {
                ChatBoard board = new ChatBoard(config.totalPublishers(), config.firstPublisher(), config.publishers(),
                        chatLine);
                for (int j = 0; j < config.connections(); j++) {
                    ClientLoop loop = loops.get(j % threads);
                    int index = config.firstConnection() + j;
                    int publisherId = j < config.publishers() ? config.firstPublisher() + j : -1;
                    planned.get(j % threads).add(new ChatConnection(loop, index,
                            config.addresses().target(index), config.addresses().bindAddress(index), board,
                            publisherId, config.pipelineDepth(), config.totalRatePerSec()));
                }
                persistent(loops, planned, true);
            }
            case HELLO -> {
                for (int i = 0; i < threads; i++) {
                    int slots = config.connections() / threads + (i < config.connections() % threads ? 1 : 0);
                    loops.get(i).setWorkload(new HelloChurn(loops.get(i), config.addresses(), config.greeting(), slots,
                            config.openModel() ? config.ratePerSec() : 0, threads));
                }
            }
        }
        return loops;
    }

    /** Connection {@code index} of an echo or HTTP run. */
    private ClientConnection requestConnection(ClientLoop loop, int index, EchoPayload payload) {
        InetSocketAddress target = config.addresses().target(index);
        InetAddress bindAddress = config.addresses().bindAddress(index);
        return config.mode() == Mode.HTTP
                ? new HttpConnection(loop, index, target, bindAddress, config.http(), config.pipelineDepth(),
                        config.totalRatePerSec(), config.totalConnections())
                : new EchoConnection(loop, index, target, bindAddress, payload, config.pipelineDepth(),
                        config.totalRatePerSec(), config.totalConnections());
    }

    private void persistent(List<ClientLoop> loops, List<List<ClientConnection>> planned, boolean chat) {
        for (int i = 0; i < loops.size(); i++) {
            double shareOfConnectRate = config.connectRatePerSec() * planned.get(i).size() / config.connections();
            loops.get(i).setWorkload(new PersistentConnections(loops.get(i), planned.get(i), shareOfConnectRate,
                    chat));
        }
    }
}
