package io.vtnio.vt;

import io.vtnio.conformance.RuleFamilies;
import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/**
 * The virtual-thread server against the conformance suite, first half: the protocol's modes,
 * concurrency, faults, descriptor exhaustion and the connection policy.
 * The suite runs in two classes, each in a fork of its own, so that this module's minute of
 * conformance tests takes half a minute of the suite's time; together they run every family.
 */
@RuleFamilies(value = {"Echo", "Framing", "Http", "Chat", "Hello", "Concurrency", "Faults", "DescriptorLimit", "Policy"},
        reason = "the other half runs in VirtualThreadServerConformancePart2Test")
class VirtualThreadServerConformanceTest extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new VirtualThreadServerFactory();
    }
}
