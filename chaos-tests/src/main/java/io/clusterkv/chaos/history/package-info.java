/**
 * What happened during a chaos run, as data: the operations concurrent clients invoked and how each completed
 * ({@link io.clusterkv.chaos.history.History}, recorded by {@link io.clusterkv.chaos.history.HistoryRecorder}), and
 * the faults the nemesis injected ({@link io.clusterkv.chaos.history.FaultTimeline}, recorded by
 * {@link io.clusterkv.chaos.history.FaultTimelineRecorder}). Both share one {@link io.clusterkv.chaos.history.RunClock}
 * and serialize to JSON, so a failing run's history can be kept and checked again later.
 */
@NullMarked
package io.clusterkv.chaos.history;

import org.jspecify.annotations.NullMarked;
