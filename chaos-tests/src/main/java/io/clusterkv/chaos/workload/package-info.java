/**
 * What the clients of a chaos run do: each {@link io.clusterkv.chaos.workload.Workload} is a set of client threads,
 * spread over the nodes, that record every operation they invoke into the run's
 * {@link io.clusterkv.chaos.history.HistoryRecorder}, and checks its own operations once the run is over. Clients
 * reach nodes through a {@link io.clusterkv.chaos.workload.RespClient} (Redis protocol) and
 * {@link io.clusterkv.chaos.workload.HttpKvClient} (HTTP), and classify every failure as Jepsen does: definitely not
 * applied ({@code fail}) or of unknown outcome ({@code info}).
 */
@NullMarked
package io.clusterkv.chaos.workload;

import org.jspecify.annotations.NullMarked;
