/**
 * What the generator prints for people: the progress line on stderr and the summary tables on
 * stdout (totals, a sweep's steps, a timetable's phases). The figures themselves live in
 * {@code result}; this package only lays them out.
 */
package io.vtnio.loadgen.text;
