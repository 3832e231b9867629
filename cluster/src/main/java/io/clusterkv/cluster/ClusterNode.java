package io.clusterkv.cluster;

import io.clusterkv.cluster.internal.ClusterMetrics;
import io.clusterkv.cluster.internal.ReplicatedKvStore;
import io.clusterkv.cluster.internal.ReplicationNode;
import io.clusterkv.cluster.internal.SecretEncrypt;
import io.clusterkv.core.AsyncKvStore;
import io.clusterkv.core.KvException;
import io.clusterkv.core.TimeSource;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.View;

/**
 * An embedded clusterkv node: a full replica of the cluster's store, kept identical to every other replica by
 * applying every write in one total order.
 *
 * <pre>{@code
 * try (ClusterNode node = ClusterNode.builder().clusterName("sessions").nodeName("web-1")
 *         .stack(JGroupsStack.tcp("127.0.0.1", 7800, 10, List.of("127.0.0.1:7800")))
 *         .registerClasses(Session.class)
 *         .start()) {
 *     KvStore kv = node.store();
 *     kv.setTTL("session:42", new Session("ada"), 1800);
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} returns once the node holds the current state: at once for the first node, after a
 * state transfer for the others. Writes return once applied on this node, with the result computed there; reads are
 * served from this node's replica, so a node always reads its own writes.
 */
public final class ClusterNode implements AutoCloseable {
    private final ReplicationNode node;
    private final ReplicatedKvStore store;
    private final ClusterMetrics metrics;
    private final String name;

    private ClusterNode(Builder builder) {
        this.name = builder.nodeName;
        this.metrics = new ClusterMetrics(name);
        ReplicationNode.Settings settings = new ReplicationNode.Settings(builder.clusterName, name,
            Set.copyOf(builder.classes), builder.writeTimeout, builder.joinTimeout, builder.batching,
            builder.maxBatchCommands, builder.maxBatchBytes, builder.time, builder.sweepInterval, builder.sweepBatch,
            builder.logTailBatches, builder.logTailBytes, builder.stateTransferTimeout, builder.effectivePolicy(),
            builder.expectedSize, builder.minorityReads);
        this.node = new ReplicationNode(settings, builder.newChannel(), metrics);
        this.store = new ReplicatedKvStore(node, builder.time, metrics, this::close);
    }

    /** @return a builder for a node */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the replicated store, with blocking and non-blocking writes; closing it closes this node */
    public AsyncKvStore store() {
        return store;
    }

    /** @return this node's name */
    public String name() {
        return name;
    }

    /** @return whether this node holds the current state */
    public boolean isReady() {
        return node.isReady();
    }

    /** @return the members, the coordinator, this node and whether it is ready */
    public ClusterView view() {
        View view = node.view();
        JChannel channel = node.channel();
        List<String> members = new ArrayList<>();
        String coordinator = "";
        long viewId = -1;
        if (view != null) {
            for (Address member : view.getMembers()) {
                members.add(String.valueOf(member));
            }
            coordinator = String.valueOf(view.getCoord());
            viewId = view.getViewId().getId();
        }
        return new ClusterView(viewId, List.copyOf(members), coordinator, String.valueOf(channel.getAddress()),
            node.isReady(), node.quorum().has(), List.copyOf(node.machine().members()), node.policy());
    }

    /** @return this replica's applied index and state digest, read together */
    public StateDigest digest() {
        long[] digest = node.digestSnapshot();
        return new StateDigest(digest[0], digest[1], digest[2]);
    }

    /** @return binds this node's meters (operations, latency, members, transfers...) to a Micrometer registry */
    public MeterBinder meterBinder() {
        return metrics.binder();
    }

    /**
     * @return cluster messages this node dropped for not being sent under the cluster secret (a node without it,
     *     with another one, or forging), 0 when no secret is set
     */
    public long refusedMessages() {
        SecretEncrypt encryption = node.channel().getProtocolStack().findProtocol(SecretEncrypt.class);
        return encryption == null ? 0 : encryption.refusedMessages();
    }

