package io.clusterkv.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The specification's "Common Use Cases", written in Java against the store, on a manual clock. */
public abstract class UseCasesContract extends StoreContract {

    // ---------------------------------------------------------------- session management

    private String createSession(String userId, Object sessionData) {
        String sessionId = "session:" + userId;
        kv.setTTL(sessionId, sessionData, 1800);
        return sessionId;
    }

    private boolean isSessionValid(String sessionId) {
        return kv.exists(sessionId);
    }

    private boolean extendSession(String sessionId) {
        if (kv.exists(sessionId)) {
            kv.expire(sessionId, 1800);
            return true;
        }
        return false;
    }

    @Test
    void sessions_createdExtendedAndExpired_behaveAsDocumented() {
        String sessionId = createSession("u1", Map.of("cart", 3));
        assertThat(isSessionValid(sessionId)).isTrue();

        clock.advance(Duration.ofMinutes(20));
        assertThat(extendSession(sessionId)).isTrue();
        clock.advance(Duration.ofMinutes(20));
        assertThat(isSessionValid(sessionId)).as("extended by 30 minutes at minute 20").isTrue();

        clock.advance(Duration.ofMinutes(10));
        assertThat(isSessionValid(sessionId)).isFalse();
        assertThat(extendSession(sessionId)).isFalse();
    }

    // ---------------------------------------------------------------- caching

    private Object getCachedResult(String cacheKey, Supplier<Object> computeFunc) {
        Object cached = kv.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        Object result = computeFunc.get();
        kv.setTTL(cacheKey, result, 300);
        return result;
    }

    @Test
    void caching_repeatedLookups_computeOncePerFiveMinutes() {
        AtomicInteger computations = new AtomicInteger();
        Supplier<Object> expensive = () -> "result-" + computations.incrementAndGet();

        assertThat(getCachedResult("report", expensive)).isEqualTo("result-1");
        clock.advance(Duration.ofSeconds(299));
        assertThat(getCachedResult("report", expensive)).isEqualTo("result-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(getCachedResult("report", expensive)).isEqualTo("result-2");
        assertThat(computations).hasValue(2);
    }

    // ---------------------------------------------------------------- rate limiting

    private boolean isRateLimited(String userId, long limit, long windowSeconds) {
        String key = "rate:" + userId;
        Object current = kv.get(key);
        if (current == null) {
            kv.setTTL(key, 1, windowSeconds);
            return false;
        }
        if (((Number) current).longValue() >= limit) {
            return true;
        }
        kv.increment(key);
        return false;
    }

    @Test
    void rateLimiting_hundredPerMinute_limitsTheRestUntilTheWindowEnds() {
        for (int request = 1; request <= 100; request++) {
            assertThat(isRateLimited("user123", 100, 60)).as("request " + request).isFalse();
        }
        assertThat(isRateLimited("user123", 100, 60)).isTrue();
        assertThat(kv.getTTL("rate:user123")).as("increments keep the window's TTL").isEqualTo(60);

        clock.advance(Duration.ofSeconds(60));
        assertThat(isRateLimited("user123", 100, 60)).isFalse();
    }

    // ---------------------------------------------------------------- counters and metrics

    private void trackPageView(String page) {
        kv.increment("views:" + page);
        kv.increment("total:views");
    }

    private void trackUserAction(String userId, String action) {
        kv.increment("user:" + userId + ":actions");
        kv.increment("action:" + action + ":count");
    }

    private Map<String, Object> getMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("total_views", kv.get("total:views"));
        metrics.put("stats", kv.stats().toMap());
        metrics.put("all_counters", kv.dump());
        return metrics;
    }

    @Test
    void counters_pageViewsAndActions_areCountedAndReported() {
        trackPageView("/home");
        trackPageView("/home");
        trackPageView("/about");
        trackUserAction("7", "login");

        Map<String, Object> metrics = getMetrics();

        assertThat(metrics.get("total_views")).isEqualTo(3L);
        assertThat(metrics.get("all_counters")).isEqualTo(Map.of("views:/home", 2L, "views:/about", 1L,
            "total:views", 3L, "user:7:actions", 1L, "action:login:count", 1L));
        assertThat(metrics.get("stats")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("total_keys", 5L).containsEntry("active_keys", 5L);
    }

    // ---------------------------------------------------------------- configuration management

    private void loadConfig() {
        Map<String, Object> defaultConfig = new LinkedHashMap<>();
        defaultConfig.put("app:theme", "light");
        defaultConfig.put("app:language", "en");
        defaultConfig.put("app:debug", false);
        defaultConfig.put("cache:ttl", 3600);
        kv.mset(defaultConfig);
    }

    private void updateConfig(String key, Object value) {
        kv.set("config:" + key, value);
    }

    private Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : kv.dump().entrySet()) {
            if (entry.getKey().startsWith("config:")) {
                config.put(entry.getKey(), entry.getValue());
            }
        }
        return config;
    }

    @Test
    void configuration_loadedAndUpdated_readsBackAsWritten() {
        loadConfig();
        updateConfig("theme", "dark");
        updateConfig("language", "sw");

        assertThat(kv.mget(java.util.List.of("app:theme", "app:debug", "cache:ttl")))
            .containsExactly("light", false, 3600);
        // As in the specification, getConfig only returns the keys written under "config:".
        assertThat(getConfig()).isEqualTo(Map.of("config:theme", "dark", "config:language", "sw"));
    }
}
