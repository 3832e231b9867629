package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.internal.SecretEncrypt;
import io.clusterkv.cluster.testing.TestCluster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.protocols.TP;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster secret encrypts and authenticates cluster traffic: members with the secret form a cluster as before; a
 * stranger without it, or with another one, is never let in, learns nothing of the values, and changes nothing,
 * while the cluster keeps serving writes.
 */
class ClusterSecretTest {
    private static final String SECRET = "correct horse battery staple";
    private static final String OTHER_SECRET = "incorrect horse battery staple";

    private final TestCluster cluster = new TestCluster(io.clusterkv.core.TimeSource.system(),
        builder -> builder.clusterSecret(SECRET));

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void membersWithTheSecret_formAClusterAndReplicate() {
        List<ClusterNode> nodes = cluster.startNodes(3);

        nodes.get(0).store().set("session:1", "alice");
        assertThat(nodes.get(2).store().increment("n")).isEqualTo(1);

        TestCluster.awaitConverged(nodes);
        assertThat(nodes.get(1).store().get("session:1")).isEqualTo("alice");
    }

    @Test
    void clusterTraffic_neverCarriesAValueInTheClear() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(2);
        WireTap tap = WireTap.below(nodes.get(0));

        nodes.get(0).store().set("token", "plaintext-token-value");
        TestCluster.awaitConverged(nodes);

        assertThat(nodes.get(1).store().get("token")).isEqualTo("plaintext-token-value");
        assertThat(tap.messages.get()).as("messages seen on the wire").isPositive();
        // Kryo writes an ASCII string with the high bit set on its last character, hence the cut.
        assertThat(tap.bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain("plaintext-token-valu");
    }

    @Test
    void capturedClusterMessages_replayedOrForged_changeNothing() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(2);
        WireTap tap = WireTap.below(nodes.get(0));
        nodes.get(0).store().set("balance", 100L);
        nodes.get(0).store().increment("counter");
        TestCluster.awaitConverged(nodes);
        List<Message> captured = tap.sent();
        assertThat(captured).isNotEmpty();
        StateDigest before = nodes.get(1).digest();

        for (Message original : captured) {
            tap.inject(original.copy(true, true));
            Message forged = original.copy(true, true);
            byte[] bytes = forged.getArray().clone();
            bytes[forged.getOffset() + forged.getLength() / 2] ^= 1;
            tap.inject(forged.setArray(bytes, forged.getOffset(), forged.getLength()));
        }