    /** @return the JGroups channel, for diagnostics and fault injection in tests; do not close it directly */
    public JChannel jgroupsChannel() {
        return node.channel();
    }

    /** Leaves the cluster gracefully; the other members see a leave, not a crash. */
    @Override
    public void close() {
        node.close();
    }

    @Override
    public String toString() {
        return "ClusterNode[" + name + "]";
    }

    /** The shortest cluster secret accepted: 16 characters, about 96 bits if random. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** Settings of a node. Only the cluster name is required. */
    public static final class Builder {
        private String clusterName;
        private String nodeName = defaultNodeName();
        private JGroupsStack stack = JGroupsStack.tcp("127.0.0.1", 7800, 10, List.of("127.0.0.1:7800"));
        private final Set<Class<?>> classes = new LinkedHashSet<>();
        private Duration writeTimeout = Duration.ofSeconds(5);
        private Duration joinTimeout = Duration.ofSeconds(60);
        private Duration stateTransferTimeout = Duration.ofSeconds(10);
        private boolean batching = true;
        private int maxBatchCommands = 512;
        private int maxBatchBytes = 48 * 1024;
        private TimeSource time = TimeSource.system();
        private Duration sweepInterval = Duration.ofMillis(250);
        private int sweepBatch = 500;
        private int logTailBatches = 16_384;
        private long logTailBytes = 64L * 1024 * 1024;
        private PartitionPolicy policy;
        private int expectedSize;
        private boolean minorityReads = true;
        private String clusterSecret;

        private Builder() {
        }

        /**
         * Encrypts and authenticates all cluster traffic with keys derived from a secret every member shares: a node
         * without it, or with another one, cannot join, read replicated values or inject commands. The stack gets
         * an encryption protocol above its transport and SERIALIZE above that, so headers are covered too (see
         * docs/security.md). Without a secret (the default) cluster traffic is plain.
         *
         * @param secret the shared secret, at least {@value #MIN_SECRET_LENGTH} characters
         * @throws IllegalArgumentException if it is shorter
         */
        public Builder clusterSecret(String secret) {
            Objects.requireNonNull(secret, "cluster secret must not be null");
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("cluster secret must have at least " + MIN_SECRET_LENGTH
                    + " characters, it has " + secret.length());
            }
            this.clusterSecret = secret;
            return this;
        }

        private JChannel newChannel() {
            JChannel channel = stack.newChannel();
            if (clusterSecret == null) {
                return channel;
            }
            try {
                SecretEncrypt.install(channel, clusterSecret, clusterName);
                return channel;
            } catch (RuntimeException failure) {
                channel.close();
                throw new KvException("cannot encrypt cluster traffic on stack '" + stack + "': "
                    + failure.getMessage(), failure);
            }
        }

