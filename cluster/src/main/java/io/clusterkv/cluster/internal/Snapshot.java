package io.clusterkv.cluster.internal;

import java.util.List;

/**
 * A replica's state captured at a cut: the header and the entries by reference, to be serialized off the delivery
 * thread.
 *
 * @param header the position and bookkeeping
 * @param keys   the keys
 * @param raws   the raw entries (value, or value with deadline), in the order of {@code keys}
 */
record Snapshot(SnapshotHeader header, List<String> keys, List<Object> raws) {
}
