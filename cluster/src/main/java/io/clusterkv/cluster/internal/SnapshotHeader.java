package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The position and bookkeeping of a replica at a state-transfer cut.
 *
 * @param transferId      the joiner's attempt this answers
 * @param appliedIndex    batches applied up to and including the joiner's marker
 * @param chainHash       the stream hash at that point
 * @param streamTime      the stream time at that point
 * @param digest          the state digest the installed entries must add up to
 * @param expirations     the provider's expiration count, carried on so the stat stays cluster-wide
 * @param entryCount      how many entries follow in the chunks
 * @param registrationFingerprint the provider's class registrations; a joiner with others cannot use the state
 * @param dedup           the applied request ids
 * @param members         the stable membership
 * @param lineage         the provider's stream lineage, which the joiner takes on
 */
record SnapshotHeader(long transferId, long appliedIndex, long chainHash, long streamTime, long digest,
                      long expirations, long entryCount, long registrationFingerprint, DedupTable dedup,
                      java.util.List<String> members, long lineage) {

    void writeTo(Output out) {
        out.writeLong(transferId);
        out.writeVarLong(appliedIndex, true);
        out.writeLong(chainHash);
        out.writeVarLong(streamTime, true);
        out.writeLong(digest);
        out.writeVarLong(expirations, true);
        out.writeVarLong(entryCount, true);
        out.writeLong(registrationFingerprint);
        dedup.writeTo(out);
        out.writeVarInt(members.size(), true);
        for (String member : members) {
            out.writeString(member);
        }
        out.writeLong(lineage);
    }

    static SnapshotHeader readFrom(Input in) {
        long transferId = in.readLong();
        long appliedIndex = in.readVarLong(true);
        long chainHash = in.readLong();
        long streamTime = in.readVarLong(true);
        long digest = in.readLong();
        long expirations = in.readVarLong(true);
        long entryCount = in.readVarLong(true);
        long fingerprint = in.readLong();
        DedupTable dedup = new DedupTable();
        dedup.readFrom(in);
        int memberCount = in.readVarInt(true);
        java.util.List<String> members = new java.util.ArrayList<>(memberCount);
        for (int i = 0; i < memberCount; i++) {
            members.add(in.readString());
        }
        return new SnapshotHeader(transferId, appliedIndex, chainHash, streamTime, digest, expirations, entryCount,
            fingerprint, dedup, members, in.readLong());
    }
}
