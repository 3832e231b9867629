package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.node.testing.InProcessNode;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Commands through Lettuce, which negotiates RESP3 with HELLO 3 by default, against a real node. */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RespLettuceTest {
    private final InProcessNode node;
    private final String prefix = "lettuce:" + UUID.randomUUID() + ":";
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    RespLettuceTest(InProcessNode node) {
        this.node = node;
    }

    @BeforeAll
    void connect() {
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(node.respPort())
            .withTimeout(Duration.ofSeconds(10)).build());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    void disconnect() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private String key(String name) {
        return prefix + name;
    }

    @Test
    void connect_lettuceDefaults_negotiatesResp3AndSendsItsLibraryInfo() {
        String info = redis.clientInfo();
        assertThat(info).contains("resp=3").contains("lib-name=Lettuce");
    }

    @Test
    void getAndMget_missingKeys_resp3NullsReadAsNull() {
        redis.set(key("a"), "1");
        assertThat(redis.get(key("missing"))).isNull();
        assertThat(redis.mget(key("a"), key("missing")))
            .containsExactly(KeyValue.just(key("a"), "1"), KeyValue.empty(key("missing")));
    }

    @Test
    void set_options_resp3Replies() {
        assertThat(redis.set(key("k"), "v", SetArgs.Builder.nx().ex(100))).isEqualTo("OK");
        assertThat(redis.set(key("k"), "w", SetArgs.Builder.nx())).isNull();
        assertThat(redis.setGet(key("k"), "w", SetArgs.Builder.keepttl())).isEqualTo("v");
        assertThat(redis.ttl(key("k"))).isEqualTo(100);
        assertThat(redis.getdel(key("k"))).isEqualTo("w");
        assertThat(redis.setex(key("s"), 100, "v")).isEqualTo("OK");
        assertThat(redis.psetex(key("p"), 100_000, "v")).isEqualTo("OK");
    }

    @Test
    void countersAndTtl_resp3Integers() {
        assertThat(redis.incr(key("c"))).isEqualTo(1);
        assertThat(redis.incrby(key("c"), 9)).isEqualTo(10);
        assertThat(redis.decr(key("c"))).isEqualTo(9);
        assertThat(redis.decrby(key("c"), 10)).isEqualTo(-1);
        assertThat(redis.expire(key("c"), 100)).isTrue();
        assertThat(redis.pexpire(key("c"), 100_000)).isTrue();
        assertThat(redis.ttl(key("c"))).isEqualTo(100);
        assertThat(redis.persist(key("c"))).isTrue();
        assertThat(redis.pttl(key("c"))).isEqualTo(-1);
        assertThat(redis.exists(key("c"), key("c"))).isEqualTo(2);
        assertThat(redis.del(key("c"))).isEqualTo(1);
        assertThat(redis.unlink(key("c"))).isZero();
        assertThat(redis.type(key("c"))).isEqualTo("none");
        assertThat(redis.incrby(key("t"), Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> redis.incr(key("t"))).hasMessage("ERR increment or decrement would overflow");
    }

    @Test
    void msetKeysAndScan_resp3Aggregates() {
        redis.mset(Map.of(key("m1"), "a", key("m2"), "b", key("m3"), "c"));
        assertThat(redis.keys(prefix + "m*")).containsExactlyInAnyOrder(key("m1"), key("m2"), key("m3"));
        List<String> scanned = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            var page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "m*").limit(2));
            scanned.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        assertThat(scanned).containsExactlyInAnyOrder(key("m1"), key("m2"), key("m3"));
        assertThat(redis.dbsize()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void configInfoAndCommand_resp3MapsAndVerbatimStrings() {
        assertThat(redis.configGet("save", "appendonly")).containsOnly(Map.entry("save", ""),
            Map.entry("appendonly", "no"));
        assertThat(redis.info("server")).startsWith("# Server\r\nredis_version:7.2.0\r\n");
        assertThat(redis.commandCount()).isEqualTo(RespCommands.table().all().size());
        assertThat(redis.ping()).isEqualTo("PONG");
        assertThat(redis.echo("hi")).isEqualTo("hi");
    }

    @Test
    void binaryValues_byteArrayCodec_readBackByteForByte() {
        try (StatefulRedisConnection<byte[], byte[]> binary = client.connect(ByteArrayCodec.INSTANCE)) {
            byte[] binaryKey = (prefix + "bin\u00ff").getBytes(StandardCharsets.ISO_8859_1);
            byte[] value = {(byte) 0x80, 0, (byte) 0xff};
            binary.sync().set(binaryKey, value);
            assertThat(binary.sync().get(binaryKey)).isEqualTo(value);
            assertThat(binary.sync().keys(binaryKey)).containsExactly(binaryKey);
        }
    }

    @Test
    void asyncPipeline_writesThenReads_repliesInCommandOrder() throws Exception {
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<?>> replies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            replies.add(async.incr(key("pipelined")));
            replies.add(async.get(key("pipelined")));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(replies.get(2 * i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            assertThat(replies.get(2 * i + 1).get(10, TimeUnit.SECONDS)).isEqualTo(String.valueOf(i + 1));
        }
    }
}
