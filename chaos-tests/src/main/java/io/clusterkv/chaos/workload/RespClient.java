package io.clusterkv.chaos.workload;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Redis-protocol connection to one node: the commands the workloads send. Every method either returns the
 * node's answer or throws a {@link ClientException} that says whether the command may have been applied. The
 * suite implements it with Jedis; any client that classifies failures the same way will do.
 */
public interface RespClient extends AutoCloseable {

    /**
     * {@code INCR key}.
     *
     * @return the counter's new value
     * @throws ClientException if it did not succeed
     */
    long incr(String key);

    /**
     * {@code SET key value}.
     *
     * @throws ClientException if it did not succeed
     */
    void set(String key, String value);

    /**
     * {@code SET key value PX millis}.
     *
     * @throws ClientException if it did not succeed
     */
    void setWithTtl(String key, String value, Duration ttl);

    /**
     * {@code PEXPIRE key millis}.
     *
     * @return whether the key held a live value
     * @throws ClientException if it did not succeed
     */
    boolean expire(String key, Duration ttl);

    /**
     * {@code GET key}, answered by the node's own replica.
     *
     * @return the value, or null if the key is missing
     * @throws ClientException if it did not succeed
     */
    @Nullable String get(String key);

    /**
     * {@code MSET k1 v1 k2 v2 ...}.
     *
     * @throws ClientException if it did not succeed
     */
    void mset(Map<String, String> values);

    /**
     * {@code MGET k1 k2 ...}, answered by the node's own replica at one instant.
     *
     * @return the values in the order of the keys, null where missing
     * @throws ClientException if it did not succeed
     */
    List<@Nullable String> mget(List<String> keys);

    /** Closes the connection; never throws. */
    @Override
    void close();
}
