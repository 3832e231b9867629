package io.clusterkv.config;

/** The partition-policy setting; see docs/design/partitions.md. */
public enum PartitionPolicySetting {
    /** Majority when an expected size is set, else none. */
    AUTO,
    /** No quorum. */
    NONE,
    /** Only a part holding a majority of the members writes. */
    MAJORITY,
    /** Every part writes; the largest part wins a merge. */
    ALLOW_ALL
}
