package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.io.Output;
import io.clusterkv.core.SetOptions.Condition;
import java.util.List;

/**
 * The replicated commands: every write of the store, plus the cluster's own entries in the ordered stream. A
 * command is deterministic: applied to equal states at the same position of the stream, it gives equal states and
 * equal results on every replica. Values travel as Kryo bytes, encoded once by the caller. Each command writes its
 * own fields after its type byte; {@link CommandCodec} reads them back.
 */
public sealed interface Command {
    /** @return the type byte that starts the command's encoding */
    byte type();

    /** Writes the fields that follow the type byte. */
    void writeFields(Output out);

    /** Redis SET in full; the specification's set and setTTL are special cases. */
    record Set(String key, byte[] value, long ttlMillis, Condition condition, boolean keepTtl) implements Command {
        static final byte TYPE = 1;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            CommandCodec.writeKey(out, key);
            CommandCodec.writeBytes(out, value);
            out.writeVarLong(ttlMillis, true);
            out.writeByte(condition.ordinal());
            out.writeBoolean(keepTtl);
        }
    }

    /** A read ordered with the writes: its result is the key's live value at this position of the stream. */
    record Read(String key) implements Command {
        static final byte TYPE = 11;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            CommandCodec.writeKey(out, key);
        }
    }

    /** Removes a key; with {@code returnValue} the result is the removed value (GETDEL), else a boolean. */
    record Delete(String key, boolean returnValue) implements Command {
        static final byte TYPE = 2;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            CommandCodec.writeKey(out, key);
            out.writeBoolean(returnValue);
        }
    }

    /** Sets the TTL of a live key. */
    record Expire(String key, long ttlMillis) implements Command {
        static final byte TYPE = 3;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            CommandCodec.writeKey(out, key);
            out.writeVarLong(ttlMillis, true);
        }
    }

    /** Removes the TTL of a live key. */
    record Persist(String key) implements Command {
        static final byte TYPE = 4;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            CommandCodec.writeKey(out, key);
        }
    }

    /** Adds a delta to an integer value. */
    record Increment(String key, long delta) implements Command {
        static final byte TYPE = 5;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            CommandCodec.writeKey(out, key);
            out.writeVarLong(delta, false);
        }
    }

    /** Stores several pairs at one instant. */
    record MultiSet(List<String> keys, List<byte[]> values) implements Command {
        static final byte TYPE = 6;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            out.writeVarInt(keys.size(), true);
            for (int i = 0; i < keys.size(); i++) {
                CommandCodec.writeKey(out, keys.get(i));
                CommandCodec.writeBytes(out, values.get(i));
            }
        }
    }

    /** Removes every key. */
    record Clear() implements Command {
        static final byte TYPE = 7;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
        }
    }

    /**
     * Removes the listed keys whose deadline is at or before {@code upTo}; issued by the coordinator's sweeper so
     * every replica drops the same keys at the same position.
     */
    record Sweep(long upTo, List<String> keys) implements Command {
        static final byte TYPE = 8;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            out.writeVarLong(upTo, true);
            out.writeVarInt(keys.size(), true);
            for (String key : keys) {
                CommandCodec.writeKey(out, key);
            }
        }
    }

    /**
     * Adds a node to the stable membership (after it joined and holds the state) or removes it (when it leaves
     * gracefully). Crashes and splits never change the membership: that is what quorum is counted against.
     */
    record Membership(String node, boolean join) implements Command {
        static final byte TYPE = 10;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            CommandCodec.writeKey(out, node);
            out.writeBoolean(join);
        }
    }

    /**
     * The marker a joining node sends through the ordered stream: the provider snapshots its state exactly here,
     * and the joiner keeps what is ordered after it.
     *
     * @param transferId   names this attempt, so a late chunk of an abandoned one is ignored
     * @param providerHigh the provider's JGroups UUID, high bits
     * @param providerLow  the provider's JGroups UUID, low bits
     */
    record StateRequest(long transferId, long providerHigh, long providerLow) implements Command {
        static final byte TYPE = 9;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(Output out) {
            out.writeLong(transferId);
            out.writeLong(providerHigh);
            out.writeLong(providerLow);
        }
    }
}
