package io.vtnio.vt;

import io.vtnio.conformance.RuleFamilies;
import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/**
 * The blocking server on platform threads, one per connection, against the rule families where the
 * kind of thread matters: blocking and interrupting (lifecycle, faults, process faults), many
 * threads at once (concurrency, chat's writers, slow consumers, back-pressure, clients that never
 * read, descriptor exhaustion). Framing, echo, hello, HTTP and stats are the same code on either kind of
 * thread and run once, for vt.
 */
@RuleFamilies(value = {"Lifecycle", "Faults", "ProcessFaults", "Concurrency", "Chat", "SlowConsumers", "BackPressure",
        "Security", "DescriptorLimit", "Policy"},
        reason = "the same code on either kind of thread: run once, for vt (VirtualThreadServerConformanceTest)")
class PlatformThreadServerConformanceTest extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new PlatformThreadServerFactory();
    }
}
