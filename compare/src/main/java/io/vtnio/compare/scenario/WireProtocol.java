package io.vtnio.compare.scenario;

import java.util.List;
import java.util.Locale;

/**
 * What {@code compare --protocol} runs the scenarios over: vtnio's line protocol, or HTTP/1.1,
 * where every message is a keep-alive {@code GET /plaintext} answered with {@code Hello, World!}
 * (TechEmpower's plaintext test) and where production frameworks (Helidon SE, Netty) can enter.
 *
 * <p>Threading: immutable.
 */
public enum WireProtocol {
    LINE(List.of(), "echo", ScenarioCatalog.NAMES, ScenarioCatalog.ALL),
    HTTP(List.of("--mode", "http"), "http", List.of("echo", "capacity", "backend"),
            List.of("echo", "capacity", "idle", "backend", "overload"));

    private final List<String> loadArgs;
    private final String requestMode;
    private final List<String> defaultScenarios;
    private final List<String> scenarios;

    WireProtocol(List<String> loadArgs, String requestMode, List<String> defaultScenarios, List<String> scenarios) {
        this.loadArgs = loadArgs;
        this.requestMode = requestMode;
        this.defaultScenarios = defaultScenarios;
        this.scenarios = scenarios;
    }

    /** The generator's flags for a request-reply scenario: none for the line protocol's echo. */
    public List<String> loadArgs() {
        return loadArgs;
    }

    /** The server mode of request-reply scenarios (echo, capacity, backend, overload): {@code echo} or {@code http}. */
    public String requestMode() {
        return requestMode;
    }

    /** The scenarios {@code compare} runs over this protocol when none are named. */
    public List<String> defaultScenarios() {
        return defaultScenarios;
    }

    /** Every scenario this protocol runs; chat (fanout) and hello (churn) are the line protocol's. */
    public List<String> scenarios() {
        return scenarios;
    }

    /** What one request-reply exchange is called in tables: {@code reply}, or {@code response}. */
    String unit() {
        return this == HTTP ? "response" : "reply";
    }

    /** For titles: {@code echo} or {@code HTTP plaintext}. */
    String echoTitle() {
        return this == HTTP ? "HTTP plaintext" : "echo";
    }

    /** One sentence on what a message is over this protocol, for descriptions; empty for the line protocol. */
    String messageNote() {
        return this == HTTP ? " Over HTTP/1.1: each message is a keep-alive GET /plaintext answered with "
                + "'Hello, World!' (TechEmpower's plaintext test), one request in flight per connection, every "
                + "response parsed and checked." : "";
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The protocol a scenario's servers speak, by their mode ({@code http}, else the line protocol). */
    public static WireProtocol of(Scenario scenario) {
        return HTTP.requestMode.equals(scenario.serverFlags().mode()) ? HTTP : LINE;
    }

    /** {@code line} or {@code http}, any case. */
    public static WireProtocol parse(String text) {
        for (WireProtocol protocol : values()) {
            if (protocol.label().equalsIgnoreCase(text.trim())) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("--protocol must be line or http, got '" + text + "'");
    }
}
