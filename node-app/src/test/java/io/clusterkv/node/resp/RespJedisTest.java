package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clusterkv.node.testing.InProcessNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.ClientAttributeOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.CommandInfo;
import redis.clients.jedis.resps.ScanResult;

/** Every command through Jedis (RESP2), against a real node. */
@ExtendWith(SharedNode.class)
class RespJedisTest {
    private final InProcessNode node;
    private final String prefix = "jedis:" + UUID.randomUUID() + ":";
    private Jedis jedis;

    RespJedisTest(InProcessNode node) {
        this.node = node;
    }

    @BeforeEach
    void connect() {
        jedis = new Jedis("127.0.0.1", node.respPort());
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    private String key(String name) {
        return prefix + name;
    }

    // ------------------------------------------------------------------ connection

    @Test
    void ping_withAndWithoutMessage_answersPongOrTheMessage() {
        assertThat(jedis.ping()).isEqualTo("PONG");
        assertThat(jedis.ping("hello")).isEqualTo("hello");
        assertThat(jedis.echo("echo me")).isEqualTo("echo me");
    }

    @Test
    void select_databaseZeroOnly_otherIndexesAreOutOfRange() {
        assertThat(jedis.select(0)).isEqualTo("OK");
        assertThatThrownBy(() -> jedis.select(1)).hasMessage("ERR DB index is out of range");
    }

    @Test
    void client_setNameAndInfo_reportedBackWithTheConnectionsId() {
        long id = jedis.clientId();
        assertThat(jedis.clientGetname()).isNull();
        assertThat(jedis.clientSetname("reporting-job")).isEqualTo("OK");
        assertThat(jedis.clientGetname()).isEqualTo("reporting-job");
        assertThat(jedis.clientSetInfo(ClientAttributeOption.LIB_NAME, "report-lib")).isEqualTo("OK");
        assertThat(jedis.clientSetInfo(ClientAttributeOption.LIB_VER, "1.2")).isEqualTo("OK");
        String info = jedis.clientInfo();
        assertThat(info).contains("id=" + id + " ", "name=reporting-job", "lib-name=report-lib", "lib-ver=1.2",
            "resp=2");
        assertThat(jedis.clientList()).contains("id=" + id + " ");
        assertThat(jedis.clientId()).isEqualTo(id);
    }

    @Test
    void command_countInfoAndDocs_describeTheCommandTable() {
        assertThat(jedis.commandCount()).isEqualTo(RespCommands.table().all().size());
        Map<String, CommandInfo> info = jedis.commandInfo("get", "mset");
        assertThat(info.get("get").getArity()).isEqualTo(2);
        assertThat(info.get("get").getFlags()).contains("readonly");
        assertThat(info.get("mset").getFirstKey()).isEqualTo(1);
        assertThat(info.get("mset").getLastKey()).isEqualTo(-1);
        assertThat(info.get("mset").getStep()).isEqualTo(2);
        assertThat(jedis.commandDocs("set").get("set").getGroup()).isEqualTo("string");
        assertThat((List<?>) jedis.sendCommand(Protocol.Command.COMMAND)).hasSize(RespCommands.table().all().size());
    }

    @Test
    void configGet_whatBenchmarksAsk_harmlessAnswers() {
        assertThat(jedis.configGet("save")).containsExactly(Map.entry("save", ""));
        assertThat(jedis.configGet("appendonly")).containsExactly(Map.entry("appendonly", "no"));
        assertThat(jedis.configGet("no-such-parameter")).isEmpty();
    }

    // ------------------------------------------------------------------ strings

    @Test
    void setAndGet_textNumberAndBinaryValues_readBackByteForByte() {
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, '\r', '\n', 42};
        assertThat(jedis.set(key("text"), "héllo wörld")).isEqualTo("OK");
        assertThat(jedis.set(key("number"), "-12345")).isEqualTo("OK");
        assertThat(jedis.set(key("binary").getBytes(StandardCharsets.UTF_8), binary)).isEqualTo("OK");
        assertThat(jedis.get(key("text"))).isEqualTo("héllo wörld");
        assertThat(jedis.get(key("number"))).isEqualTo("-12345");
        assertThat(jedis.get(key("binary").getBytes(StandardCharsets.UTF_8))).isEqualTo(binary);
        assertThat(jedis.get(key("missing"))).isNull();
    }

