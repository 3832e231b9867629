package io.clusterkv.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A point-in-time summary of a store.
 *
 * @param totalKeys   keys held, including expired ones the sweeper has not removed yet
 * @param activeKeys  keys a read would find
 * @param expiredKeys keys held whose deadline has passed ({@code totalKeys - activeKeys})
 * @param keysWithTtl keys held that carry a deadline, expired or not
 * @param hits        reads (get, typed get, each key of mget) that found a value
 * @param misses      reads that found nothing
 * @param expirations keys removed because their deadline passed, by the sweeper or by a write over them
 */
public record KvStats(long totalKeys, long activeKeys, long expiredKeys, long keysWithTtl, long hits, long misses,
                      long expirations) {

    /**
     * @return the statistics under the specification's snake_case names ({@code total_keys}, {@code active_keys},
     *     {@code expired_keys}, {@code keys_with_ttl}, {@code hits}, {@code misses}, {@code expirations}), in that
     *     order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("total_keys", totalKeys);
        map.put("active_keys", activeKeys);
        map.put("expired_keys", expiredKeys);
        map.put("keys_with_ttl", keysWithTtl);
        map.put("hits", hits);
        map.put("misses", misses);
        map.put("expirations", expirations);
        return map;
    }
}
