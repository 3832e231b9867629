package io.clusterkv.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterkv.testsupport.NodeProcess;
import io.clusterkv.testsupport.ProcessCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * Three real node processes on loopback, started by bin/clusterkv, driven by a Redis client (Jedis) and an HTTP
 * client: every operation of the specification over both endpoints, replication between processes, SIGTERM of a
 * node while the others serve, and a restarted node catching up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessClusterIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProcessCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = ProcessCluster.start(3, Path.of("target", "it-logs", "process-cluster"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static Jedis redis(NodeProcess node) {
        return new Jedis(node.host(), node.respPort(), 10_000);
    }

    private static HttpResponse<String> http(NodeProcess node, String method, String path, String body)
        throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.host() + ":" + node.httpPort()
            + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void specOperations_overResp_workOnAProcessCluster() {
        try (Jedis kv = redis(cluster.node(0))) {
            kv.flushDB();
            assertThat(kv.set("session:456", "active")).isEqualTo("OK");
            assertThat(kv.get("session:456")).isEqualTo("active");
            assertThat(kv.exists("session:456")).isTrue();
            assertThat(kv.del("session:456")).isEqualTo(1);
            assertThat(kv.get("nonexistent")).isNull();
            kv.set("key1", "value1");
            kv.set("key2", "value2");
            assertThat(kv.keys("*")).containsExactlyInAnyOrder("key1", "key2");
            assertThat(kv.dbSize()).isEqualTo(2);
            kv.setex("session:temp", 300, "temporary_data");
            assertThat(kv.ttl("session:temp")).isEqualTo(300);
            assertThat(kv.ttl("key1")).isEqualTo(-1);
            assertThat(kv.ttl("missing")).isEqualTo(-2);
            assertThat(kv.expire("key1", 60)).isEqualTo(1);
            assertThat(kv.mset("user:1", "Alice", "user:2", "Bob")).isEqualTo("OK");
            assertThat(kv.mget("user:1", "user:2", "user:3")).containsExactly("Alice", "Bob", null);
            assertThat(kv.incr("page:views")).isEqualTo(1);
            assertThat(kv.incrBy("user:score", 10)).isEqualTo(10);
            kv.set("counter", "5");
            assertThat(kv.incrBy("counter", 3)).isEqualTo(8);
            assertThat(kv.decr("lives")).isEqualTo(-1);
            kv.set("text", "hello");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> kv.incr("text")))
                .isInstanceOf(JedisDataException.class).hasMessage("ERR value is not an integer or out of range");
            assertThat(kv.set("nx", "1", SetParams.setParams().nx())).isEqualTo("OK");
            assertThat(kv.set("nx", "2", SetParams.setParams().nx())).isNull();
            assertThat(kv.info("keyspace")).contains("db0:keys=");
        }
    }

    @Test
    @Order(2)
    void specOperations_overHttp_workOnAProcessCluster() throws Exception {
        NodeProcess node = cluster.node(1);
        assertThat(http(node, "DELETE", "/kv", null).statusCode()).isEqualTo(200);
        assertThat(http(node, "PUT", "/kv/user:123", "{\"name\":\"John\",\"age\":30}").statusCode()).isEqualTo(200);
        assertThat(json(http(node, "GET", "/kv/user:123", null)).get("value"))
            .isEqualTo(JSON.readTree("{\"name\":\"John\",\"age\":30}"));
        assertThat(http(node, "GET", "/kv/nonexistent", null).statusCode()).isEqualTo(404);
        assertThat(http(node, "PUT", "/kv/session:temp?ttl=300", "\"temporary_data\"").statusCode()).isEqualTo(200);
        assertThat(json(http(node, "GET", "/kv/session:temp/ttl", null)).get("ttl").asLong()).isEqualTo(300);
        assertThat(json(http(node, "POST", "/kv/page:views/increment", null)).get("value").asLong()).isEqualTo(1);
        assertThat(json(http(node, "POST", "/kv/inventory/decrement?delta=15", null)).get("value").asLong())
            .isEqualTo(-15);
        assertThat(http(node, "POST", "/kv/_mset", "{\"config:theme\":\"dark\",\"config:language\":\"en\"}")
            .statusCode()).isEqualTo(200);
        assertThat(json(http(node, "POST", "/kv/_mget", "[\"config:theme\",\"config:missing\"]")).toString())
            .contains("dark").contains("null");
        assertThat(json(http(node, "GET", "/size", null)).toString()).contains("6");
        assertThat(json(http(node, "GET", "/stats", null)).has("total_keys")).isTrue();
        assertThat(json(http(node, "POST", "/kv/session:temp/expire?ttl=-5", null)).get("error").asText())
            .isEqualTo("TTL must be positive");
        assertThat(http(node, "DELETE", "/kv/user:123", null).statusCode()).isEqualTo(200);
        assertThat(json(http(node, "GET", "/kv/user:123/exists", null)).toString()).contains("false");
    }

    @Test
    @Order(3)
    void write_onOneProcess_isReadOnTheOthers() {
        try (Jedis first = redis(cluster.node(0))) {
            first.set("replicated", "from n1");
            first.incrBy("replicated:counter", 42);
        }
        for (NodeProcess node : cluster.nodes()) {
            try (Jedis other = redis(node)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> "from n1".equals(other.get("replicated")));
                assertThat(other.get("replicated:counter")).isEqualTo("42");
            }
        }
        ProcessCluster.awaitConverged(cluster.nodes());
    }

    @Test
    @Order(4)
    void sigterm_oneNodeWhileOthersServe_itLeavesExitsZeroAndNoWriteFails() throws Exception {
        NodeProcess leaving = cluster.node(2);
        List<NodeProcess> staying = List.of(cluster.node(0), cluster.node(1));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong acknowledged = new AtomicLong();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (NodeProcess node : staying) {
            Thread writer = new Thread(() -> {
                try (Jedis kv = redis(node)) {
                    while (writing.get()) {
                        kv.incr("during-leave");
                        acknowledged.incrementAndGet();
                    }
                } catch (RuntimeException failed) {
                    failures.add(failed);
                }
            });
            writer.start();
            writers.add(writer);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.get() > 200);

        leaving.terminate();

        assertThat(leaving.awaitExit(Duration.ofSeconds(30))).as("exit status after SIGTERM").isZero();
        assertThat(leaving.logTail()).contains("node n3 stopped");
        ProcessCluster.awaitMembers(staying);
        long afterLeave = acknowledged.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.get() > afterLeave + 200);
        writing.set(false);
        for (Thread writer : writers) {
            writer.join(10_000);
        }
        assertThat(failures).as("writes on the staying nodes while one left").isEmpty();
        ProcessCluster.awaitConverged(staying);
        try (Jedis kv = redis(staying.get(0))) {
            assertThat(Long.parseLong(kv.get("during-leave"))).isEqualTo(acknowledged.get());
        }
    }

    @Test
    @Order(5)
    void restart_nodeWithTheSameName_rejoinsAndCatchesUp() {
        NodeProcess restarted = cluster.restart(cluster.node(2));
        try (Jedis kv = redis(cluster.node(0))) {
            kv.set("after-restart", "seen");
        }
        ProcessCluster.awaitMembers(cluster.nodes());
        ProcessCluster.awaitConverged(cluster.nodes());
        try (Jedis kv = redis(restarted)) {
            assertThat(kv.get("after-restart")).isEqualTo("seen");
            assertThat(kv.get("replicated")).as("state from before it left").isEqualTo("from n1");
            assertThat(kv.get("during-leave")).as("writes made while it was away").isNotNull();
        }
        Map<String, String> info = parseInfo(restarted);
        assertThat(info.get("clusterkv_ready")).isEqualTo("1");
    }

    private static Map<String, String> parseInfo(NodeProcess node) {
        Map<String, String> fields = new java.util.HashMap<>();
        try (Jedis kv = redis(node)) {
            for (String line : kv.info("cluster").split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        }
        return fields;
    }
}
