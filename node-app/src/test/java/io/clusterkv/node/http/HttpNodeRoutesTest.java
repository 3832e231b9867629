package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.StateDigest;
import io.clusterkv.node.testing.InProcessNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /cluster}, {@code /metrics} and the health checks of a ready node. */
@ExtendWith(SharedHttpNode.class)
class HttpNodeRoutesTest {
    private static InProcessNode node;
    private static HttpTestClient http;

    @BeforeAll
    static void connect(InProcessNode shared) {
        node = shared;
        http = new HttpTestClient(node.httpPort(), SharedHttpNode.TOKEN);
    }

    @Test
    void cluster_singleNode_answersViewAndTheReplicasDigest() {
        http.put("/kv/cluster-test", "1").expect(200);
        ClusterNode cluster = node.server().context().cluster();
        String self = node.settings().nodeName();

        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) http.get("/cluster").expect(200).json();

        StateDigest digest = cluster.digest();
        assertThat(view).containsEntry("self", self).containsEntry("coordinator", self)
            .containsEntry("members", List.of(self)).containsEntry("ready", true)
            .containsEntry("view_id", (int) cluster.view().viewId())
            .containsEntry("applied_index", (int) digest.appliedIndex())
            .containsEntry("digest", String.format("%016x", digest.digest()))
            .containsEntry("entries", (int) digest.entries());
    }

    @Test
    void metrics_afterRequests_answersPrometheusTextWithHttpClusterAndJvmMeters() {
        http.get("/kv/metrics-test").expect(404);

        HttpTestClient.Answer metrics = http.get("/metrics").expect(200);

        assertThat(metrics.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
            .contains("clusterkv_http_requests_total{method=\"GET\",route=\"/kv/{key}\",status=\"404\"}")
            .contains("clusterkv_http_connections")
            .contains("clusterkv_operations_total")
            .contains("jvm_memory_used_bytes")
            .contains("jgroups_messages_sent_total");
    }

    @Test
    void healthChecks_readyNode_answer200() {
        assertThat(http.get("/health/live").expect(200).json()).isEqualTo(Map.of("status", "live"));
        assertThat(http.get("/health/ready").expect(200).json()).isEqualTo(Map.of("status", "ready"));
    }
}
