package io.clusterkv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterkv.config.SettingsException;
import io.clusterkv.node.testing.InProcessNode;
import io.clusterkv.node.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a PEM certificate and key, RESP and HTTP serve TLS only: redis-cli --tls and curl talk to the node, a client
 * that trusts the certificate works, and a plaintext client gets no answer.
 */
class ClientTlsTest {
    @TempDir
    static Path directory;
    private static TestCertificates certificates;
    private static InProcessNode node;

    @BeforeAll
    static void startNode() throws Exception {
        certificates = TestCertificates.create(directory);
        node = InProcessNode.start("--tls-cert-file", certificates.certificate().toString(), "--tls-key-file",
            certificates.key().toString());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void redisCli_withTlsAndTheCertificate_setsAndGets() throws Exception {
        assumeTrue(onPath("redis-cli"), "redis-cli is installed (.ci/run installs redis-tools)");

        assertThat(run("redis-cli", "--tls", "--cacert", certificates.certificate().toString(), "-h", "127.0.0.1",
            "-p", String.valueOf(node.respPort()), "SET", "tls:cli", "over-tls")).isEqualTo("OK");
        assertThat(run("redis-cli", "--tls", "--cacert", certificates.certificate().toString(), "-h", "127.0.0.1",
            "-p", String.valueOf(node.respPort()), "GET", "tls:cli")).isEqualTo("over-tls");
    }

    @Test
    void curl_withTheCertificate_putsAndGets() throws Exception {
        assumeTrue(onPath("curl"), "curl is installed");
        String base = "https://127.0.0.1:" + node.httpPort() + "/kv/tls:curl";

        assertThat(run("curl", "-s", "--cacert", certificates.certificate().toString(), "-X", "PUT", base, "-d",
            "\"via-curl\"")).isEqualTo("{\"set\":true}");
        assertThat(run("curl", "-s", "--cacert", certificates.certificate().toString(), base))
            .isEqualTo("{\"key\":\"tls:curl\",\"value\":\"via-curl\"}");
    }

    @Test
    void javaClient_trustingTheCertificate_isAnswered() throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket("127.0.0.1",
            node.respPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
                .isEqualTo("+PONG\r\n");
            assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
        }
    }

    @Test
    void plaintextClient_onATlsEndpoint_getsNoAnswer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.respPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("PONG");
        }
    }

    @Test
    void start_keyFileThatIsNoKey_isASettingsErrorNamingTheFiles() throws Exception {
        Path notAKey = directory.resolve("not-a-key.pem");
        Files.writeString(notAKey, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> InProcessNode.start("--tls-cert-file", certificates.certificate().toString(),
            "--tls-key-file", notAKey.toString())).isInstanceOf(SettingsException.class)
            .hasMessageContaining("cannot use TLS certificate " + certificates.certificate())
            .hasMessageContaining(notAKey.toString()).hasMessageContaining("PKCS#8");
    }

    private static SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificates.certificate())) {
            trust.setCertificateEntry("node", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command) + " ends").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
