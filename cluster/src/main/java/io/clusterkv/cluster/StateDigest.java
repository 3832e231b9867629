package io.clusterkv.cluster;

/**
 * A cheap fingerprint of a replica: two replicas at the same applied index hold the same state exactly when their
 * digests are equal (up to 64-bit hash collisions). Computed incrementally as entries change, over every key,
 * value and deadline, independent of the order the state was built in.
 *
 * @param appliedIndex how many batches of the ordered stream this replica has applied
 * @param digest       the sum of the hashes of (key, value, deadline) of every entry held
 * @param entries      entries held, expired ones the sweeper has not removed yet included
 */
public record StateDigest(long appliedIndex, long digest, long entries) {
    @Override
    public String toString() {
        return "index " + appliedIndex + ", digest " + Long.toHexString(digest) + ", " + entries + " entries";
    }
}
