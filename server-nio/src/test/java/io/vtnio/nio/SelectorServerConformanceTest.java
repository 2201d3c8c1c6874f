package io.vtnio.nio;

import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/** The selector server against the whole conformance suite. */
class SelectorServerConformanceTest extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new SelectorServerFactory();
    }
}
