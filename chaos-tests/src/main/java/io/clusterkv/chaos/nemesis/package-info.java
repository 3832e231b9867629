/**
 * The faults of a chaos run. A {@link io.clusterkv.chaos.nemesis.Schedule} is a list of
 * {@link io.clusterkv.chaos.nemesis.Nemesis} steps run one after another on the test's thread while the workloads'
 * clients run: kill -9 of a node (any, the coordinator, the coordinator while it sequences), SIGSTOP pauses longer
 * than failure detection, network partitions between node processes in Linux network namespaces, graceful leaves,
 * joins and rolling restarts. Each step injects its fault, holds it, heals it, and records its window in the run's
 * fault timeline; after each step the schedule waits until the cluster is whole again. The nodes themselves are a
 * {@link io.clusterkv.chaos.nemesis.ChaosCluster}.
 */
@NullMarked
package io.clusterkv.chaos.nemesis;

import org.jspecify.annotations.NullMarked;
