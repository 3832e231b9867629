package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import io.clusterkv.core.KvException;
import io.clusterkv.core.SetOptions.Condition;
import io.clusterkv.core.SetOutcome;
import io.clusterkv.core.TimeSource;
import io.clusterkv.core.internal.StoreEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/*
 * The deterministic heart of a replica. Every replica applies the same batches in the same order with this code,
 * and nothing here reads a clock, a random number or the local configuration beyond the registered classes:
 *
 * - "now" for every write decision (is this key expired? when does this TTL end?) is the stream time, the largest
 *   origin timestamp applied so far, so a key that one replica's clock already considers expired is still treated
 *   the same way by all replicas when an increment or expire is applied to it.
 * - Each applied batch advances the applied index by one and folds the batch's bytes into a chain hash, so two
 *   replicas at the same index with the same chain hash have applied exactly the same stream.
 * - Commands already applied (same origin and request id) are skipped, which makes re-sending safe.
 * - The state digest is kept up to date on every change: the sum over entries of a hash of (key, value, deadline),
 *   so equal states have equal digests whatever order they were built in.
 *
 * Not thread-safe: the node calls it under its lock, from one delivery at a time. Readers use the engine directly.
 */

/** Applies ordered batches to the replica's store and keeps the replica's position, digest and history. */
public final class ReplicatedStateMachine {

    /** What applying a batch asks of the node. */
    public interface Effects {
        /** A command of {@code originId} was applied with this result (also for other nodes' commands). */
        void applied(long originId, long requestId, Command command, @Nullable Object result);

        /** A joiner's marker was reached: if this node is the provider, snapshot now. */
        void stateRequested(Command.StateRequest request, long originId, Object source);

        /** The stable membership changed (a Membership command was applied). */
        void membershipChanged();

        /** A command already applied arrived again and was skipped. */
        void duplicate(long originId, long requestId);

        /** A command did not decode and was skipped. */
        void malformed(long originId, long requestId, String reason);
    }

    /**
     * A failed command's result: the caller rethrows it as the exception of that kind.
     *
     * @param kind    which exception
     * @param message its message
     */
    public record Failure(Kind kind, String message) {
        /** The exception kinds a command can fail with at apply time. */
        public enum Kind { WRONG_TYPE, OVERFLOW, INVALID }
    }

    private final KryoRegistry registry;
    private final Kryo kryo;
    private final StateHashing hashing;
    private final StoreEngine engine;
    private final DedupTable dedup = new DedupTable();
    private final LogTail log;

    private volatile long appliedIndex;
    private long chainHash;
    private long streamTime;
    /** The stream time as a clock, for the engine: what every replica's write decisions are made by. */
    private final TimeSource streamClock = () -> streamTime;
    private long digest;
    private volatile long expirations;
    private volatile long commandsApplied;
    /** The stable membership: node names, changed only by ordered Membership commands. */
    private volatile java.util.SortedSet<String> members = java.util.Collections.emptySortedSet();

    /**
     * @param registry       the node's Kryo registrations
     * @param logTailBatches how many applied batches to keep for reconciliation
     * @param logTailBytes   how many bytes of applied batches to keep at most
     */
    public ReplicatedStateMachine(KryoRegistry registry, int logTailBatches, long logTailBytes) {
        this.registry = registry;
        this.kryo = registry.newKryo();
        this.hashing = new StateHashing(kryo);
        this.engine = new StoreEngine(new DigestKeeper());
        this.log = new LogTail(logTailBatches, logTailBytes);
    }

    // ---------------------------------------------------------------- position and digest

    /** @return the engine holding the replica, for readers */
    public StoreEngine engine() {
        return engine;
    }

    /** @return how many batches of the ordered stream this replica has applied */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** @return the hash of the whole applied stream */
    public long chainHash() {
        return chainHash;
    }

    /** @return the stream time: the largest origin timestamp applied */
    public long streamTime() {
        return streamTime;
    }

    /** @return the state digest */
    public long digest() {
        return digest;
    }

    /** @return keys removed or overwritten after their deadline */
    public long expirations() {
        return expirations;
    }

