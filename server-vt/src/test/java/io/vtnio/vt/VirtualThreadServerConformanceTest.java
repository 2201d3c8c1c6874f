package io.vtnio.vt;

import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/** The virtual-thread server against the whole conformance suite. */
class VirtualThreadServerConformanceTest extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new VirtualThreadServerFactory();
    }
}
