package io.clusterkv.config;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis' protected mode, for every endpoint of a node: a node that listens on a non-loopback address refuses to
 * start unless each endpoint it opens there is authenticated (RESP password, HTTP token, cluster secret or the
 * user's own encrypting JGroups stack). On a loopback address all of them are optional, so a developer's node needs
 * no set-up; on a network, an unauthenticated cache of sessions and tokens is a finding, not a default.
 * {@code protected-mode = false} accepts the risk explicitly (a private network with its own controls).
 */
final class ProtectedMode {
    private ProtectedMode() {
    }

    /**
     * @throws SettingsException naming each unprotected endpoint and the setting that protects it, if the node is
     *                           exposed and protected mode is on
     */
    static void check(NodeSettings settings, boolean enabled) {
        if (!enabled || settings.loopbackOnly()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (settings.respPort() != 0 && settings.respPassword() == null) {
            missing.add("RESP has no password (set resp-password)");
        }
        if (settings.httpPort() != 0 && settings.httpToken() == null) {
            missing.add("HTTP has no token (set http-token)");
        }
        if (settings.clusterSecret() == null && !ownStackEncrypts(settings)) {
            missing.add("cluster traffic is neither encrypted nor authenticated (set cluster-secret or "
                + "cluster-secret-file)");
        }
        if (!missing.isEmpty()) {
            throw new SettingsException("protected mode: bind address " + settings.bindAddress() + " is reachable "
                + "from a network, but " + String.join("; ", missing) + ". Set them, bind a loopback address "
                + "(127.0.0.1), or set protected-mode false to run unprotected anyway");
        }
    }

    /** A user's JGroups XML with SYM_ENCRYPT or ASYM_ENCRYPT protects cluster traffic its own way. */
    private static boolean ownStackEncrypts(NodeSettings settings) {
        if (settings.jgroupsConfig() == null) {
            return false;
        }
        try {
            String xml = Files.readString(settings.jgroupsConfig());
            return xml.contains("SYM_ENCRYPT") || xml.contains("ASYM_ENCRYPT");
        } catch (IOException unreadable) {
            return false;
        }
    }
}
