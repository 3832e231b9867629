package io.clusterkv.cluster;

/** What a node does when the cluster splits: who may write, and whose state wins when the parts merge again. */
public enum PartitionPolicy {
    /**
     * No quorum: every part keeps writing (a write is acknowledged once applied on its node). On a merge, the
     * largest part's state wins and the others' writes are discarded. The default when no expected size is set,
     * for a single node or a cluster that prefers availability to consistency.
     */
    NONE,
    /**
     * Only a part holding a majority of the stable membership writes; a write is acknowledged once a majority of
     * it has applied it, so no acknowledged write is lost to a crash or a split of a minority. Parts without a
     * majority refuse writes and apply nothing until they merge. The default when an expected size is set.
     */
    MAJORITY,
    /**
     * Availability: every part writes, as with {@link #NONE}; on a merge, the part with most of the stable
     * membership wins and the other parts' writes are reported as discarded (logs, metrics, /cluster).
     */
    ALLOW_ALL
}
