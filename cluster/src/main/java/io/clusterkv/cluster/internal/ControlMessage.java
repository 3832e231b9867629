package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Point-to-point messages between nodes, outside the ordered stream: the reconciliation after a coordinator change
 * and the chunks of a state transfer.
 */
sealed interface ControlMessage {

    /** A member's position, sent to the new coordinator after the coordinator changed. */
    record SyncReport(long viewId, long appliedIndex, long chainHash, boolean ready) implements ControlMessage {
    }

    /** The coordinator asks the member that applied the most for batches [from, to]. */
    record SyncFetch(long viewId, long from, long to) implements ControlMessage {
    }

    /** The answer to a {@link SyncFetch}: the batches, or none if they are no longer held. */
    record SyncEntries(long viewId, List<LogTail.Entry> entries) implements ControlMessage {
    }

    /**
     * The coordinator's verdict: the stream up to {@code targetIndex} is agreed; here are the batches a member may
     * miss, starting one before the lowest member's position so its chain hash can be checked.
     */
    record SyncDone(long viewId, long targetIndex, long targetChainHash, long lineage, List<LogTail.Entry> entries)
        implements ControlMessage {
    }

    /** Part of a snapshot; the first one carries the header. */
    record StateChunk(long transferId, int sequence, boolean last, @Nullable SnapshotHeader header, int count,
                      byte[] entries) implements ControlMessage {
    }

    /**
     * How far the sender has applied the ordered stream (majority acknowledgement), and which stream: positions
     * are only comparable between members of the same lineage (see ReplicationNode).
     */
    record AppliedReport(long appliedIndex, long lineage) implements ControlMessage {
    }

    /** The named provider cannot give a state now (it is not ready itself); the joiner asks again. */
    record StateRefused(long transferId, String reason) implements ControlMessage {
    }

    byte SYNC_REPORT = 101;
    byte SYNC_FETCH = 102;
    byte SYNC_ENTRIES = 103;
    byte SYNC_DONE = 104;
    byte STATE_CHUNK = 105;
    byte STATE_REFUSED = 106;
    byte APPLIED_REPORT = 107;

    static byte[] encode(ControlMessage message) {
        Output out = new Output(256, -1);
        if (message instanceof SyncReport report) {
            out.writeByte(SYNC_REPORT);
            out.writeLong(report.viewId());
            out.writeVarLong(report.appliedIndex(), true);
            out.writeLong(report.chainHash());
            out.writeBoolean(report.ready());
        } else if (message instanceof SyncFetch fetch) {
            out.writeByte(SYNC_FETCH);
            out.writeLong(fetch.viewId());
            out.writeVarLong(fetch.from(), true);
            out.writeVarLong(fetch.to(), true);
        } else if (message instanceof SyncEntries entries) {
            out.writeByte(SYNC_ENTRIES);
            out.writeLong(entries.viewId());
            writeEntries(out, entries.entries());
        } else if (message instanceof SyncDone done) {
            out.writeByte(SYNC_DONE);
            out.writeLong(done.viewId());
            out.writeVarLong(done.targetIndex(), true);
            out.writeLong(done.targetChainHash());
            out.writeLong(done.lineage());
            writeEntries(out, done.entries());
        } else if (message instanceof StateChunk chunk) {
            out.writeByte(STATE_CHUNK);
            out.writeLong(chunk.transferId());
            out.writeVarInt(chunk.sequence(), true);
            out.writeBoolean(chunk.last());
            out.writeBoolean(chunk.header() != null);
            if (chunk.header() != null) {
                chunk.header().writeTo(out);
            }
            out.writeVarInt(chunk.count(), true);
            out.writeVarInt(chunk.entries().length, true);
            out.writeBytes(chunk.entries());
        } else if (message instanceof AppliedReport report) {
            out.writeByte(APPLIED_REPORT);
            out.writeVarLong(report.appliedIndex(), true);
            out.writeLong(report.lineage());
        } else if (message instanceof StateRefused refused) {
            out.writeByte(STATE_REFUSED);
            out.writeLong(refused.transferId());
            out.writeString(refused.reason());
        }
        return out.toBytes();
    }

    /**
     * @throws MalformedCommandException if the bytes are not a control message
     */
    static ControlMessage decode(byte[] bytes, int offset, int length) {
        try {
            Input in = new Input(bytes, offset, length);
            byte type = in.readByte();
            return switch (type) {
                case SYNC_REPORT -> new SyncReport(in.readLong(), in.readVarLong(true), in.readLong(),
                    in.readBoolean());
                case SYNC_FETCH -> new SyncFetch(in.readLong(), in.readVarLong(true), in.readVarLong(true));
                case SYNC_ENTRIES -> new SyncEntries(in.readLong(), readEntries(in));
                case SYNC_DONE -> new SyncDone(in.readLong(), in.readVarLong(true), in.readLong(), in.readLong(),
                    readEntries(in));
                case STATE_CHUNK -> readChunk(in);
                case STATE_REFUSED -> new StateRefused(in.readLong(), in.readString());
                case APPLIED_REPORT -> new AppliedReport(in.readVarLong(true), in.readLong());
                default -> throw new MalformedCommandException("unknown control message type " + type);
            };
        } catch (RuntimeException failure) {
            if (failure instanceof MalformedCommandException malformed) {
                throw malformed;
            }
            throw new MalformedCommandException("control message does not decode: " + failure, failure);
        }
    }

    private static StateChunk readChunk(Input in) {
        long transferId = in.readLong();
        int sequence = in.readVarInt(true);
        boolean last = in.readBoolean();
        SnapshotHeader header = in.readBoolean() ? SnapshotHeader.readFrom(in) : null;
        int count = in.readVarInt(true);
        int length = in.readVarInt(true);
        return new StateChunk(transferId, sequence, last, header, count, in.readBytes(length));
    }

    private static void writeEntries(Output out, List<LogTail.Entry> entries) {
        out.writeVarInt(entries.size(), true);
        for (LogTail.Entry entry : entries) {
            out.writeVarLong(entry.index(), true);
            out.writeLong(entry.chainHash());
            out.writeVarInt(entry.batch().length, true);
            out.writeBytes(entry.batch());
        }
    }

    private static List<LogTail.Entry> readEntries(Input in) {
        int count = in.readVarInt(true);
        List<LogTail.Entry> entries = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            long index = in.readVarLong(true);
            long chainHash = in.readLong();
            int length = in.readVarInt(true);
            entries.add(new LogTail.Entry(index, chainHash, in.readBytes(length)));
        }
        return entries;
    }
}
