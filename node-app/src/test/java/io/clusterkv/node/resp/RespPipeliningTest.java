package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.node.testing.InProcessNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Pipelined commands are answered in order, and reads see the writes sent before them on their connection. */
@ExtendWith(SharedNode.class)
class RespPipeliningTest {
    private final InProcessNode node;
    private final String prefix = "pipeline:" + UUID.randomUUID() + ":";

    RespPipeliningTest(InProcessNode node) {
        this.node = node;
    }

    @Test
    void jedisPipeline_tenThousandMixedCommands_answeredInOrder() {
        List<Response<?>> responses = new ArrayList<>();
        List<Consumer<Object>> checks = new ArrayList<>();
        try (Jedis jedis = new Jedis("127.0.0.1", node.respPort())) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 1000; i++) {
                String key = prefix + i;
                String value = "value-" + i;
                long counter = i + 1;
                expect(responses, checks, pipeline.set(key, value), "OK");
                expect(responses, checks, pipeline.get(key), value);
                expect(responses, checks, pipeline.incr(prefix + "counter"), counter);
                expect(responses, checks, pipeline.get(prefix + "counter"), String.valueOf(counter));
                expect(responses, checks, pipeline.exists(key), true);
                expect(responses, checks, pipeline.setGet(key, "next-" + i), value);
                expect(responses, checks, pipeline.getDel(key), "next-" + i);
                expect(responses, checks, pipeline.get(key), null);
                expect(responses, checks, pipeline.incrBy(key, i), (long) i);
                responses.add(pipeline.sendCommand(() -> "NOSUCH".getBytes(StandardCharsets.US_ASCII), key));
                int position = responses.size() - 1;
                String unknown = "ERR unknown command 'NOSUCH', with args beginning with: '" + key + "' ";
                checks.add(reply -> assertThat(reply).as("reply %d", position).isInstanceOf(JedisDataException.class)
                    .extracting(error -> ((Throwable) error).getMessage()).isEqualTo(unknown));
            }
            pipeline.sync();
        }
        assertThat(checks).hasSize(10_000);
        for (int i = 0; i < responses.size(); i++) {
            Object reply;
            try {
                reply = responses.get(i).get();
            } catch (JedisDataException error) {
                reply = error;
            }
            checks.get(i).accept(reply);
        }
    }

    private static <T> void expect(List<Response<?>> responses, List<Consumer<Object>> checks, Response<T> response,
                                   Object expected) {
        int position = responses.size();
        responses.add(response);
        checks.add(reply -> assertThat(reply).as("reply %d", position).isEqualTo(expected));
    }

    @Test
    void onePacket_writesThenReads_readsSeeTheWritesBeforeThem() {
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            String key = prefix + "packet";
            client.sendRaw("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$1\r\n1\r\n"
                + "*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n"
                + "*2\r\n$4\r\nINCR\r\n$" + key.length() + "\r\n" + key + "\r\n"
                + "GET " + key + "\r\n"
                + "*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$5\r\nlater\r\n"
                + "PING\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("$1\r\n1\r\n");
            assertThat(client.readReply()).isEqualTo(":2\r\n");
            assertThat(client.readReply()).isEqualTo("$1\r\n2\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void manyConnections_concurrentIncrements_exactTotal() throws Exception {
        int connections = 64;
        int incrementsEach = 100;
        String counter = prefix + "shared-counter";
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            List<Callable<Void>> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                clients.add(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", node.respPort())) {
                        for (int i = 0; i < incrementsEach; i++) {
                            jedis.incr(counter);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : threads.invokeAll(clients, 60, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        try (Jedis jedis = new Jedis("127.0.0.1", node.respPort())) {
            assertThat(jedis.get(counter)).isEqualTo(String.valueOf(connections * incrementsEach));
        }
    }
}
