package io.vtnio.compare.launch;

import io.vtnio.core.MetricsSnapshot;

/** A stats line a server printed, with the wall-clock time {@code compare} read it. */
public record StatsLine(long wallMs, MetricsSnapshot snapshot) {
}
