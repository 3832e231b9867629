package io.clusterkv.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KvStore} whose writes can also be issued without blocking: each returns a future completed with the
 * same result, or the same exception, as the blocking method. Network endpoints use it so that one connection can
 * have many writes in flight (Redis pipelining) without holding a thread per write. Invalid arguments are still
 * rejected at once, by throwing, as the blocking methods do.
 */
public interface AsyncKvStore extends KvStore {

    /**
     * A read ordered with the writes: it sees every write acknowledged anywhere before it began, which a plain
     * {@link #get(String)} (served by this node's replica, which may lag the others) does not promise. It costs what
     * a write costs.
     *
     * @return the value, or null if there is none
     * @throws InvalidArgumentException if the key is null
     */
    CompletableFuture<@Nullable Object> getLinearizable(String key);

    /** @see #set(String, Object) */
    CompletableFuture<Boolean> setAsync(String key, Object value);

    /** @see #set(String, Object, SetOptions) */
    CompletableFuture<SetOutcome> setAsync(String key, Object value, SetOptions options);

    /** @see #setTTL(String, Object, Duration) */
    CompletableFuture<Boolean> setTTLAsync(String key, Object value, Duration ttl);

    /** @see #delete(String) */
    CompletableFuture<Boolean> deleteAsync(String key);

    /** @see #getAndDelete(String) */
    CompletableFuture<@Nullable Object> getAndDeleteAsync(String key);

    /** @see #expire(String, Duration) */
    CompletableFuture<Boolean> expireAsync(String key, Duration ttl);

    /** @see #persist(String) */
    CompletableFuture<Boolean> persistAsync(String key);

    /** @see #increment(String, long) */
    CompletableFuture<Long> incrementAsync(String key, long delta);

    /**
     * @see #decrement(String, long)
     */
    CompletableFuture<Long> decrementAsync(String key, long delta);

    /** @see #mset(Map) */
    CompletableFuture<Boolean> msetAsync(Map<String, ?> pairs);

    /** @see #clear() */
    CompletableFuture<Boolean> clearAsync();
}
