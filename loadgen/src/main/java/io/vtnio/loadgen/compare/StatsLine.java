package io.vtnio.loadgen.compare;

import io.vtnio.core.MetricsSnapshot;

/** A stats line a server printed, with the wall-clock time {@code compare} read it. */
record StatsLine(long wallMs, MetricsSnapshot snapshot) {
}
