/**
 * Network partitions between real node processes: {@link io.clusterkv.chaos.net.NetworkLab} puts each node in its
 * own Linux network namespace and cuts and heals the links between them. {@code chaos-tests/scripts/netns-*.sh}
 * build the same labs by hand.
 */
package io.clusterkv.chaos.net;
