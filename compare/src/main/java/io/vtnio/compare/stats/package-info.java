/**
 * The statistics of {@code compare} and {@code check}: ratios with confidence intervals
 * ({@link io.vtnio.compare.stats.RatioInterval}), the three verdict words
 * ({@link io.vtnio.compare.stats.Verdict}) and the spread of a figure over rounds
 * ({@link io.vtnio.compare.stats.Spread}). It depends on nothing else in vtnio.
 */
package io.vtnio.compare.stats;
