package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.TestCluster;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate alternative to the cluster secret that docs/security.md gives (ASYM_ENCRYPT with
 * SSL_KEY_EXCHANGE in the user's own XML) works as documented: members whose certificates are trusted form a
 * cluster; a node with an untrusted certificate never receives the group key, so it reads and changes nothing
 * (it may still enter the view: ASYM_ENCRYPT lets join requests through in clear).
 */
class CertificateKeyExchangeTest {
    @TempDir
    Path directory;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final String clusterName = "pki-" + UUID.randomUUID();
    private List<String> hosts;

    @AfterEach
    void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    @Test
    void trustedMembersFormACluster_untrustedNodeGetsNoKey() throws Exception {
        Path trusted = keyStore("trusted");
        Path untrusted = keyStore("untrusted");
        int keyServerPort = freePort();
        hosts = List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());

        ClusterNode a = start("a", 0, trusted, keyServerPort, 2000);
        ClusterNode b = start("b", 1, trusted, keyServerPort, 2000);
        TestCluster.awaitMembers(List.of(a, b));
        a.store().set("k", "v");
        TestCluster.awaitConverged(List.of(a, b));
        assertThat(b.store().get("k")).isEqualTo("v");

        // Unlike the cluster secret, ASYM_ENCRYPT lets a join request through in clear: the untrusted node may
        // enter the view, but the key server refuses it the group key, so it reads and writes nothing.
        ClusterNode stranger = start("stranger", 2, untrusted, keyServerPort, 500);
        StateDigest before = b.digest();
        try {
            stranger.store().set("k", "forged");
        } catch (RuntimeException refused) {
            // not confirmed: expected, the cluster cannot read it
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
            assertThat(stranger.store().get("k")).as("what the untrusted node reads").isNotEqualTo("v");
            assertThat(b.digest()).isEqualTo(before);
        });
        a.store().set("after", "still served");
        await().atMost(Duration.ofSeconds(10)).until(() -> "still served".equals(b.store().get("after")));
    }

    private ClusterNode start(String name, int index, Path keyStore, int keyServerPort, int joinTimeoutMillis) {
        int port = Integer.parseInt(hosts.get(index).substring(hosts.get(index).indexOf(':') + 1));
        String xml = JGroupsStack.tcp("127.0.0.1", port, 0, hosts).xml()
            .replace("join_timeout=\"2000\"", "join_timeout=\"" + joinTimeoutMillis + "\" max_join_attempts=\"3\"")
            .replace("<VERIFY_SUSPECT timeout=\"1000\"/>", """
                <VERIFY_SUSPECT timeout="1000"/>
                <SSL_KEY_EXCHANGE keystore_name="%s" keystore_type="pkcs12" keystore_password="changeit"
                                  require_client_authentication="true" port="%d" port_range="5"/>
                <ASYM_ENCRYPT use_external_key_exchange="true" change_key_on_leave="true"
                              sym_algorithm="AES/CBC/PKCS5Padding" sym_iv_length="16" sym_keylength="256"/>
                <SERIALIZE/>
                """.formatted(keyStore, keyServerPort));
        ClusterNode node = ClusterNode.builder().clusterName(clusterName).nodeName(name)
            .stack(JGroupsStack.fromXml("certificates " + name, xml)).joinTimeout(Duration.ofSeconds(30)).start();
        nodes.add(node);
        return node;
    }

    /** A PKCS12 key store with a self-signed certificate, which also serves as the trust store. */
    private Path keyStore(String name) throws Exception {
        Path store = directory.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keyalg", "RSA", "-keysize", "2048",
            "-alias", name, "-dname", "CN=" + name, "-validity", "2", "-storetype", "PKCS12", "-keystore",
            store.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.exists(store)).isTrue();
        return store;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
