package io.clusterkv.node;

import io.clusterkv.config.NodeSettings;
import io.clusterkv.config.SettingsException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** The TLS context of the client endpoints, loaded once at start from the PEM files of the settings. */
final class ClientTls {
    private ClientTls() {
    }

    /**
     * @return the server context, or null when no certificate is configured
     * @throws SettingsException naming both files if they do not hold a certificate and its PKCS#8 key
     */
    static @Nullable SslContext load(NodeSettings settings) {
        NodeSettings.Tls tls = settings.tls();
        if (tls == null) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(tls.certificateFile().toFile(), tls.keyFile().toFile()).build();
        } catch (SSLException | IllegalArgumentException unusable) {
            throw new SettingsException("cannot use TLS certificate " + tls.certificateFile() + " with key "
                + tls.keyFile() + ": " + rootMessage(unusable) + " (the key must be an unencrypted PKCS#8 PEM, "
                + "BEGIN PRIVATE KEY; 'openssl pkcs8 -topk8 -nocrypt' converts one)");
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
