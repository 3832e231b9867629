package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.clusterkv.cluster.NoQuorumException;
import io.clusterkv.cluster.PartitionPolicy;
import io.clusterkv.cluster.WriteOutcomeUnknownException;
import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.KvException;
import io.clusterkv.core.OverflowException;
import io.clusterkv.core.TimeSource;
import io.clusterkv.core.WrongTypeException;
import io.clusterkv.core.internal.ExpiryScanner;
import io.clusterkv.core.internal.StoreEngine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One replica and its part in the protocol (docs/design/replication.md explains it as a whole).
 *
 * Threads. JGroups delivers the ordered stream on one thread at a time per orderer; control messages (unicasts)
 * and views arrive on other threads. Everything that touches the protocol state or the state machine runs under
 * one lock, so the state machine sees one delivery at a time. Writers never take that lock: they encode their
 * command, register a pending entry and hand the bytes to the batcher; the delivery thread completes the entry
 * once the command is applied here. Control messages are sent from a separate thread, and snapshots are serialized
 * and streamed from another, so a delivery never blocks on the network.
 *
 * Phases. JOINING: not holding the state; the node ignores the stream until its own marker comes by, then keeps
 * what follows until the provider's snapshot (cut at that marker) is installed. ACTIVE: applies the stream.
 * SYNCING: the coordinator (so the orderer) changed; the node applies nothing while the new coordinator finds the
 * longest stream any member applied and gives it to everyone, then applies what the new coordinator ordered.
 *
 * Orderers. OrdererTag says which member ordered each delivered batch. Batches of the current orderer are applied;
 * of a retired orderer (a straggler, delivered after the change was seen) are dropped, since reconciliation already
 * covers what anyone applied; of a member not yet known as coordinator (its order can arrive before its view) are
 * kept until the view comes. This node's own dropped batches are sent again once reconciled: de-duplication by
 * (origin, request id) makes that safe.
 */

