package io.vtnio.compare.report.summary;

/**
 * What one scenario of a comparison did, for the table, the report and scripts.
 *
 * @param name        stable name: {@code echo-peak}, {@code echo-latency}, {@code idle}, {@code fanout},
 *                    {@code churn}, {@code backend}
 * @param title       short human title, e.g. {@code echo latency at 77,000/s}
 * @param description one or two sentences on what it measures and why
 * @param serverFlags the flags every contestant got (besides {@code --port})
 * @param loadFlags   the flags the generator got (besides target and result files)
 * @param unit        what one "request" is here: {@code reply}, {@code delivery} or {@code connection}
 */
public record ScenarioInfo(String name, String title, String description, String serverFlags, String loadFlags,
                           String unit) {
}
