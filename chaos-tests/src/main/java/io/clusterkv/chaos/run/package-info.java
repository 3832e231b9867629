/**
 * A chaos run from start to verdict: {@link io.clusterkv.chaos.run.ChaosRun} starts a cluster of node processes
 * (in a network lab when its schedule cuts the network), runs the workloads' clients while the schedule injects
 * its faults, heals everything, waits until the cluster is whole and its replicas have converged, runs every
 * checker and writes the {@link io.clusterkv.chaos.report.RunReport}.
 */
@NullMarked
package io.clusterkv.chaos.run;

import org.jspecify.annotations.NullMarked;