        SecretEncrypt receiver = nodes.get(1).jgroupsChannel().getProtocolStack().findProtocol(SecretEncrypt.class);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(receiver.forgedMessages())
            .as("altered messages that failed authentication").isGreaterThanOrEqualTo(countMulticasts(captured)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(nodes.get(1).digest()).as("state after replays and forgeries").isEqualTo(before));
        assertThat(nodes.get(1).store().get("counter")).isEqualTo(1L);
        nodes.get(0).store().increment("counter");
        TestCluster.awaitConverged(nodes);
        assertThat(nodes.get(1).store().get("counter")).as("the cluster still works").isEqualTo(2L);
    }

    @Test
    void strangerWithoutSecret_isNotLetInLearnsNothingAndChangesNothing() throws Exception {
        strangerIsKeptOut(builder -> builder);
    }

    @Test
    void strangerWithAnotherSecret_isNotLetInLearnsNothingAndChangesNothing() throws Exception {
        strangerIsKeptOut(builder -> builder.clusterSecret(OTHER_SECRET));
    }

    @Test
    void overTcp_strangerWithoutSecret_isNotLetIn() throws Exception {
        int[] ports = freePorts(3);
        List<String> hosts = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]);
        String name = "tcp-secret-" + ports[0];
        try (ClusterNode a = tcpNode(name, "a", ports[0], hosts).clusterSecret(SECRET).start();
             ClusterNode b = tcpNode(name, "b", ports[1], hosts).clusterSecret(SECRET).start()) {
            TestCluster.awaitMembers(List.of(a, b));
            a.store().set("k", "v");
            TestCluster.awaitConverged(List.of(a, b));
            StateDigest before = a.digest();
            String quick = JGroupsStack.tcp("127.0.0.1", ports[2], 0, hosts).xml()
                .replace("join_timeout=\"2000\"", "join_timeout=\"500\" max_join_attempts=\"2\"");
            try (ClusterNode stranger = ClusterNode.builder().clusterName(name).nodeName("stranger")
                .stack(JGroupsStack.fromXml("stranger over TCP", quick)).joinTimeout(Duration.ofSeconds(20)).start()) {
                stranger.store().set("k", "forged");
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                    assertThat(a.view().members()).containsExactlyInAnyOrder("a", "b");
                    assertThat(stranger.view().members()).containsExactly("stranger");
                    assertThat(b.digest()).isEqualTo(before);
                });
                assertThat(b.store().get("k")).isEqualTo("v");
            }
        }
    }

    private static ClusterNode.Builder tcpNode(String cluster, String name, int port, List<String> hosts) {
        return ClusterNode.builder().clusterName(cluster).nodeName(name)
            .stack(JGroupsStack.tcp("127.0.0.1", port, 0, hosts)).joinTimeout(Duration.ofSeconds(20));
    }

    private static int[] freePorts(int count) throws java.io.IOException {
        java.net.ServerSocket[] sockets = new java.net.ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new java.net.ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (java.net.ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        return ports;
    }

    @Test
    void clusterSecret_tooShort_isRefusedWithTheRule() {
        assertThatThrownBy(() -> ClusterNode.builder().clusterSecret("short"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 characters")
            .hasMessageContaining("it has 5");
    }

    @Test
    void clusterSecret_onAStackThatAlreadyEncrypts_isRefused() {
        String xml = JGroupsStack.sharedLoopback().xml().replace("<SHARED_LOOPBACK_PING/>",
            "<SHARED_LOOPBACK_PING/><ASYM_ENCRYPT/>");
        assertThatThrownBy(() -> ClusterNode.builder().clusterName("c").nodeName("x").clusterSecret(SECRET)
            .stack(JGroupsStack.fromXml("own encryption", xml)).start())
            .hasMessageContaining("either the cluster secret or the stack's own");
    }

    private void strangerIsKeptOut(UnaryOperator<ClusterNode.Builder> strangerSecret) throws Exception {
        List<ClusterNode> members = cluster.startNodes(2);
        members.get(0).store().set("session:1", "alice");
        TestCluster.awaitConverged(members);

        // The stranger uses the cluster's name and transport but not its secret. It finds the members (in-JVM
        // discovery needs no messages), gets no answer to its join requests, and after two tries starts alone.
        ClusterNode stranger = startStranger(members.get(0).jgroupsChannel().getClusterName(), strangerSecret);
        AtomicInteger served = new AtomicInteger();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            members.get(served.get() % 2).store().set("w" + served.get(), served.incrementAndGet());
            for (ClusterNode member : members) {
                assertThat(member.view().members()).as("members seen by " + member.name())
                    .containsExactlyInAnyOrder("n1", "n2");
            }
            assertThat(stranger.view().members()).containsExactly("stranger");
        });
        assertThat(served.get()).as("writes the cluster served while the stranger tried").isGreaterThan(3);
        assertThat(stranger.store().get("session:1")).as("what the stranger can read").isNull();

        TestCluster.awaitConverged(members);
        StateDigest before = members.get(0).digest();
        stranger.store().set("session:1", "mallory");
        byte[] batchLike = {1, 0, 0, 0, 0, 0, 0, 0, 7, 1, 1, 1, 2, 1, 5};
        for (ClusterNode member : members) {
            stranger.jgroupsChannel().send(new BytesMessage(member.jgroupsChannel().getAddress(), batchLike));
        }
        stranger.jgroupsChannel().send(new BytesMessage(null, batchLike));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (ClusterNode member : members) {
                assertThat(member.digest()).as("state of " + member.name()).isEqualTo(before);
            }
        });
        assertThat(members.get(1).store().get("session:1")).isEqualTo("alice");
        for (ClusterNode member : members) {
            assertThat(member.refusedMessages()).as("stranger's messages dropped by " + member.name()).isPositive();
        }
        stranger.close();
    }

    private static long countMulticasts(List<Message> messages) {
        return messages.stream().filter(msg -> msg.getDest() == null).count();
    }

    private ClusterNode startStranger(String clusterName, UnaryOperator<ClusterNode.Builder> secret) {
        String quickToGiveUp = JGroupsStack.sharedLoopback().xml()
            .replace("join_timeout=\"1000\"", "join_timeout=\"300\" max_join_attempts=\"2\"");
        ClusterNode.Builder builder = ClusterNode.builder().clusterName(clusterName).nodeName("stranger")
            .stack(JGroupsStack.fromXml("stranger's stack", quickToGiveUp)).joinTimeout(Duration.ofSeconds(20));
        return secret.apply(builder).start();
    }

    /** Records every byte a node sends, as a network tap would see it: the protocol sits right above the transport. */
    static final class WireTap extends Protocol {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger messages = new AtomicInteger();
        private final List<Message> sent = new java.util.ArrayList<>();

        static WireTap below(ClusterNode node) throws Exception {
            WireTap tap = new WireTap();
            ProtocolStack stack = node.jgroupsChannel().getProtocolStack();
            tap.setProtocolStack(stack);
            stack.insertProtocol(tap, ProtocolStack.Position.ABOVE, TP.class);
            return tap;
        }

        @Override
        public Object down(Message msg) {
            synchronized (bytes) {
                if (msg.hasArray()) {
                    bytes.write(msg.getArray(), msg.getOffset(), msg.getLength());
                }
                messages.incrementAndGet();
                sent.add(msg.copy(true, true));
            }
            return down_prot.down(msg);
        }

        /** @return copies of the messages sent so far, encrypted, as they went on the wire */
        List<Message> sent() {
            synchronized (bytes) {
                return List.copyOf(sent);
            }
        }

        /** Sends a message as it is, below the encryption: what an attacker on the network can do. */
        void inject(Message msg) {
            down_prot.down(msg);
        }
    }
}
