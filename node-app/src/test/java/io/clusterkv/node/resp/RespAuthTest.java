package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.node.testing.InProcessNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A node started with {@code --resp-password}: nothing but AUTH, HELLO ... AUTH and QUIT before authenticating. */
class RespAuthTest {
    private static final String PASSWORD = "s3cret pass";
    private static InProcessNode node;

    @BeforeAll
    static void startNode() {
        node = SharedNode.startNode("--resp-password", PASSWORD);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void commands_beforeAuth_noauthButUnknownAndArityErrorsComeFirst() {
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            assertThat(client.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(client.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(client.call("INFO")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(client.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(client.call("NOSUCH"))
                .isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: \r\n");
            assertThat(client.call("HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already");
        }
    }

    @Test
    void auth_wrongPasswordOrUser_wrongpassAndStillLocked() {
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            String wrongpass = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
            assertThat(client.call("AUTH", "wrong")).isEqualTo(wrongpass);
            assertThat(client.call("AUTH", "default", "wrong")).isEqualTo(wrongpass);
            assertThat(client.call("AUTH", "admin", PASSWORD)).isEqualTo(wrongpass);
            assertThat(client.call("AUTH", "DEFAULT", PASSWORD)).isEqualTo(wrongpass);
            assertThat(client.call("AUTH", "a", "b", "c")).isEqualTo("-ERR syntax error\r\n");
            assertThat(client.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
        }
    }

    @Test
    void auth_passwordOrDefaultUser_unlocksTheConnectionOnly() {
        try (RawRespClient first = new RawRespClient(node.respPort());
             RawRespClient second = new RawRespClient(node.respPort())) {
            assertThat(first.call("AUTH", PASSWORD)).isEqualTo("+OK\r\n");
            assertThat(first.call("SET", "auth:k", "v")).isEqualTo("+OK\r\n");
            assertThat(second.call("GET", "auth:k")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(second.call("AUTH", "default", PASSWORD)).isEqualTo("+OK\r\n");
            assertThat(second.call("GET", "auth:k")).isEqualTo("$1\r\nv\r\n");
            assertThat(second.call("AUTH", "wrong")).startsWith("-WRONGPASS");
            assertThat(second.call("GET", "auth:k")).as("a failed AUTH keeps the earlier one")
                .isEqualTo("$1\r\nv\r\n");
        }
    }

    @Test
    void unauthenticated_largeRequests_refusedAsRedisDoes() {
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            client.sendRaw("*11\r\n");
            assertThat(client.readReply()).isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            client.sendRaw("*2\r\n$3\r\nGET\r\n$20000\r\n");
            assertThat(client.readReply()).isEqualTo("-ERR Protocol error: unauthenticated bulk length\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void quit_beforeAuth_okAndClosed() {
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            assertThat(client.call("QUIT")).isEqualTo("+OK\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void jedis_configuredPassword_authenticatesOnConnect() {
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", node.respPort()),
            DefaultJedisClientConfig.builder().password(PASSWORD).build())) {
            assertThat(jedis.set("auth:jedis", "1")).isEqualTo("OK");
            assertThat(jedis.incr("auth:jedis")).isEqualTo(2);
        }
        assertThatThrownBy(() -> new Jedis(new HostAndPort("127.0.0.1", node.respPort()),
            DefaultJedisClientConfig.builder().password("wrong").build()).close()).hasMessageContaining("WRONGPASS");
    }

    @Test
    void lettuce_helloWithAuthAndSetname_resp3Session() {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(node.respPort())
            .withPassword(PASSWORD.toCharArray()).withClientName("auth-test").withTimeout(Duration.ofSeconds(10))
            .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().clientGetname()).isEqualTo("auth-test");
            assertThat(connection.sync().clientInfo()).contains("resp=3");
            assertThat(connection.sync().set("auth:lettuce", "v")).isEqualTo("OK");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
