package io.vtnio.conformance;

import io.vtnio.core.ServerFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules of SPEC sections 1 and 2 that every vtnio server must keep, as one JUnit suite. An
 * implementation's test is a one-line subclass naming its factory:
 *
 * <pre>{@code
 * class VirtualThreadServerConformanceTest extends ServerConformanceSuite {
 *     @Override protected ServerFactory factory() { return new VirtualThreadServerFactory(); }
 * }
 * }</pre>
 *
 * <p>The rules live in one abstract class per theme ({@link EchoRules}, {@link FramingRules},
 * {@link ChatRules}, {@link HelloRules}, {@link ConcurrencyRules}, {@link SlowConsumerRules}, {@link BackPressureRules},
 * {@link LifecycleRules}, {@link StatsRules}, {@link DescriptorLimitRules}, {@link FaultRules},
 * {@link ProcessFaultRules}, {@link PolicyRules}, {@link SecurityRules}) over the fixtures of
 * {@link ServerRules}. Each is run here by a {@link Nested} class that inherits its tests and
 * hands it this suite's factory, so a subclass gets every family from its one method and a new
 * family needs one more nested class here, not a change to each server's test. The rules that need
 * no control of the server's process are {@link RemoteRule}s, listed by {@link RemoteRuleCatalog}:
 * each family runs its own against an in-process server here (one dynamic test per rule, named
 * after it), and {@code vtnio verify} runs the very same code against anyone's server. A subclass
 * annotated {@link RuleFamilies} runs only the families it names.
 */
@ExtendWith(RuleFamilies.Selection.class)
public abstract class ServerConformanceSuite {

    /** The implementation under test; every rule family builds its servers from it. */
    protected abstract ServerFactory factory();

    @Nested
    class Echo extends EchoRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Framing extends FramingRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Http extends HttpRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Chat extends ChatRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Hello extends HelloRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class SlowConsumers extends SlowConsumerRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class BackPressure extends BackPressureRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Lifecycle extends LifecycleRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Stats extends StatsRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class DescriptorLimit extends DescriptorLimitRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Faults extends FaultRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class ProcessFaults extends ProcessFaultRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Policy extends PolicyRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }

    @Nested
    class Security extends SecurityRules {
        @Override
        protected ServerFactory factory() {
            return ServerConformanceSuite.this.factory();
        }
    }
}
