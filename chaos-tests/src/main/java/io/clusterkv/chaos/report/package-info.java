/**
 * The report of a chaos run: {@link io.clusterkv.chaos.report.RunReport} gathers a history, its fault timeline,
 * the checkers' verdicts and a few figures, and writes them as JSON, as a Markdown page and as an SVG graph of
 * throughput and latency over time with the faults shaded, in the manner of Jepsen's performance graphs.
 * {@link io.clusterkv.chaos.report.SuiteSummary} renders several runs as one Markdown table for {@code docs/chaos/}.
 */
@NullMarked
package io.clusterkv.chaos.report;

import org.jspecify.annotations.NullMarked;