    /** Regression: a reply over the 64 KiB outbound chunk, last of its batch, was written but never flushed. */
    @Test
    void get_valueLargerThanTheOutboundChunk_sentCompletely() {
        String large = "x".repeat(1024 * 1024);
        jedis.set(key("large"), large);
        assertThat(jedis.get(key("large"))).isEqualTo(large);
        assertThat(jedis.mget(key("large"), key("large"))).containsExactly(large, large);
    }

    @Test
    void set_storesCanonicalIntegersAsLongAndOthersAsText_seenByTheJavaApi() {
        jedis.set(key("long"), "42");
        jedis.set(key("padded"), "042");
        jedis.set(key("binary").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xc3});
        var store = node.server().context().store();
        assertThat(store.get(key("long"))).isEqualTo(42L);
        assertThat(store.get(key("padded"))).isEqualTo("042");
        assertThat(store.get(key("binary"))).isEqualTo(new byte[] {(byte) 0xc3});
    }

    @Test
    void get_valueStoredByTheJavaApi_readsAsJson() {
        node.server().context().store().set(key("map"), Map.of("name", "John"));
        node.server().context().store().set(key("list"), List.of(1, 2));
        assertThat(jedis.get(key("map"))).isEqualTo("{\"name\":\"John\"}");
        assertThat(jedis.get(key("list"))).isEqualTo("[1,2]");
    }

    @Test
    void set_nxAndXx_storeOnlyWhenAbsentOrPresent() {
        assertThat(jedis.set(key("k"), "1", SetParams.setParams().xx())).isNull();
        assertThat(jedis.set(key("k"), "1", SetParams.setParams().nx())).isEqualTo("OK");
        assertThat(jedis.set(key("k"), "2", SetParams.setParams().nx())).isNull();
        assertThat(jedis.set(key("k"), "3", SetParams.setParams().xx())).isEqualTo("OK");
        assertThat(jedis.get(key("k"))).isEqualTo("3");
    }

    @Test
    void set_exPxExatPxat_setTheTtl() {
        long nowSeconds = System.currentTimeMillis() / 1000;
        jedis.set(key("ex"), "v", SetParams.setParams().ex(100));
        jedis.set(key("px"), "v", SetParams.setParams().px(100_000));
        jedis.set(key("exat"), "v", SetParams.setParams().exAt(nowSeconds + 1000));
        jedis.set(key("pxat"), "v", SetParams.setParams().pxAt((nowSeconds + 1000) * 1000));
        assertThat(jedis.ttl(key("ex"))).isEqualTo(100);
        assertThat(jedis.ttl(key("px"))).isEqualTo(100);
        assertThat(jedis.ttl(key("exat"))).isBetween(998L, 1000L);
        assertThat(jedis.ttl(key("pxat"))).isBetween(998L, 1000L);
    }

    @Test
    void set_keepTtlAndGet_keepTheTtlAndReturnThePreviousValue() {
        jedis.set(key("k"), "old", SetParams.setParams().ex(100));
        assertThat(jedis.setGet(key("k"), "new", SetParams.setParams().keepTtl())).isEqualTo("old");
        assertThat(jedis.get(key("k"))).isEqualTo("new");
        assertThat(jedis.ttl(key("k"))).isEqualTo(100);
        assertThat(jedis.setGet(key("k"), "newer")).isEqualTo("new");
        assertThat(jedis.ttl(key("k"))).isEqualTo(-1);
        assertThat(jedis.setGet(key("absent"), "v")).isNull();
    }

    @Test
    void set_badOptions_syntaxOrExpireErrors() {
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.SET, key("k"), "v", "NX", "XX"))
            .hasMessage("ERR syntax error");
        assertThatThrownBy(() -> jedis.set(key("k"), "v", SetParams.setParams().ex(0)))
            .hasMessage("ERR invalid expire time in 'set' command");
        assertThatThrownBy(() -> jedis.set(key("k"), "v", SetParams.setParams().px(-5)))
            .hasMessage("ERR invalid expire time in 'set' command");
    }

    @Test
    void setexAndPsetex_storeWithTtl_zeroIsRefused() {
        assertThat(jedis.setex(key("s"), 100, "v")).isEqualTo("OK");
        assertThat(jedis.psetex(key("p"), 100_000, "v")).isEqualTo("OK");
        assertThat(jedis.ttl(key("s"))).isEqualTo(100);
        assertThat(jedis.pttl(key("p"))).isBetween(99_000L, 100_000L);
        assertThatThrownBy(() -> jedis.setex(key("s"), 0, "v"))
            .hasMessage("ERR invalid expire time in 'setex' command");
    }

    @Test
    void getDel_presentKey_returnsTheValueAndRemovesIt() {
        jedis.set(key("k"), "v");
        assertThat(jedis.getDel(key("k"))).isEqualTo("v");
        assertThat(jedis.getDel(key("k"))).isNull();
        assertThat(jedis.exists(key("k"))).isFalse();
    }

    @Test
    void msetAndMget_severalKeys_inOrderWithNullForMissing() {
        assertThat(jedis.mset(key("a"), "1", key("b"), "two", key("a"), "3")).isEqualTo("OK");
        assertThat(jedis.mget(key("a"), key("missing"), key("b"))).containsExactly("3", null, "two");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.MSET, key("a"), "1", key("b")))
            .hasMessage("ERR wrong number of arguments for 'mset' command");
    }

    @Test
    void incrAndDecr_counter_countsAndKeepsTheTtl() {
        assertThat(jedis.incr(key("c"))).isEqualTo(1);
        assertThat(jedis.incrBy(key("c"), 41)).isEqualTo(42);
        assertThat(jedis.decr(key("c"))).isEqualTo(41);
        assertThat(jedis.decrBy(key("c"), 50)).isEqualTo(-9);
        jedis.expire(key("c"), 100);
        assertThat(jedis.incr(key("c"))).isEqualTo(-8);
        assertThat(jedis.ttl(key("c"))).isEqualTo(100);
    }

    @Test
    void incr_nonIntegerOrOverflow_redisErrors() {
        jedis.set(key("text"), "hello");
        jedis.set(key("max"), String.valueOf(Long.MAX_VALUE));
        assertThatThrownBy(() -> jedis.incr(key("text")))
            .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> jedis.incr(key("max"))).hasMessage("ERR increment or decrement would overflow");
        assertThatThrownBy(() -> jedis.decrBy(key("x"), Long.MIN_VALUE)).hasMessage("ERR decrement would overflow");
    }

    // ------------------------------------------------------------------ keys

    @Test
    void delAndUnlink_severalKeys_countTheKeysRemoved() {
        jedis.mset(key("a"), "1", key("b"), "2", key("c"), "3");
        assertThat(jedis.del(key("a"), key("b"), key("missing"), key("a"))).isEqualTo(2);
        assertThat(jedis.unlink(key("c"), key("missing"))).isEqualTo(1);
        assertThat(jedis.del(key("c"))).isZero();
    }

    @Test
    void exists_duplicatesAndMissingKeys_countsEachNamePresent() {
        jedis.set(key("a"), "1");
        assertThat(jedis.exists(key("a"), key("a"), key("missing"))).isEqualTo(2);
    }

    @Test
    void expireAndPersist_setAndRemoveTheTtl() {
        jedis.set(key("k"), "v");
        assertThat(jedis.expire(key("k"), 100)).isEqualTo(1);
        assertThat(jedis.ttl(key("k"))).isEqualTo(100);
        assertThat(jedis.pexpire(key("k"), 50_000)).isEqualTo(1);
        assertThat(jedis.pttl(key("k"))).isBetween(49_000L, 50_000L);
        assertThat(jedis.persist(key("k"))).isEqualTo(1);
        assertThat(jedis.persist(key("k"))).isZero();
        assertThat(jedis.ttl(key("k"))).isEqualTo(-1);
        assertThat(jedis.expire(key("missing"), 100)).isZero();
        assertThat(jedis.ttl(key("missing"))).isEqualTo(-2);
        assertThat(jedis.pttl(key("missing"))).isEqualTo(-2);
    }

    @Test
    void pexpire_shortTtl_keyDisappearsAtItsDeadline() {
        jedis.set(key("k"), "v");
        jedis.pexpire(key("k"), 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> jedis.get(key("k")) == null);
        assertThat(jedis.exists(key("k"))).isFalse();
    }

    @Test
    void expire_zeroOrNegative_removesTheKeyAsRedisDoes() {
        jedis.set(key("k"), "v");
        assertThat(jedis.expire(key("k"), 0)).isEqualTo(1);
        assertThat(jedis.exists(key("k"))).isFalse();
        assertThat(jedis.expire(key("k"), -1)).isZero();
    }

    @Test
    void type_anyValueIsAString_missingIsNone() {
        jedis.set(key("k"), "v");
        node.server().context().store().set(key("map"), Map.of("a", 1));
        assertThat(jedis.type(key("k"))).isEqualTo("string");
        assertThat(jedis.type(key("map"))).isEqualTo("string");
        assertThat(jedis.type(key("missing"))).isEqualTo("none");
    }

    @Test
    void keys_globPatterns_matchAsInRedis() {
        jedis.mset(key("hello"), "1", key("hallo"), "1", key("hllo"), "1", key("heeello"), "1", key("h*llo"), "1");
        assertThat(jedis.keys(prefix + "h?llo")).containsExactlyInAnyOrder(key("hello"), key("hallo"),
            key("h*llo"));
        assertThat(jedis.keys(prefix + "h*llo")).hasSize(5);
        assertThat(jedis.keys(prefix + "h[ae]llo")).containsExactlyInAnyOrder(key("hello"), key("hallo"));
        assertThat(jedis.keys(prefix + "h[^e]llo")).containsExactlyInAnyOrder(key("hallo"), key("h*llo"));
        assertThat(jedis.keys(prefix + "h[a-b]llo")).containsExactly(key("hallo"));
        assertThat(jedis.keys(prefix + "h\\*llo")).containsExactly(key("h*llo"));
    }

    @Test
    void scan_matchAndCount_returnsEveryKeyOnce() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            jedis.set(key("scan:" + i), "v");
            expected.add(key("scan:" + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(prefix + "scan:*").count(20));
            seen.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void dbsizeAndFlush_countAndClearTheKeyspace() {
        jedis.mset(key("a"), "1", key("b"), "2");
        assertThat(jedis.dbSize()).isGreaterThanOrEqualTo(2);
        assertThat(jedis.flushDB()).isEqualTo("OK");
        assertThat(jedis.dbSize()).isZero();
        jedis.set(key("c"), "3");
        assertThat(jedis.flushAll()).isEqualTo("OK");
        assertThat(jedis.exists(key("c"))).isFalse();
    }

    @Test
    void info_sections_reportVersionClientsStatsKeyspaceAndCluster() {
        jedis.set(key("k"), "v");
        jedis.get(key("k"));
        String all = jedis.info();
        assertThat(all).contains("# Server\r\nredis_version:7.2.0\r\n", "clusterkv_version:", "# Clients",
            "connected_clients:", "# Stats", "total_commands_processed:", "keyspace_hits:", "keyspace_misses:",
            "expired_keys:", "# Keyspace\r\ndb0:keys=", "# Cluster\r\ncluster_enabled:0\r\n",
            "clusterkv_members:1\r\n", "clusterkv_ready:1\r\n");
        assertThat(jedis.info("KEYSPACE")).startsWith("# Keyspace\r\n").doesNotContain("# Server");
        assertThat(jedis.info("no-such-section")).isEmpty();
    }

    @Test
    void unknownCommand_anyName_redisError() {
        assertThatThrownBy(() -> jedis.sendCommand(() -> "NOSUCH".getBytes(StandardCharsets.UTF_8), "a", "b"))
            .isInstanceOf(JedisDataException.class)
            .hasMessage("ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b' ");
    }
}
