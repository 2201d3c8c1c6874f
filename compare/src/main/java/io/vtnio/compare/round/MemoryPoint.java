package io.vtnio.compare.round;

/**
 * A server's memory at one moment.
 *
 * @param rssBytes      resident set of its process tree, -1 when unknown
 * @param liveHeapBytes heap used just after a full GC, or null when it could not be forced or read
 * @param descriptors   open descriptors, -1 when unknown
 */
record MemoryPoint(long rssBytes, Long liveHeapBytes, int descriptors) {
}
