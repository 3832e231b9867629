package io.clusterkv.node;

import io.clusterkv.cluster.JGroupsStack;
import io.clusterkv.config.NodeSettings;

/** Chooses the JGroups stack from the settings, so the common cases need no XML. */
final class StackFactory {
    private StackFactory() {
    }

    static JGroupsStack stackFor(NodeSettings settings) {
        if (settings.jgroupsConfig() != null) {
            return JGroupsStack.fromFile(settings.jgroupsConfig());
        }
        return switch (settings.transport()) {
            case TCP -> JGroupsStack.tcp(settings.bindAddress(), settings.jgroupsPort(), settings.jgroupsPortRange(),
                settings.initialHosts());
            case UDP -> JGroupsStack.udp(settings.bindAddress(), settings.jgroupsPort(), settings.multicastAddress(),
                settings.multicastPort());
            case DNS -> JGroupsStack.dns(settings.bindAddress(), settings.jgroupsPort(), settings.jgroupsPortRange(),
                settings.dnsQuery());
        };
    }
}
