package io.clusterkv.chaos.suite;

import io.clusterkv.chaos.workload.ClientException;
import io.clusterkv.chaos.workload.NodeAddress;
import io.clusterkv.chaos.workload.RespClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The workloads' {@link RespClient} on one Jedis connection. Error replies are classified by their text
 * ({@link ClientException#ofErrorReply}: {@code CLUSTERDOWN} and {@code LOADING} were refused); a connection that
 * fails or times out mid-command leaves the command's outcome unknown.
 */
final class JedisRespClient implements RespClient {
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final Jedis jedis;

    private JedisRespClient(Jedis jedis) {
        this.jedis = jedis;
    }

    /**
     * Opens a connection, the {@link io.clusterkv.chaos.workload.RespClientFactory} of the suite.
     *
     * @throws ClientException (refused) if the node cannot be reached
     */
    static RespClient connect(NodeAddress node, Duration timeout) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(Math.toIntExact(timeout.toMillis()))
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        Jedis jedis = null;
        try {
            jedis = new Jedis(new HostAndPort(node.host(), node.respPort()), config);
            jedis.connect();
            return new JedisRespClient(jedis);
        } catch (JedisException unreachable) {
            if (jedis != null) {
                jedis.close();
            }
            throw ClientException.refused("cannot connect to " + node.name() + ": " + unreachable.getMessage(), true);
        }
    }

    @Override
    public long incr(String key) {
        return call(() -> jedis.incr(key));
    }

    @Override
    public void set(String key, String value) {
        call(() -> jedis.set(key, value));
    }

    @Override
    public void setWithTtl(String key, String value, Duration ttl) {
        call(() -> jedis.set(key, value, SetParams.setParams().px(ttl.toMillis())));
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return call(() -> jedis.pexpire(key, ttl.toMillis())) == 1;
    }

    @Override
    public @Nullable String get(String key) {
        return call(() -> jedis.get(key));
    }

    @Override
    public void mset(Map<String, String> values) {
        List<String> pairs = new ArrayList<>();
        values.forEach((key, value) -> {
            pairs.add(key);
            pairs.add(value);
        });
        call(() -> jedis.mset(pairs.toArray(String[]::new)));
    }

    @Override
    public List<@Nullable String> mget(List<String> keys) {
        return call(() -> jedis.mget(keys.toArray(String[]::new)));
    }

    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisDataException reply) {
            throw ClientException.ofErrorReply(reply.getMessage());
        } catch (JedisConnectionException lost) {
            throw ClientException.indeterminate("connection failed: " + lost.getMessage(), true, lost);
        } catch (JedisException other) {
            throw ClientException.indeterminate("client failure: " + other, true, other);
        }
    }

    @Override
    public void close() {
        try {
            jedis.close();
        } catch (JedisException ignored) {
            // the connection is gone either way
        }
    }
}
