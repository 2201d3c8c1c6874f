package io.vtnio.compare.probe;

/**
 * One look at a server's process tree.
 *
 * @param wallMs   when, in milliseconds since the epoch
 * @param rssBytes resident set of the whole tree, -1 when unknown
 * @param threads  OS threads of the whole tree, -1 when unknown
 * @param switches context switches so far, summed over the tree's live threads; null when not read in this sample
 */
public record ProcessSample(long wallMs, long rssBytes, int threads, ContextSwitches switches) {
}
