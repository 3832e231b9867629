package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.node.testing.InProcessNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The endpoint's meters in the node's registry: connections open and commands executed. */
@ExtendWith(SharedNode.class)
class RespMetricsTest {
    private final MeterRegistry registry;
    private final int port;

    RespMetricsTest(InProcessNode node) {
        this.registry = node.server().context().metrics();
        this.port = node.respPort();
    }

    private double connections() {
        return registry.get("clusterkv.resp.connections").gauge().value();
    }

    private double commands() {
        return registry.get("clusterkv.resp.commands").functionCounter().count();
    }

    @Test
    void connectionsGauge_opensAndCloses_followsTheOpenConnections() {
        double before = connections();
        List<RawRespClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawRespClient client = new RawRespClient(port);
            client.call("PING");
            clients.add(client);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> connections() >= before + 5);
        clients.forEach(RawRespClient::close);
        await().atMost(Duration.ofSeconds(5)).until(() -> connections() <= before);
    }

    @Test
    void commandsCounter_eachCommandExecuted_counted() {
        try (RawRespClient client = new RawRespClient(port)) {
            client.call("PING");
            double before = commands();
            client.call("SET", "metrics:k", "v");
            client.call("GET", "metrics:k");
            client.call("PING");
            assertThat(commands()).isEqualTo(before + 3);
        }
    }
}
