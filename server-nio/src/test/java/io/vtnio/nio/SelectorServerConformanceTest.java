package io.vtnio.nio;

import io.vtnio.conformance.RuleFamilies;
import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/**
 * The selector server against the conformance suite, first half: the protocol's modes,
 * concurrency, security defaults, descriptor exhaustion, the connection policy and stats.
 * The suite runs in two classes, each in a fork of its own, so that this module's minute of
 * conformance tests takes half a minute of the suite's time; together they run every family.
 */
@RuleFamilies(value = {"Echo", "Framing", "Http", "Chat", "Hello", "Concurrency", "Security", "DescriptorLimit", "Policy", "Stats"},
        reason = "the other half runs in SelectorServerConformancePart2Test")
class SelectorServerConformanceTest extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new SelectorServerFactory();
    }
}
