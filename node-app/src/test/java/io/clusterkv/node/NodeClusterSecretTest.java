package io.clusterkv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.internal.SecretEncrypt;
import io.clusterkv.node.testing.InProcessNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cluster-secret setting reaches the node's JGroups stack: nodes sharing it form a cluster over TCP. */
class NodeClusterSecretTest {
    private static final String SECRET = "node-level-secret-0123456789";

    @Test
    void nodesWithTheSameSecretSetting_encryptTheirStackAndReplicate() {
        String cluster = "secret-" + UUID.randomUUID();
        try (InProcessNode a = InProcessNode.start("--cluster-name", cluster, "--cluster-secret", SECRET);
             InProcessNode b = InProcessNode.start("--cluster-name", cluster, "--cluster-secret", SECRET,
                 "--initial-hosts", "127.0.0.1:" + a.settings().jgroupsPort())) {
            ClusterNode first = a.server().context().cluster();
            ClusterNode second = b.server().context().cluster();
            await().atMost(Duration.ofSeconds(30)).until(() -> second.view().members().size() == 2
                && first.view().members().size() == 2);

            first.store().set("k", "v");
            await().atMost(Duration.ofSeconds(10)).until(() -> "v".equals(second.store().get("k")));
            assertThat(encryption(first)).isNotNull();
            assertThat(encryption(second)).isNotNull();
            assertThat(a.server().context().metrics().get("clusterkv.cluster.messages.refused").functionCounter()
                .count()).as("nobody without the secret knocked").isZero();
        }
    }

    @Test
    void nodeWithoutTheSetting_plainStack() {
        try (InProcessNode plain = InProcessNode.start()) {
            assertThat(encryption(plain.server().context().cluster())).isNull();
        }
    }

    private static SecretEncrypt encryption(ClusterNode node) {
        return node.jgroupsChannel().getProtocolStack().findProtocol(SecretEncrypt.class);
    }
}
