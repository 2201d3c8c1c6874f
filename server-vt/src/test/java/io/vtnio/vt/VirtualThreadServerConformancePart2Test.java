package io.vtnio.vt;

import io.vtnio.conformance.RuleFamilies;
import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/**
 * The virtual-thread server against the conformance suite, second half: security defaults,
 * process faults, the lifecycle, stats, back-pressure and slow consumers.
 * The suite runs in two classes, each in a fork of its own, so that this module's minute of
 * conformance tests takes half a minute of the suite's time; together they run every family.
 */
@RuleFamilies(value = {"Security", "ProcessFaults", "Lifecycle", "Stats", "BackPressure", "SlowConsumers"},
        reason = "the other half runs in VirtualThreadServerConformanceTest")
class VirtualThreadServerConformancePart2Test extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new VirtualThreadServerFactory();
    }
}
