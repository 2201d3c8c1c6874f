package io.vtnio.vt;

import io.vtnio.conformance.StopRaceStress;
import io.vtnio.core.ServerFactory;

/** {@link StopRaceStress} for this server; skipped unless {@code -Dvtnio.stress.stopRace=N}. */
class PlatformThreadServerStopRaceStressTest extends StopRaceStress {

    @Override
    protected ServerFactory factory() {
        return new PlatformThreadServerFactory();
    }
}
