package io.vtnio.vt;

import io.vtnio.conformance.ServerConformanceSuite;
import io.vtnio.core.ServerFactory;

/** The blocking server on platform threads, one per connection, against the whole conformance suite. */
class PlatformThreadServerConformanceTest extends ServerConformanceSuite {

    @Override
    protected ServerFactory factory() {
        return new PlatformThreadServerFactory();
    }
}