        /**
         * @param size how many nodes the cluster is meant to have; quorum is counted against at least this many
         *             (default 0: not set)
         */
        public Builder expectedSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("expected size must not be negative: " + size);
            }
            this.expectedSize = size;
            return this;
        }

        /**
         * @param partitionPolicy what happens when the cluster splits (default: {@link PartitionPolicy#MAJORITY} when
         *                        an expected size is set, else {@link PartitionPolicy#NONE})
         */
        public Builder partitionPolicy(PartitionPolicy partitionPolicy) {
            this.policy = Objects.requireNonNull(partitionPolicy, "partition policy must not be null");
            return this;
        }

        /**
         * @param allowed whether a part of the cluster without quorum still serves reads, possibly stale (default
         *                true); false refuses them too
         */
        public Builder minorityReads(boolean allowed) {
            this.minorityReads = allowed;
            return this;
        }

        private PartitionPolicy effectivePolicy() {
            if (policy != null) {
                return policy;
            }
            return expectedSize > 0 ? PartitionPolicy.MAJORITY : PartitionPolicy.NONE;
        }

        private static String defaultNodeName() {
            try {
                return InetAddress.getLocalHost().getHostName() + "-" + ThreadLocalRandom.current().nextInt(1000, 10000);
            } catch (java.io.IOException unknownHost) {
                return "node-" + ThreadLocalRandom.current().nextInt(1000, 10000);
            }
        }

        /** @param name the cluster to join; nodes with the same name and stack form one cluster */
        public Builder clusterName(String name) {
            this.clusterName = requireText(name, "cluster name");
            return this;
        }

        /** @param name this node's name in views and logs (default: host name and a random number) */
        public Builder nodeName(String name) {
            this.nodeName = requireText(name, "node name");
            return this;
        }

        /** @param jgroupsStack the protocol stack (default: TCP on 127.0.0.1:7800 and the 10 ports above) */
        public Builder stack(JGroupsStack jgroupsStack) {
            this.stack = Objects.requireNonNull(jgroupsStack, "stack must not be null");
            return this;
        }

        /**
         * Registers value classes for replication. Only registered classes (and the JDK value types: strings,
         * numbers, booleans, arrays, lists, maps, sets, java.time values) can be stored; every node must register
         * the same ones.
         */
        public Builder registerClasses(Class<?>... types) {
            classes.addAll(Arrays.asList(types));
            return this;
        }

        /** @param timeout how long a write waits for its confirmation before its outcome is reported unknown */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "write timeout");
            return this;
        }

        /** @param timeout how long {@link #start()} waits to hold the cluster's state */
        public Builder joinTimeout(Duration timeout) {
            this.joinTimeout = positive(timeout, "join timeout");
            return this;
        }

        /** @param timeout how long a joiner waits without progress from its state provider before asking again */
        public Builder stateTransferTimeout(Duration timeout) {
            this.stateTransferTimeout = positive(timeout, "state transfer timeout");
            return this;
        }

        /**
         * @param enabled send concurrent writes together in one ordered message (default true); false sends one
         *                message per write, for comparison
         */
        public Builder batching(boolean enabled) {
            this.batching = enabled;
            return this;
        }

        /** @param commands the most commands in one ordered message (default 512) */
        public Builder maxBatchCommands(int commands) {
            if (commands <= 0) {
                throw new IllegalArgumentException("max batch commands must be positive: " + commands);
            }
            this.maxBatchCommands = commands;
            return this;
        }

        /** @param time the clock for TTLs (default: the system clock) */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time source must not be null");
            return this;
        }

        /** @param interval how often the coordinator looks for expired keys to remove (zero: never) */
        public Builder sweepInterval(Duration interval) {
            Objects.requireNonNull(interval, "sweep interval must not be null");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("sweep interval must not be negative: " + interval);
            }
            this.sweepInterval = interval;
            return this;
        }

        /**
         * @param batches how many applied batches to keep for reconciliation after a coordinator change
         * @param bytes   and at most how many bytes of them
         */
        public Builder logTail(int batches, long bytes) {
            if (batches <= 0 || bytes <= 0) {
                throw new IllegalArgumentException("log tail must be positive: " + batches + " batches, " + bytes
                    + " bytes");
            }
            this.logTailBatches = batches;
            this.logTailBytes = bytes;
            return this;
        }

        /**
         * Starts the node and waits until it holds the cluster's state.
         *
         * @return the running node
         * @throws io.clusterkv.core.KvException if it cannot join or receive the state within the join timeout
         */
        public ClusterNode start() {
            if (clusterName == null) {
                throw new IllegalStateException("a cluster name is required");
            }
            ClusterNode node = new ClusterNode(this);
            node.node.start();
            return node;
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        private static Duration positive(Duration duration, String what) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + duration);
            }
            return duration;
        }
    }
}
