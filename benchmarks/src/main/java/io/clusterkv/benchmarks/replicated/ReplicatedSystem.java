package io.clusterkv.benchmarks.replicated;

import java.util.Map;
import java.util.Optional;

/**
 * A replicated store under test: several nodes (members) started in this JVM, each taking writes from the client
 * threads assigned to it. Every call blocks until the system acknowledges the write to its caller, whatever that
 * system's acknowledgement means (its class comment says).
 *
 * <p>One implementation per system; {@link Systems} creates them by id, so that a JVM loads only the system it runs.
 */
public interface ReplicatedSystem extends AutoCloseable {

    /** @return how this system appears in the results, e.g. {@code clusterkv (majority)} */
    String name();

    /** @return one line saying how it is configured: transport, replication mode, versions */
    String description();

    /**
     * Starts the nodes and returns once they form one cluster and can take writes.
     *
     * @param nodes how many nodes, at least 1
     * @throws IllegalStateException if they do not form a cluster
     */
    void start(int nodes);

    /** @return why this system has no such operation, or empty when it has */
    default Optional<String> unsupported(Operation operation) {
        return Optional.empty();
    }

    /**
     * @return CPU seconds used so far by processes this system started (node processes), which count as the
     *     benchmark's own CPU, not as interference; 0 for nodes inside this JVM
     */
    default double processesCpuSeconds() {
        return 0;
    }

    /** Sets {@code key} to {@code value} through node {@code node}. */
    void set(int node, String key, byte[] value);

    /** @return the counter's new value, after adding one to it through node {@code node} */
    long increment(int node, String key);

    /**
     * Writes every pair through node {@code node}, in one call; also used to fill the key space before measuring.
     * Values are byte arrays or longs (counters).
     */
    void mset(int node, Map<String, ?> pairs);

    /** Stops every node. */
    @Override
    void close();
}