    /** @return commands applied (duplicates and malformed ones excluded) */
    public long commandsApplied() {
        return commandsApplied;
    }

    /** @return the stable membership: the names of the nodes that joined and have not left */
    public java.util.SortedSet<String> members() {
        return members;
    }

    /** Starts the membership of a new cluster with its first node. */
    public void foundMembership(String firstNode) {
        members = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(java.util.Set.of(firstNode)));
    }

    /** @return the applied batches with index in [from, to], or null if no longer held */
    @Nullable List<LogTail.Entry> logRange(long from, long to) {
        return log.range(from, to);
    }

    // ---------------------------------------------------------------- applying

    /**
     * Applies one batch of the ordered stream. A batch whose frame does not decode still takes its position, as an
     * empty batch, so that every replica keeps the same index.
     *
     * @param batchBytes the batch exactly as delivered (kept in the log tail; not modified)
     * @param source     passed back to {@link Effects#stateRequested} (the sender's address)
     */
    public void apply(byte[] batchBytes, Effects effects, Object source) {
        appliedIndex++;
        chainHash = StateHashing.mix(chainHash * 31 + StateHashing.hashBytes(batchBytes, 0, batchBytes.length));
        log.append(appliedIndex, chainHash, batchBytes);
        CommandBatch batch;
        try {
            batch = CommandCodec.decodeBatch(batchBytes, 0, batchBytes.length);
        } catch (MalformedCommandException malformed) {
            effects.malformed(0, 0, malformed.getMessage());
            return;
        }
        streamTime = Math.max(streamTime, batch.originTime());
        for (int i = 0; i < batch.size(); i++) {
            long requestId = batch.requestIds()[i];
            if (!dedup.markApplied(batch.originId(), requestId)) {
                effects.duplicate(batch.originId(), requestId);
                continue;
            }
            Command command;
            try {
                command = batch.command(i);
            } catch (MalformedCommandException malformed) {
                effects.malformed(batch.originId(), requestId, malformed.getMessage());
                continue;
            }
            if (command instanceof Command.StateRequest request) {
                effects.stateRequested(request, batch.originId(), source);
                continue;
            }
            Object result = applyCommand(command, batch.originTime());
            commandsApplied++;
            if (command instanceof Command.Membership) {
                effects.membershipChanged();
            }
            effects.applied(batch.originId(), requestId, command, result);
        }
    }

    private @Nullable Object applyCommand(Command command, long originTime) {
        TimeSource now = streamClock;
        try {
            if (command instanceof Command.Set set) {
                return applySet(set, originTime, now);
            }
            if (command instanceof Command.Read read) {
                Object raw = engine.getLiveRaw(read.key(), now);
                return raw == null ? null : io.clusterkv.core.internal.Values.snapshot(StoreEngine.valueOf(raw));
            }
            if (command instanceof Command.Increment increment) {
                return engine.addAndGet(increment.key(), increment.delta(), now);
            }
            if (command instanceof Command.Delete delete) {
                Object removed = engine.remove(delete.key(), now);
                Object live = removed == null || StoreEngine.isExpired(removed, now) ? null
                    : StoreEngine.valueOf(removed);
                return delete.returnValue() ? live : Boolean.valueOf(live != null);
            }
            if (command instanceof Command.Expire expire) {
                return engine.setDeadline(expire.key(), originTime + expire.ttlMillis(), false, now);
            }
            if (command instanceof Command.Persist persist) {
                return engine.setDeadline(persist.key(), StoreEngine.NO_DEADLINE, true, now);
            }
            if (command instanceof Command.MultiSet multiSet) {
                return applyMultiSet(multiSet, now);
            }
            if (command instanceof Command.Clear) {
                engine.clear();
                return Boolean.TRUE;
            }
            if (command instanceof Command.Membership membership) {
                java.util.TreeSet<String> next = new java.util.TreeSet<>(members);
                boolean changed = membership.join() ? next.add(membership.node()) : next.remove(membership.node());
                members = java.util.Collections.unmodifiableSortedSet(next);
                return changed;
            }
            if (command instanceof Command.Sweep sweep) {
                int removed = 0;
                for (String key : sweep.keys()) {
                    removed += engine.removeIfExpired(key, sweep.upTo()) ? 1 : 0;
                }
                return removed;
            }
            throw new IllegalStateException("no rule to apply " + command);
        } catch (io.clusterkv.core.WrongTypeException wrongType) {
            return new Failure(Failure.Kind.WRONG_TYPE, wrongType.getMessage());
        } catch (io.clusterkv.core.OverflowException overflow) {
            return new Failure(Failure.Kind.OVERFLOW, overflow.getMessage());
        } catch (KvException | KryoException | IllegalArgumentException undecodable) {
            return new Failure(Failure.Kind.INVALID, "value cannot be decoded on this node: "
                + undecodable.getMessage());
        }
    }

    private SetOutcome applySet(Command.Set set, long originTime, TimeSource now) {
        Object value = CommandCodec.decodeValue(kryo, set.value());
        long deadline = set.ttlMillis() > 0 ? originTime + set.ttlMillis() : StoreEngine.NO_DEADLINE;
        if (set.condition() == Condition.ALWAYS && !set.keepTtl()) {
            Object oldRaw = engine.put(set.key(), value, deadline, now);
            boolean live = oldRaw != null && !StoreEngine.isExpired(oldRaw, now);
            return new SetOutcome(true, live ? StoreEngine.valueOf(oldRaw) : null);
        }
        StoreEngine.SetResult result = engine.set(set.key(), value, deadline, set.condition(), set.keepTtl(), now);
        return new SetOutcome(result.applied(), result.previous());
    }

    private Boolean applyMultiSet(Command.MultiSet multiSet, TimeSource now) {
        // Decode every value before changing anything: a value that does not decode rejects the whole mset.
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (int i = 0; i < multiSet.keys().size(); i++) {
            pairs.put(multiSet.keys().get(i), CommandCodec.decodeValue(kryo, multiSet.values().get(i)));
        }
        engine.putAll(pairs, now);
        return Boolean.TRUE;
    }

    // ---------------------------------------------------------------- snapshots

    /**
     * Captures the state exactly here, by reference (stored values are never mutated in place, so they can be
     * serialized later by another thread).
     */
    public Snapshot capture(long transferId, long lineage) {
        List<String> keys = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, engine.rawSize()));
        List<Object> raws = new ArrayList<>(keys.size());
        engine.forEachRaw((key, raw) -> {
            keys.add(key);
            raws.add(raw);
        });
        return new Snapshot(new SnapshotHeader(transferId, appliedIndex, chainHash, streamTime, digest, expirations,
            keys.size(), registry.fingerprint(), dedup.copy(), List.copyOf(members), lineage), keys, raws);
    }

    /** Drops the whole state, before a snapshot is installed. */
    public void beginInstall() {
        engine.clear();
        dedup.clear();
        log.clear();
        appliedIndex = 0;
        chainHash = 0;
        streamTime = 0;
        expirations = 0;
    }

    /** Adds entries received from a provider. */
    public void installEntries(List<String> keys, List<Object> values, long[] deadlines) {
        engine.restore(keys, values, deadlines, streamClock);
    }

    /**
     * Takes the provider's position after all its entries were installed.
     *
     * @return whether the installed entries have the provider's digest
     */
    public boolean finishInstall(SnapshotHeader header) {
        appliedIndex = header.appliedIndex();
        chainHash = header.chainHash();
        streamTime = header.streamTime();
        expirations = header.expirations();
        dedup.replaceWith(header.dedup());
        members = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(header.members()));
        return digest == header.digest();
    }

    /** Keeps the digest and the expiration count current as entries change. */
    private final class DigestKeeper implements StoreEngine.ChangeListener {
        @Override
        public void onChange(String key, @Nullable Object oldRaw, @Nullable Object newRaw, TimeSource clock) {
            if (oldRaw != null) {
                digest -= hashing.entryHash(key, oldRaw);
                if (StoreEngine.isExpired(oldRaw, clock)) {
                    expirations++;
                }
            }
            if (newRaw != null) {
                digest += hashing.entryHash(key, newRaw);
            }
        }

        @Override
        public void onClear() {
            digest = 0;
        }
    }
}