/** A replica of the store, its JGroups channel and its share of the replication protocol. */
public final class ReplicationNode implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationNode.class);
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final Duration COLLECTOR_PATIENCE = Duration.ofSeconds(5);

    /** Settings of a node, validated by the public builder. */
    public record Settings(String clusterName, String nodeName, Set<Class<?>> userClasses, Duration writeTimeout,
                           Duration joinTimeout, boolean batching, int maxBatchCommands, int maxBatchBytes,
                           TimeSource time, Duration sweepInterval, int sweepBatch, int logTailBatches,
                           long logTailBytes, Duration stateTransferTimeout, PartitionPolicy policy,
                           int expectedSize, boolean minorityReads) {
    }

    private enum Phase { JOINING, SYNCING, ACTIVE, CLOSED }

    /** A batch waiting to be applied, with the member that sent it. */
    private record Held(byte[] batch, @Nullable Address source) {
    }

    /** The joiner's side of one state transfer attempt. */
    private static final class JoinAttempt {
        final long transferId;
        final Address provider;
        boolean markerSeen;
        boolean snapshotComplete;
        @Nullable SnapshotHeader header;
        int nextSequence;
        long entriesReceived;
        int lastReportedPercent = -1;
        long lastProgressNanos = System.nanoTime();
        final List<Held> buffered = new ArrayList<>();

        JoinAttempt(long transferId, Address provider) {
            this.transferId = transferId;
            this.provider = provider;
        }
    }

    /** The new coordinator's side of a reconciliation. */
    private static final class Collector {
        final long viewId;
        final Set<Address> expected;
        final Map<Address, ControlMessage.SyncReport> reports = new HashMap<>();
        final long startedNanos = System.nanoTime();
        /** Parts merged: the surviving part reconciles even without a quorum of its own, as the others rejoin it. */
        boolean merged;
        boolean decided;
        long target;
        long targetChainHash;

        Collector(long viewId, Set<Address> expected) {
            this.viewId = viewId;
            this.expected = expected;
        }
    }

    private final Settings settings;
    private final JChannel channel;
    private final KryoRegistry kryo;
    private final CommandCodec codec;
    private final ReplicatedStateMachine machine;
    private final ClusterMetrics metrics;
    private final PendingWrites pending = new PendingWrites();
    private final @Nullable WriteBatcher batcher;
    private final long originId = new SecureRandom().nextLong();
    private final AtomicLong requestIds = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService control;
    private final ExecutorService transfers;
    private final ExpiryScanner sweepScanner;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    private final ApplyEffects effects = new ApplyEffects();
    private final CommitTracker commits = new CommitTracker();
    private final java.util.concurrent.atomic.AtomicBoolean reportScheduled =
        new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Quorum quorum = new Quorum(false, 0, 1, 0);
    /**
     * Which stream this replica follows: set when the cluster is founded, when a reconciliation completes and from
     * the provider on a state transfer. Members of one lineage have applied prefixes of the same stream, so their
     * applied positions can be compared; across lineages (the parts of a split cluster) they cannot.
     */
    private volatile long lineage;

    // Protocol state, guarded by lock.
    private volatile Phase phase = Phase.JOINING;
    private volatile boolean ready;
    private volatile @Nullable View view;
    private volatile @Nullable Address orderer;
    private final Map<Address, List<Held>> earlyBatches = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final List<byte[]> ownDropped = new ArrayList<>();
    private long syncViewId = -1;
    private @Nullable Collector collector;
    private final Map<Long, Map<Address, ControlMessage.SyncReport>> earlyReports = new HashMap<>();
    private @Nullable JoinAttempt join;
    private int joinAttempts;
    /** No quorum under the majority policy: the ordered stream is held, not applied, until the cluster heals. */
    private boolean frozen;
    private @Nullable List<Address> primaryProviders;

    /**
     * Creates the node; {@link #start()} connects it.
     *
     * @param channel a channel built from a stack with SEQUENCER and OrdererTag, not yet connected
     */
    public ReplicationNode(Settings settings, JChannel channel, ClusterMetrics metrics) {
        this.settings = settings;
        this.channel = channel;
        this.kryo = new KryoRegistry(settings.userClasses());
        this.codec = new CommandCodec(kryo);
        this.machine = new ReplicatedStateMachine(kryo, settings.logTailBatches(), settings.logTailBytes());
        this.metrics = metrics;
        this.sweepScanner = new ExpiryScanner(machine.engine());
        String name = settings.nodeName();
        this.control = Executors.newSingleThreadScheduledExecutor(daemon("clusterkv-" + name + "-control"));
        this.transfers = Executors.newSingleThreadExecutor(daemon("clusterkv-" + name + "-state-transfer"));
        this.batcher = settings.batching()
            ? new WriteBatcher("clusterkv-" + name + "-sender", settings.maxBatchCommands(),
                settings.maxBatchBytes(), this::sendBatch)
            : null;
        registerGauges();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void registerGauges() {
        metrics.gauge("members", "members in the current view", this, node -> node.memberCount());
        metrics.gauge("ready", "1 when this node holds the current state", this, node -> node.ready ? 1 : 0);
        metrics.gauge("applied.index", "batches of the ordered stream applied here", machine,
            m -> m.appliedIndex());
        metrics.functionCounter("commands.applied", "commands applied to this replica", machine,
            m -> m.commandsApplied());
        metrics.functionCounter("expirations", "keys removed because they expired", machine, m -> m.expirations());
        metrics.gauge("quorum", "1 when this node's part of the cluster may write", this,
            node -> node.quorum.has() ? 1 : 0);
        metrics.gauge("stable.members", "nodes in the stable membership quorum is counted against", machine,
            m -> m.members().size());
    }

    private int memberCount() {
        View current = view;
        return current == null ? 0 : current.size();
    }

    // ================================================================ life cycle

    /**
     * Connects to the cluster and waits until this node holds the current state.
     *
     * @throws KvException if the node does not become ready within the join timeout
     */
    public void start() {
        channel.setReceiver(this);
        channel.setDiscardOwnMessages(false);
        channel.name(settings.nodeName());
        try {
            channel.connect(settings.clusterName());
        } catch (Exception failure) {
            throw new KvException("node " + settings.nodeName() + " could not join cluster '"
                + settings.clusterName() + "': " + failure.getMessage(), failure);
        }
        if (batcher != null) {
            batcher.start();
        }
        if (settings.policy() == PartitionPolicy.MAJORITY) {
            // Besides the report after each applied burst: an idle member must still vouch for what it applied.
            control.scheduleWithFixedDelay(() -> {
                if (ready) {
                    sendAppliedReport();
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        }
        long overdueCheckMillis = Math.max(10, Math.min(100, settings.writeTimeout().toMillis() / 5));
        control.scheduleWithFixedDelay(() -> pending.failOverdue(settings.writeTimeout()), overdueCheckMillis,
            overdueCheckMillis, TimeUnit.MILLISECONDS);
        long sweepMillis = settings.sweepInterval().toMillis();
        if (sweepMillis > 0) {
            control.scheduleWithFixedDelay(this::sweepSafely, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        }
        try {
            firstReady.get(settings.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception failure) {
            Throwable cause = failure instanceof java.util.concurrent.ExecutionException ? failure.getCause() : failure;
            close();
            throw new KvException("node " + settings.nodeName() + " did not receive the cluster state within "
                + settings.joinTimeout().toMillis() + " ms: " + cause, cause);
        }
    }

    /** Leaves the cluster gracefully: sends what is queued, waits briefly for it, then disconnects. */
    public void close() {
        lock.lock();
        try {
            if (phase == Phase.CLOSED) {
                return;
            }
        } finally {
            lock.unlock();
        }
        leaveMembership();
        try {
            if (batcher != null) {
                batcher.stop();
            }
            long deadline = System.nanoTime() + Math.min(settings.writeTimeout().toNanos(), 2_000_000_000L);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.sleep(1); // draining writes in flight before leaving; bounded above
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            phase = Phase.CLOSED;
            ready = false;
        } finally {
            lock.unlock();
        }
        pending.failAll("node " + settings.nodeName() + " closed before the write was confirmed; its outcome is "
            + "unknown");
        control.shutdownNow();
        transfers.shutdownNow();
        channel.close();
    }

    /** A graceful leave shrinks the stable membership, so the remaining nodes keep their quorum. */
    private void leaveMembership() {
        if (!ready || !machine.members().contains(settings.nodeName()) || machine.members().size() == 1) {
            return;
        }
        try {
            writeAsync(new Command.Membership(settings.nodeName(), false), "leave", settings.nodeName())
                .get(Math.min(settings.writeTimeout().toMillis(), 2_000), TimeUnit.MILLISECONDS);
        } catch (Exception notConfirmed) {
            LOG.warn("{}: leaving without removing itself from the membership: {}", settings.nodeName(),
                notConfirmed.toString());
        }
    }

    // ================================================================ accessors

    /** @return the state machine (readers use its engine) */
    public ReplicatedStateMachine machine() {
        return machine;
    }

    /** @return whether this node holds the current state */
    public boolean isReady() {
        return ready;
    }

    /** @return the channel, for views and fault injection */
    public JChannel channel() {
        return channel;
    }

    /** @return the current view, or null before the first */
    public @Nullable View view() {
        return view;
    }

    /** @return (applied index, digest, entries) read together */
    public long[] digestSnapshot() {
        lock.lock();
        try {
            return new long[] {machine.appliedIndex(), machine.digest(), machine.engine().rawSize()};
        } finally {
            lock.unlock();
        }
    }

    // ================================================================ writes

    /**
     * Replicates a command; the future completes once it is applied here, with the result computed here, or fails
     * with the command's error or a {@link WriteOutcomeUnknownException} after the write timeout.
     *
     * @param operation names the write in a timeout message (set, increment...)
     * @param subject   what it writes (a key), for the same message
     */
    public CompletableFuture<Object> writeAsync(Command command, String operation, String subject) {
        if (phase == Phase.CLOSED) {
            return CompletableFuture.failedFuture(new KvException("node " + settings.nodeName() + " is closed"));
        }
        Quorum current = quorum;
        if (!current.has() && !(command instanceof Command.Membership && bootstrapping())) {
            return CompletableFuture.failedFuture(new NoQuorumException(current.refusal()));
        }
        byte[] encoded = codec.encodeCommand(command);
        long requestId = requestIds.incrementAndGet();
        PendingWrites.Pending waiting = pending.register(requestId, operation, subject);
        if (batcher != null) {
            batcher.enqueue(requestId, encoded);
        } else {
            sendBatch(List.of(new WriteBatcher.Outgoing(requestId, encoded)));
        }
        return waiting;
    }

    /** @return whether the stable membership is still smaller than the expected size, so joins need no quorum */
    private boolean bootstrapping() {
        return machine.members().size() < settings.expectedSize();
    }

    /**
     * @throws NoQuorumException if reads are refused in a part of the cluster without quorum
     */
    public void checkReadAllowed() {
        Quorum current = quorum;
        if (!settings.minorityReads() && !current.has()) {
            throw new NoQuorumException(current.refusal().replace("writes are refused", "reads and writes are refused"));
        }
    }

    /** @return whether this node's part of the cluster may write */
    public Quorum quorum() {
        return quorum;
    }

    /** @return the partition policy */
    public PartitionPolicy policy() {
        return settings.policy();
    }

    /** @return the failure of a command at apply time as the exception the caller gets */
    private static KvException toException(ReplicatedStateMachine.Failure failure) {
        return switch (failure.kind()) {
            case WRONG_TYPE -> new WrongTypeException(failure.message());
            case OVERFLOW -> new OverflowException();
            case INVALID -> new InvalidArgumentException(failure.message());
        };
    }

    /** @return the codec, to encode values at the caller */
    public CommandCodec codec() {
        return codec;
    }

    private void sendBatch(List<WriteBatcher.Outgoing> commands) {
        long[] ids = new long[commands.size()];
        List<byte[]> encoded = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            ids[i] = commands.get(i).requestId();
            encoded.add(commands.get(i).command());
        }
        byte[] batch = CommandCodec.encodeBatch(originId, settings.time().currentTimeMillis(), ids, encoded);
        try {
            channel.send(new BytesMessage(null, batch));
            metrics.bytesSent(batch.length);
        } catch (Exception failure) {
            for (long id : ids) {
                pending.fail(id, new WriteOutcomeUnknownException("write could not be sent: " + failure));
            }
        }
    }

    // ================================================================ receiving

    @Override
    public void receive(Message msg) {
        Address orderedBy = OrdererTag.current();
        byte[] payload = payloadOf(msg);
        if (orderedBy != null && msg.getDest() == null && !msg.isFlagSet(Message.Flag.NO_TOTAL_ORDER)
            && !msg.isFlagSet(Message.Flag.OOB)) {
            onOrdered(orderedBy, OrdererTag.currentView(), msg.getSrc(), payload);
        } else {
            onControl(msg.getSrc(), payload);
        }
    }

    private static byte[] payloadOf(Message msg) {
        byte[] array = msg.getArray();
        if (msg.getOffset() == 0 && msg.getLength() == array.length) {
            return array;
        }
        byte[] copy = new byte[msg.getLength()];
        System.arraycopy(array, msg.getOffset(), copy, 0, msg.getLength());
        return copy;
    }

    private void onOrdered(Address orderedBy, org.jgroups.@Nullable ViewId orderedIn, Address source, byte[] batch) {
        lock.lock();
        try {
            View current = view;
            if (orderedIn != null && current != null && orderedIn.compareTo(current.getViewId()) < 0) {
                // Ordered under a view this node has already replaced: a late message of an old order, which the
                // reconciliation at that view change covered.
                dropped(batch);
            } else if (orderedBy.equals(orderer)) {
                switch (phase) {
                    case ACTIVE -> {
                        if (frozen) {
                            held.add(new Held(batch, source));
                        } else {
                            apply(batch, source);
                        }
                    }
                    case SYNCING -> held.add(new Held(batch, source));
                    case JOINING -> joinerSees(batch, source);
                    case CLOSED -> { }
                }
            } else if (orderer == null) {
                dropped(batch);
            } else {
                // Ordered by a member this node does not yet know as coordinator: its view is on the way.
                earlyBatches.computeIfAbsent(orderedBy, o -> new ArrayList<>()).add(new Held(batch, source));
            }
        } finally {
            lock.unlock();
        }
    }

    private void apply(byte[] batch, @Nullable Address source) {
        machine.apply(batch, effects, source == null ? "" : source);
        reportApplied();
    }

    /** Remembers this node's own batches that were dropped unapplied, to send them again once reconciled. */
    private void dropped(byte[] batch) {
        if (batch.length > 9 && batch[0] == CommandCodec.FORMAT && new Input(batch, 1, 8).readLong() == originId) {
            ownDropped.add(batch);
        }
    }

    private void resendOwnDropped() {
        if (ownDropped.isEmpty()) {
            return;
        }
        List<byte[]> again = new ArrayList<>(ownDropped);
        ownDropped.clear();
        LOG.info("{}: re-sending {} own batches that were dropped during a coordinator change", settings.nodeName(),
            again.size());
        control.execute(() -> {
            for (byte[] batch : again) {
                sendRaw(null, batch);
            }
        });
    }

    /** Gives callers the results of their committed writes. */
    private void answer(List<CommitTracker.Awaiting> committed) {
        for (CommitTracker.Awaiting write : committed) {
            metrics.replicated(write.pending().sentNanos);
            if (write.result() instanceof RuntimeException failure) {
                write.pending().completeExceptionally(failure);
            } else {
                write.pending().complete(write.result());
            }
        }
    }

    /** Tells the others how far this node has applied, coalescing bursts into one message. */
    private void reportApplied() {
        if (settings.policy() == PartitionPolicy.MAJORITY && reportScheduled.compareAndSet(false, true)) {
            control.execute(this::sendAppliedReport);
        }
    }

    private void sendAppliedReport() {
        reportScheduled.set(false);
        long index = machine.appliedIndex();
        answer(commits.reported(channel.getAddress(), index, voters(), quorum.needed()));
        byte[] report = ControlMessage.encode(new ControlMessage.AppliedReport(index, lineage));
        try {
            channel.send(new BytesMessage(null, report).setFlag(Message.Flag.NO_TOTAL_ORDER, Message.Flag.OOB));
        } catch (Exception failure) {
            if (phase != Phase.CLOSED) {
                LOG.debug("{}: could not send the applied position: {}", settings.nodeName(), failure.toString());
            }
        }
    }

    /** @return the members of the current view that belong to the stable membership: whose positions count */
    private List<Address> voters() {
        View current = view;
        if (current == null) {
            return List.of();
        }
        java.util.SortedSet<String> members = machine.members();
        List<Address> voters = new ArrayList<>();
        for (Address member : current.getMembers()) {
            if (members.contains(String.valueOf(member))) {
                voters.add(member);
            }
        }
        return voters;
    }

    /** Recomputes the quorum after the view or the membership changed, freezing or thawing the stream. */
    private void quorumChanged() {
        View current = view;
        if (current == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Address member : current.getMembers()) {
            names.add(String.valueOf(member));
        }
        Quorum next = Quorum.of(settings.policy(), settings.expectedSize(), machine.members(), names);
        Quorum previous = quorum;
        quorum = next;
        if (previous.has() != next.has() && ready) {
            LOG.warn("{}: {}", settings.nodeName(), next.has() ? "quorum regained (" + next.reachable() + " of "
                + next.members() + " members)" : next.refusal());
        }
        answer(commits.votersChanged(voters(), next.needed()));
        // While the cluster is still forming (fewer members than expected) nothing is frozen: there is no
        // established majority whose stream a minority could diverge from, and joiners need the stream applied.
        boolean shouldFreeze = settings.policy() == PartitionPolicy.MAJORITY && !next.has() && !bootstrapping();
        if (frozen && !shouldFreeze && phase == Phase.ACTIVE) {
            frozen = false;
            List<Held> toApply = new ArrayList<>(held);
            held.clear();
            for (Held batch : toApply) {
                apply(batch.batch(), batch.source());
            }
        } else {
            frozen = shouldFreeze;
        }
    }

    /** What applying a batch means for this node. */
    private final class ApplyEffects implements ReplicatedStateMachine.Effects {
        @Override
        public void applied(long origin, long requestId, Command command, @Nullable Object result) {
            if (origin == originId) {
                PendingWrites.Pending done = pending.take(requestId);
                if (done != null) {
                    Object outcome = result instanceof ReplicatedStateMachine.Failure failure ? toException(failure)
                        : result;
                    if (settings.policy() == PartitionPolicy.MAJORITY) {
                        answer(commits.await(new CommitTracker.Awaiting(machine.appliedIndex(), done, outcome)));
                    } else {
                        answer(List.of(new CommitTracker.Awaiting(machine.appliedIndex(), done, outcome)));
                    }
                }
            }
        }

        @Override
        public void membershipChanged() {
            quorumChanged();
        }

        @Override
        public void stateRequested(Command.StateRequest request, long origin, Object source) {
            if (channel.getAddress() instanceof UUID self && self.getMostSignificantBits() == request.providerHigh()
                && self.getLeastSignificantBits() == request.providerLow() && source instanceof Address joiner) {
                provideState(request, joiner);
            }
        }

        @Override
        public void duplicate(long origin, long requestId) {
            metrics.duplicate();
        }

        @Override
        public void malformed(long origin, long requestId, String reason) {
            metrics.malformed();
            LOG.warn("{}: skipped a command that does not decode (origin {}, request {}): {}", settings.nodeName(),
                origin, requestId, reason);
            PendingWrites.Pending waiting = origin == originId ? pending.take(requestId) : null;
            if (waiting != null) {
                waiting.completeExceptionally(new InvalidArgumentException("command does not decode: " + reason));
            }
        }
    }

    // ================================================================ views

    @Override
    public void viewAccepted(View newView) {
        lock.lock();
        try {
            if (phase == Phase.CLOSED) {
                return;
            }
            View previous = view;
            view = newView;
            Address coordinator = newView.getCoord();
            LOG.info("{}: view {} (coordinator {})", settings.nodeName(), newView, coordinator);
            if (orderer == null) {
                firstView(newView, coordinator);
                quorumChanged();
                return;
            }
            if (newView instanceof MergeView merge) {
                // Decided before the quorum is recomputed: a losing part must not thaw and apply what it held.
                merged(merge, coordinator);
                quorumChanged();
                return;
            }
            quorumChanged();
            if (!coordinator.equals(orderer)) {
                Set<Address> expected = new LinkedHashSet<>(newView.getMembers());
                if (previous != null) {
                    expected.retainAll(previous.getMembers());
                }
                expected.add(coordinator);
                ordererChanged(newView, coordinator, expected);
            } else {
                dropEarlyBatches();
                if (collector != null) {
                    collector.expected.retainAll(newView.getMembers());
                    maybeDecide();
                }
            }
            if (phase == Phase.JOINING && join != null && !newView.containsMember(join.provider)) {
                LOG.info("{}: state provider {} left; asking another member", settings.nodeName(), join.provider);
                startJoin();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parts of a split cluster meet again. One part's state survives (see {@link #primaryPart}); the members of the
     * others drop theirs and take it by state transfer, cut at their marker in the new coordinator's order. Members
     * of the surviving part whose coordinator did not change go on as they were: their stream never broke. If it
     * changed, they reconcile among themselves as after any coordinator change.
     */
    private void merged(MergeView merge, Address coordinator) {
        metrics.merged();
        List<Address> primary = primaryPart(merge);
        LOG.warn("{}: parts {} merged; the state of {} survives", settings.nodeName(), merge.getSubgroups(), primary);
        if (!primary.contains(channel.getAddress())) {
            primaryProviders = primary;
            rejoinAfterMerge(coordinator);
            if (coordinator.equals(channel.getAddress())) {
                collector = newCollector(merge.getViewId().getId(), new LinkedHashSet<>(primary));
                // The surviving part's reports can all have come before this view: nothing else would decide.
                maybeDecide();
            }
            return;
        }
        if (!coordinator.equals(orderer)) {
            ordererChanged(merge, coordinator, new LinkedHashSet<>(primary));
            if (collector != null) {
                collector.merged = true;
            }
        } else {
            dropEarlyBatches();
            if (collector != null && !collector.decided) {
                collector.merged = true;
                collector.expected.retainAll(primary);
                maybeDecide();
            }
        }
    }

    /**
     * @return the members whose state survives a merge: under the majority policy the part that held a quorum (at
     *     most one can); otherwise, and when no part held one, the part with most stable members, ties going to
     *     the part of the new coordinator
     */
    private List<Address> primaryPart(MergeView merge) {
        java.util.SortedSet<String> members = machine.members();
        List<List<Address>> parts = disjointParts(merge);
        if (settings.policy() == PartitionPolicy.MAJORITY) {
            for (List<Address> part : parts) {
                if (Quorum.of(settings.policy(), settings.expectedSize(), members, names(part)).has()) {
                    return part;
                }
            }
        }
        List<Address> best = null;
        int bestCount = -1;
        for (List<Address> part : parts) {
            int count = Quorum.of(PartitionPolicy.MAJORITY, 0, members, names(part)).reachable();
            boolean better = count > bestCount || (count == bestCount && part.contains(merge.getCoord()));
            if (better) {
                best = part;
                bestCount = count;
            }
        }
        return best == null ? merge.getMembers() : best;
    }

    /**
     * The merged parts with each member in only one of them. Subgroups can overlap: a member paused past failure
     * detection (SIGSTOP, a long GC) wakes up still holding the view it was excluded from, so its subgroup lists the
     * members that went on without it. Each member belongs to the most recent view that holds it; without this the
     * paused member's stale view looked like a part holding every member, and its old state won the merge.
     */
    private static List<List<Address>> disjointParts(MergeView merge) {
        Map<Address, View> latest = new HashMap<>();
        for (View part : merge.getSubgroups()) {
            for (Address member : part.getMembers()) {
                View known = latest.get(member);
                if (known == null || part.getViewId().compareTo(known.getViewId()) > 0) {
                    latest.put(member, part);
                }
            }
        }
        List<List<Address>> parts = new ArrayList<>();
        for (View part : merge.getSubgroups()) {
            List<Address> own = new ArrayList<>();
            for (Address member : part.getMembers()) {
                if (latest.get(member) == part) {
                    own.add(member);
                }
            }
            if (!own.isEmpty()) {
                parts.add(own);
            }
        }
        return parts;
    }

    private static long lineageOf(org.jgroups.ViewId viewId) {
        return StateHashing.mix(viewId.getId() * 31 + String.valueOf(viewId.getCreator()).hashCode());
    }

    private void followLineage(long next) {
        if (next != lineage) {
            lineage = next;
            commits.lineageChanged();
        }
    }

    private static List<String> names(List<Address> view) {
        List<String> names = new ArrayList<>();
        for (Address member : view) {
            names.add(String.valueOf(member));
        }
        return names;
    }

    private void firstView(View first, Address coordinator) {
        orderer = coordinator;
        if (coordinator.equals(channel.getAddress())) {
            LOG.info("{}: first member of cluster '{}'; ready with an empty store", settings.nodeName(),
                settings.clusterName());
            becomeReady();
        } else {
            control.execute(this::startJoinLocked);
        }
    }

    /** Early batches of members that did not become coordinator with this view will never be applied. */
    private void dropEarlyBatches() {
        for (List<Held> others : earlyBatches.values()) {
            others.forEach(h -> dropped(h.batch()));
        }
        earlyBatches.clear();
    }

    /** This node was in a partition that did not win the merge: it takes the winning partition's state. */
    private void rejoinAfterMerge(Address coordinator) {
        LOG.warn("{}: this part lost the merge: dropping its state (index {}) and taking the surviving part's",
            settings.nodeName(), machine.appliedIndex());
        metrics.discardedByMerge(machine.appliedIndex());
        retireOrderer(coordinator);
        held.clear();
        earlyBatches.clear();
        ownDropped.clear();
        for (CommitTracker.Awaiting write : commits.drain()) {
            write.pending().completeExceptionally(new WriteOutcomeUnknownException("the write was applied in a part "
                + "of the cluster that lost the merge; it was discarded"));
        }
        phase = Phase.JOINING;
        ready = false;
        frozen = false;
        startJoin();
    }

    private void retireOrderer(Address next) {
        orderer = next;
    }

    // ================================================================ reconciliation after a coordinator change

    private void ordererChanged(View newView, Address coordinator, Set<Address> expected) {
        LOG.info("{}: coordinator {} (was {}); reconciling before applying its order", settings.nodeName(),
            coordinator, orderer);
        metrics.reconciled();
        retireOrderer(coordinator);
        for (Held stale : held) {
            dropped(stale.batch());
        }
        held.clear();
        List<Held> early = earlyBatches.remove(coordinator);
        if (early != null) {
            held.addAll(early);
        }
        dropEarlyBatches();
        boolean holdsState = phase == Phase.ACTIVE || phase == Phase.SYNCING;
        if (phase == Phase.JOINING) {
            abortJoin();
        } else {
            phase = Phase.SYNCING;
        }
        syncViewId = newView.getViewId().getId();
        collector = coordinator.equals(channel.getAddress()) ? newCollector(syncViewId, expected) : null;
        sendControl(coordinator, new ControlMessage.SyncReport(syncViewId, machine.appliedIndex(),
            machine.chainHash(), holdsState));
    }

    private Collector newCollector(long viewId, Set<Address> expected) {
        Collector created = new Collector(viewId, expected);
        Map<Address, ControlMessage.SyncReport> early = earlyReports.remove(viewId);
        if (early != null) {
            created.reports.putAll(early);
        }
        earlyReports.clear();
        control.schedule(this::collectorPatienceCheck, COLLECTOR_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return created;
    }

    private void onSyncReport(Address from, ControlMessage.SyncReport report) {
        if (collector == null || collector.viewId != report.viewId()) {
            if (report.viewId() > syncViewId) {
                earlyReports.computeIfAbsent(report.viewId(), id -> new HashMap<>()).put(from, report);
            }
            return;
        }
        collector.reports.put(from, report);
        maybeDecide();
    }

    private void collectorPatienceCheck() {
        lock.lock();
        try {
            Collector current = collector;
            if (current == null || current.decided) {
                return;
            }
            Set<Address> missing = new HashSet<>(current.expected);
            missing.removeAll(current.reports.keySet());
            if (!missing.isEmpty()) {
                LOG.warn("{}: no position report from {} within {} ms; reconciling without them",
                    settings.nodeName(), missing, COLLECTOR_PATIENCE.toMillis());
                current.expected.removeAll(missing);
            }
            maybeDecide();
        } finally {
            lock.unlock();
        }
    }

    /** Once every expected member reported: find the longest applied stream and who holds it. */
    private void maybeDecide() {
        Collector current = collector;
        if (current == null || current.decided || !current.reports.keySet().containsAll(current.expected)) {
            return;
        }
        List<String> reporting = new ArrayList<>();
        if (current.merged && view != null) {
            view.getMembers().forEach(member -> reporting.add(String.valueOf(member)));
        } else {
            current.expected.forEach(member -> reporting.add(String.valueOf(member)));
        }
        if (!Quorum.of(settings.policy(), settings.expectedSize(), machine.members(), reporting).has()
            && !machine.members().isEmpty()) {
            LOG.warn("{}: the members present ({}) hold no quorum; waiting for the cluster to heal before "
                + "reconciling", settings.nodeName(), reporting);
            return;
        }
        current.decided = true;
        Address self = channel.getAddress();
        Address holder = null;
        long target = -1;
        long low = Long.MAX_VALUE;
        for (Map.Entry<Address, ControlMessage.SyncReport> entry : current.reports.entrySet()) {
            if (!current.expected.contains(entry.getKey()) || !entry.getValue().ready()) {
                continue;
            }
            long index = entry.getValue().appliedIndex();
            low = Math.min(low, index);
            if (index > target || (index == target && entry.getKey().equals(self))) {
                target = index;
                holder = entry.getKey();
            }
        }
        if (holder == null) {
            LOG.warn("{}: no member that held the state survived; continuing with this node's state",
                settings.nodeName());
            current.target = machine.appliedIndex();
            current.targetChainHash = machine.chainHash();
            finishDecision(List.of());
            return;
        }
        current.target = target;
        current.targetChainHash = current.reports.get(holder).chainHash();
        LOG.info("{}: reconciling to index {} held by {} (lowest member at {})", settings.nodeName(), target, holder,
            low);
        long from = Math.max(0, low);
        if (holder.equals(self)) {
            finishDecision(entriesForSync(from, target));
        } else {
            sendControl(holder, new ControlMessage.SyncFetch(current.viewId, from, target));
        }
    }

    private List<LogTail.Entry> entriesForSync(long from, long to) {
        if (from >= to) {
            return List.of();
        }
        for (long start = from; start <= to; start++) {
            List<LogTail.Entry> range = machine.logRange(start, to);
            if (range != null) {
                return range;
            }
        }
        return List.of();
    }

    private void onSyncFetch(Address from, ControlMessage.SyncFetch fetch) {
        sendControl(from, new ControlMessage.SyncEntries(fetch.viewId(), entriesForSync(fetch.from(), fetch.to())));
    }

    private void onSyncEntries(ControlMessage.SyncEntries entries) {
        if (collector != null && collector.viewId == entries.viewId() && collector.decided) {
            finishDecision(entries.entries());
        }
    }

    private void finishDecision(List<LogTail.Entry> entries) {
        Collector current = collector;
        if (current == null) {
            return;
        }
        View syncView = view;
        long nextLineage = syncView == null ? lineage : lineageOf(syncView.getViewId());
        ControlMessage.SyncDone done = new ControlMessage.SyncDone(current.viewId, current.target,
            current.targetChainHash, nextLineage, entries);
        View currentView = view;
        if (currentView != null) {
            for (Address member : currentView.getMembers()) {
                sendControl(member, done);
            }
        }
    }

    private void onSyncDone(ControlMessage.SyncDone done) {
        if (done.viewId() != syncViewId) {
            return;
        }
        if (phase == Phase.JOINING) {
            if (join == null) {
                startJoin();
            }
            return;
        }
        if (phase != Phase.SYNCING) {
            return;
        }
        if (!catchUp(done)) {
            LOG.warn("{}: cannot reach index {} from index {} with the batches held by the others; taking a full "
                + "state transfer", settings.nodeName(), done.targetIndex(), machine.appliedIndex());
            phase = Phase.JOINING;
            ready = false;
            held.clear();
            startJoin();
            return;
        }
        phase = Phase.ACTIVE;
        followLineage(done.lineage());
        if (!frozen) {
            List<Held> toApply = new ArrayList<>(held);
            held.clear();
            for (Held batch : toApply) {
                apply(batch.batch(), batch.source());
            }
        }
        LOG.info("{}: reconciled at index {}; applying the new coordinator's order", settings.nodeName(),
            machine.appliedIndex());
        resendOwnDropped();
    }

    /** Applies the batches this node misses, checking it is on the agreed stream. */
    private boolean catchUp(ControlMessage.SyncDone done) {
        long index = machine.appliedIndex();
        if (index == done.targetIndex()) {
            return machine.chainHash() == done.targetChainHash();
        }
        if (index > done.targetIndex()) {
            return false;
        }
        boolean onChain = false;
        for (LogTail.Entry entry : done.entries()) {
            if (entry.index() == index) {
                onChain = entry.chainHash() == machine.chainHash();
            } else if (entry.index() == machine.appliedIndex() + 1 && (onChain || index == 0)) {
                apply(entry.batch(), null);
                onChain = machine.chainHash() == entry.chainHash();
                if (!onChain) {
                    return false;
                }
            }
        }
        return machine.appliedIndex() == done.targetIndex() && machine.chainHash() == done.targetChainHash();
    }

    // ================================================================ state transfer: joiner

    private void startJoinLocked() {
        lock.lock();
        try {
            if (phase == Phase.JOINING && join == null) {
                startJoin();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks a member for the state with a marker through the ordered stream. */
    private void startJoin() {
        abortJoin();
        Address provider = chooseProvider();
        if (provider == null) {
            LOG.info("{}: no other member to take the state from; ready with the state held", settings.nodeName());
            becomeReady();
            return;
        }
        UUID providerId = (UUID) provider;
        JoinAttempt attempt = new JoinAttempt(new SecureRandom().nextLong(), provider);
        join = attempt;
        long requestId = requestIds.incrementAndGet();
        byte[] marker = CommandCodec.encodeBatch(originId, settings.time().currentTimeMillis(),
            new long[] {requestId}, List.of(codec.encodeCommand(new Command.StateRequest(attempt.transferId,
                providerId.getMostSignificantBits(), providerId.getLeastSignificantBits()))));
        LOG.info("{}: asking {} for the state (attempt {})", settings.nodeName(), provider, joinAttempts);
        control.execute(() -> sendRaw(null, marker));
        long timeoutMillis = settings.stateTransferTimeout().toMillis();
        control.schedule(() -> checkJoinProgress(attempt), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private @Nullable Address chooseProvider() {
        View current = view;
        if (current == null) {
            return null;
        }
        List<Address> others = new ArrayList<>(current.getMembers());
        if (primaryProviders != null) {
            others.retainAll(primaryProviders);
        }
        others.remove(channel.getAddress());
        if (others.isEmpty()) {
            return null;
        }
        // The coordinator first (it is the oldest member, most likely ready), then the others in turn.
        return others.get(joinAttempts++ % others.size());
    }

    private void abortJoin() {
        if (join != null) {
            for (Held batch : join.buffered) {
                dropped(batch.batch());
            }
            join = null;
        }
    }

    private void checkJoinProgress(JoinAttempt attempt) {
        lock.lock();
        try {
            if (join != attempt || phase != Phase.JOINING) {
                return;
            }
            long idleMillis = (System.nanoTime() - attempt.lastProgressNanos) / 1_000_000;
            if (idleMillis >= settings.stateTransferTimeout().toMillis()) {
                LOG.warn("{}: no state from {} for {} ms; asking again", settings.nodeName(), attempt.provider,
                    idleMillis);
                startJoin();
            } else {
                control.schedule(() -> checkJoinProgress(attempt),
                    settings.stateTransferTimeout().toMillis() - idleMillis, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** While joining: everything before this node's marker is in the snapshot; what follows is kept. */
    private void joinerSees(byte[] batch, Address source) {
        JoinAttempt attempt = join;
        if (attempt == null) {
            return;
        }
        if (!attempt.markerSeen) {
            if (isMarkerOf(batch, attempt.transferId)) {
                attempt.markerSeen = true;
                attempt.lastProgressNanos = System.nanoTime();
                maybeFinishJoin();
            }
            return;
        }
        attempt.buffered.add(new Held(batch, source));
    }

    private boolean isMarkerOf(byte[] bytes, long transferId) {
        try {
            CommandBatch batch = CommandCodec.decodeBatch(bytes, 0, bytes.length);
            return batch.originId() == originId && batch.size() == 1
                && batch.command(0) instanceof Command.StateRequest request && request.transferId() == transferId;
        } catch (MalformedCommandException malformed) {
            return false;
        }
    }

    private void onStateChunk(ControlMessage.StateChunk chunk) {
        JoinAttempt attempt = join;
        if (attempt == null || chunk.transferId() != attempt.transferId || phase != Phase.JOINING) {
            return;
        }
        if (chunk.sequence() != attempt.nextSequence) {
            LOG.warn("{}: state chunk {} arrived, expected {}; asking again", settings.nodeName(), chunk.sequence(),
                attempt.nextSequence);
            startJoin();
            return;
        }
        attempt.nextSequence++;
        attempt.lastProgressNanos = System.nanoTime();
        if (chunk.header() != null) {
            if (chunk.header().registrationFingerprint() != kryo.fingerprint()) {
                firstReady.completeExceptionally(new KvException("this node registers other value classes than the "
                    + "cluster does: every node must register the same classes (registered here: "
                    + kryo.userClasses() + ")"));
                join = null;
                return;
            }
            attempt.header = chunk.header();
            machine.beginInstall();
        }
        installChunk(chunk);
        attempt.entriesReceived += chunk.count();
        reportProgress(attempt);
        if (chunk.last()) {
            attempt.snapshotComplete = true;
            maybeFinishJoin();
        }
    }

    private void installChunk(ControlMessage.StateChunk chunk) {
        Kryo decoder = kryo.obtain();
        try {
            Input in = new Input(chunk.entries());
            List<String> keys = new ArrayList<>(chunk.count());
            List<Object> values = new ArrayList<>(chunk.count());
            long[] deadlines = new long[chunk.count()];
            for (int i = 0; i < chunk.count(); i++) {
                keys.add(in.readString());
                deadlines[i] = in.readVarLong(true);
                values.add(decoder.readClassAndObject(in));
            }
            machine.installEntries(keys, values, deadlines);
        } finally {
            kryo.release(decoder);
        }
    }

    private void reportProgress(JoinAttempt attempt) {
        SnapshotHeader header = attempt.header;
        long total = header == null ? 0 : header.entryCount();
        int percent = total == 0 ? 100 : (int) (attempt.entriesReceived * 100 / total);
        if (percent / 10 != attempt.lastReportedPercent / 10) {
            attempt.lastReportedPercent = percent;
            LOG.info("{}: receiving state from {}: {}% ({} of {} entries)", settings.nodeName(), attempt.provider,
                percent, attempt.entriesReceived, total);
        }
    }

    private void maybeFinishJoin() {
        JoinAttempt attempt = join;
        if (attempt == null || !attempt.markerSeen || !attempt.snapshotComplete || attempt.header == null) {
            return;
        }
        if (!machine.finishInstall(attempt.header)) {
            LOG.error("{}: the installed state does not match the provider's digest; asking again",
                settings.nodeName());
            startJoin();
            return;
        }
        join = null;
        primaryProviders = null;
        phase = Phase.ACTIVE;
        followLineage(attempt.header.lineage());
        metrics.stateReceived();
        quorumChanged();
        for (Held batch : attempt.buffered) {
            apply(batch.batch(), batch.source());
        }
        LOG.info("{}: state installed from {} at index {} ({} entries, {} batches applied after the cut)",
            settings.nodeName(), attempt.provider, attempt.header.appliedIndex(), attempt.entriesReceived,
            attempt.buffered.size());
        becomeReady();
        resendOwnDropped();
    }

    private void onStateRefused(ControlMessage.StateRefused refused) {
        if (join != null && join.transferId == refused.transferId()) {
            LOG.info("{}: {} cannot give the state now ({}); asking another member", settings.nodeName(),
                join.provider, refused.reason());
            JoinAttempt attempt = join;
            control.schedule(() -> {
                lock.lock();
                try {
                    if (join == attempt) {
                        startJoin();
                    }
                } finally {
                    lock.unlock();
                }
            }, 200, TimeUnit.MILLISECONDS);
        }
    }

    private void becomeReady() {
        phase = Phase.ACTIVE;
        ready = true;
        if (machine.members().isEmpty()) {
            machine.foundMembership(settings.nodeName());
            View founding = view;
            if (founding != null && lineage == 0) {
                followLineage(lineageOf(founding.getViewId()));
            }
            quorumChanged();
        }
        firstReady.complete(null);
        control.execute(this::ensureMembership);
    }

    /**
     * A node that holds the state asks to be in the stable membership (once; a restarted node with the same name
     * already is), retrying until its join is applied.
     */
    private void ensureMembership() {
        if (phase == Phase.CLOSED || !ready || machine.members().contains(settings.nodeName())) {
            return;
        }
        writeAsync(new Command.Membership(settings.nodeName(), true), "join", settings.nodeName());
        control.schedule(this::ensureMembership, 1, TimeUnit.SECONDS);
    }

    // ================================================================ state transfer: provider

    /** Called exactly at the joiner's marker: captures the state here and streams it from another thread. */
    private void provideState(Command.StateRequest request, Address joiner) {
        if (phase != Phase.ACTIVE || frozen) {
            sendControl(joiner, new ControlMessage.StateRefused(request.transferId(), "provider is not ready"));
            return;
        }
        Snapshot snapshot = machine.capture(request.transferId(), lineage);
        metrics.stateProvided();
        LOG.info("{}: giving the state at index {} ({} entries) to {}", settings.nodeName(),
            snapshot.header().appliedIndex(), snapshot.keys().size(), joiner);
        transfers.execute(() -> streamSnapshot(snapshot, joiner));
    }

    private void streamSnapshot(Snapshot snapshot, Address joiner) {
        Kryo encoder = kryo.obtain();
        try {
            Output out = new Output(CHUNK_BYTES + 4096, -1);
            int sequence = 0;
            int count = 0;
            int total = snapshot.keys().size();
            int lastPercent = -1;
            for (int i = 0; i < total; i++) {
                Object raw = snapshot.raws().get(i);
                out.writeString(snapshot.keys().get(i));
                out.writeVarLong(StoreEngine.deadlineOf(raw), true);
                encoder.writeClassAndObject(out, StoreEngine.valueOf(raw));
                count++;
                if (out.position() >= CHUNK_BYTES) {
                    sendChunk(joiner, snapshot, sequence++, false, count, out);
                    count = 0;
                    int percent = (int) ((i + 1L) * 100 / total);
                    if (percent / 10 != lastPercent / 10) {
                        lastPercent = percent;
                        LOG.info("{}: sending state to {}: {}% ({} of {} entries)", settings.nodeName(), joiner,
                            percent, i + 1, total);
                    }
                }
            }
            sendChunk(joiner, snapshot, sequence, true, count, out);
        } catch (RuntimeException failure) {
            LOG.warn("{}: state transfer to {} failed: {}", settings.nodeName(), joiner, failure.toString());
        } finally {
            kryo.release(encoder);
        }
    }

    private void sendChunk(Address joiner, Snapshot snapshot, int sequence, boolean last, int count, Output out) {
        ControlMessage.StateChunk chunk = new ControlMessage.StateChunk(snapshot.header().transferId(), sequence,
            last, sequence == 0 ? snapshot.header() : null, count, out.toBytes());
        out.reset();
        sendRaw(joiner, ControlMessage.encode(chunk));
    }

    // ================================================================ control messages

    private void onControl(Address from, byte[] payload) {
        ControlMessage message;
        try {
            message = ControlMessage.decode(payload, 0, payload.length);
        } catch (MalformedCommandException malformed) {
            metrics.malformed();
            LOG.warn("{}: ignored a control message from {} that does not decode: {}", settings.nodeName(), from,
                malformed.getMessage());
            return;
        }
        if (message instanceof ControlMessage.AppliedReport report) {
            if (report.lineage() == lineage) {
                answer(commits.reported(from, report.appliedIndex(), voters(), quorum.needed()));
            }
            return;
        }
        lock.lock();
        try {
            if (phase == Phase.CLOSED) {
                return;
            }
            if (message instanceof ControlMessage.SyncReport report) {
                onSyncReport(from, report);
            } else if (message instanceof ControlMessage.SyncFetch fetch) {
                onSyncFetch(from, fetch);
            } else if (message instanceof ControlMessage.SyncEntries entries) {
                onSyncEntries(entries);
            } else if (message instanceof ControlMessage.SyncDone done) {
                if (from.equals(orderer)) {
                    onSyncDone(done);
                }
            } else if (message instanceof ControlMessage.StateChunk chunk) {
                onStateChunk(chunk);
            } else if (message instanceof ControlMessage.StateRefused refused) {
                onStateRefused(refused);
            }
        } finally {
            lock.unlock();
        }
    }

    private void sendControl(Address to, ControlMessage message) {
        byte[] bytes = ControlMessage.encode(message);
        control.execute(() -> sendRaw(to, bytes));
    }

    private void sendRaw(@Nullable Address to, byte[] bytes) {
        try {
            channel.send(new BytesMessage(to, bytes));
        } catch (Exception failure) {
            if (phase != Phase.CLOSED) {
                LOG.warn("{}: could not send to {}: {}", settings.nodeName(), to == null ? "the cluster" : to,
                    failure.toString());
            }
        }
    }

    // ================================================================ expiry sweep

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException failure) {
            LOG.warn("{}: expiry sweep failed; retrying next round", settings.nodeName(), failure);
        }
    }

    /** On the coordinator only: finds expired keys and orders their removal, so every replica drops the same. */
    private void sweep() {
        if (!ready || phase != Phase.ACTIVE || frozen || !quorum.has() || !channel.getAddress().equals(orderer)) {
            return;
        }
        long now = settings.time().currentTimeMillis();
        List<String> expired = new ArrayList<>();
        ExpiryScanner.Round round;
        do {
            round = sweepScanner.scan(settings.sweepBatch(), now, (key, raw) -> expired.add(key));
        } while (round.worthRepeating() && expired.size() < settings.sweepBatch() * 4);
        if (!expired.isEmpty()) {
            writeAsync(new Command.Sweep(now, expired), "sweep", expired.size() + " expired keys");
        }
    }
}
