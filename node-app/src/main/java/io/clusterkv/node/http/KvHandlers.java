package io.clusterkv.node.http;

import io.clusterkv.core.AsyncKvStore;
import io.clusterkv.core.Errors;
import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.internal.Arguments;
import io.clusterkv.node.NodeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The KV operations of the specification over HTTP. Reads are answered at once from the local replica, on the event
 * loop (they take microseconds); writes go through the store's non-blocking methods and are answered when the
 * cluster has applied them, so no event loop ever waits. Arguments are checked by the store, or with its own
 * checks ({@link Arguments}) where HTTP parses them first, so its messages reach the client word for word.
 */
final class KvHandlers {
    static final String LOADING = "node is loading: it has not joined the cluster or received its state yet";

    private final NodeContext context;

    KvHandlers(NodeContext context) {
        this.context = context;
    }

    // ---------------------------------------------------------------- one key

    CompletionStage<Reply> get(HttpCall call) {
        String key = call.key();
        if (call.hasParameter("linearizable")) {
            // Ordered with the writes, so it sees every write acknowledged anywhere before it began.
            return store().getLinearizable(key).thenApply(value -> {
                if (value == null) {
                    throw keyNotFound(key);
                }
                return Reply.ok(fields("key", key, "value", value));
            });
        }
        @Nullable Object value = store().get(key);
        if (value == null) {
            throw keyNotFound(key);
        }
        return now(fields("key", key, "value", value));
    }

    /** set, or setTTL with {@code ?ttl=SECONDS}. */
    CompletionStage<Reply> set(HttpCall call) {
        String key = call.key();
        Object value = call.limits().requireValue(Json.readValue(call.body()));
        CompletableFuture<Boolean> write = call.hasParameter("ttl")
            ? store().setTTLAsync(key, value, ttl(call.requiredLongParameter("ttl")))
            : store().setAsync(key, value);
        return write.thenApply(set -> Reply.ok(Map.of("set", set)));
    }

    CompletionStage<Reply> delete(HttpCall call) {
        return store().deleteAsync(call.key()).thenApply(deleted -> Reply.ok(Map.of("deleted", deleted)));
    }

    CompletionStage<Reply> exists(HttpCall call) {
        return now(Map.of("exists", store().exists(call.key())));
    }

    /** getTTL: the remaining seconds, -1 without TTL, 404 when the key is missing. */
    CompletionStage<Reply> ttl(HttpCall call) {
        String key = call.key();
        @Nullable Long ttl = store().getTTL(key);
        if (ttl == null) {
            throw keyNotFound(key);
        }
        return now(Map.of("ttl", ttl));
    }

    CompletionStage<Reply> expire(HttpCall call) {
        String key = call.key();
        return store().expireAsync(key, ttl(call.requiredLongParameter("ttl")))
            .thenApply(expired -> Reply.ok(Map.of("expired", expired)));
    }

    CompletionStage<Reply> increment(HttpCall call) {
        String key = call.key();
        return store().incrementAsync(key, call.longParameter("delta", 1)).thenApply(KvHandlers::counter);
    }

    CompletionStage<Reply> decrement(HttpCall call) {
        String key = call.key();
        return store().decrementAsync(key, call.longParameter("delta", 1)).thenApply(KvHandlers::counter);
    }

    // ---------------------------------------------------------------- bulk

    /** mget: a JSON array of keys in, the array of their values (null where missing) out. */
    CompletionStage<Reply> mget(HttpCall call) {
        Object body = Json.readValue(call.body()).value();
        if (!(body instanceof List<?> elements)) {
            throw HttpError.badRequest("request body must be a JSON array of keys");
        }
        List<String> keys = new ArrayList<>(elements.size());
        for (Object element : elements) {
            // The specification's "invalid key type" example: kv.get(123) is "key must be a string".
            if (!(element instanceof String key)) {
                throw new InvalidArgumentException(Errors.KEY_NOT_STRING);
            }
            keys.add(call.limits().requireKey(key));
        }
        return now(store().mget(keys));
    }

    /** mset: a JSON object of keys and values, stored at once. */
    CompletionStage<Reply> mset(HttpCall call) {
        Map<String, Json.SizedValue> body = Json.readObject(call.body(), "a JSON object of keys and values");
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (Map.Entry<String, Json.SizedValue> pair : body.entrySet()) {
            pairs.put(call.limits().requireKey(pair.getKey()), call.limits().requireValue(pair.getValue()));
        }
        return store().msetAsync(pairs).thenApply(set -> Reply.ok(Map.of("set", set)));
    }

    // ---------------------------------------------------------------- the whole store

    CompletionStage<Reply> dump(HttpCall call) {
        return now(store().dump());
    }

    CompletionStage<Reply> clear(HttpCall call) {
        return store().clearAsync().thenApply(cleared -> Reply.ok(Map.of("cleared", cleared)));
    }

    CompletionStage<Reply> keys(HttpCall call) {
        return now(store().keys());
    }

    CompletionStage<Reply> values(HttpCall call) {
        return now(store().values());
    }

    CompletionStage<Reply> size(HttpCall call) {
        return now(Map.of("size", store().size()));
    }

    CompletionStage<Reply> isEmpty(HttpCall call) {
        return now(Map.of("empty", store().isEmpty()));
    }

    CompletionStage<Reply> stats(HttpCall call) {
        return now(store().stats().toMap());
    }

    // ---------------------------------------------------------------- helpers

    private AsyncKvStore store() {
        AsyncKvStore store = context.store();
        if (store == null) {
            throw HttpError.unavailable(LOADING);
        }
        return store;
    }

    /** Checked as the store's setTTL(key, value, seconds) checks it, with its messages. */
    private static Duration ttl(long seconds) {
        return Duration.ofMillis(Arguments.ttlMillis(seconds));
    }

    private static HttpError keyNotFound(String key) {
        return HttpError.notFound("key not found: " + key);
    }

    private static Reply counter(long value) {
        return Reply.ok(Map.of("value", value));
    }

    private static CompletionStage<Reply> now(Object body) {
        return CompletableFuture.completedFuture(Reply.ok(body));
    }

    private static Map<String, Object> fields(String name, Object value, String otherName, Object otherValue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(name, value);
        fields.put(otherName, otherValue);
        return fields;
    }
}
