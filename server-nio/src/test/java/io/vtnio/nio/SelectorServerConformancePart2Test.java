package io.vtnio.nio;

import io.vtnio.conformance.RuleFamilies;
import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/**
 * The selector server against the conformance suite, second half: faults, process faults, the
 * lifecycle, back-pressure and slow consumers.
 * The suite runs in two classes, each in a fork of its own, so that this module's minute of
 * conformance tests takes half a minute of the suite's time; together they run every family.
 */
@RuleFamilies(value = {"Faults", "ProcessFaults", "Lifecycle", "BackPressure", "SlowConsumers"},
        reason = "the other half runs in SelectorServerConformanceTest")
class SelectorServerConformancePart2Test extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new SelectorServerFactory();
    }
}
