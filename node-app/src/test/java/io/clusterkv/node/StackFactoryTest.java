package io.clusterkv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.config.SettingsLoader;
import io.clusterkv.core.KvException;
import io.clusterkv.cluster.internal.OrdererTag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jgroups.JChannel;
import org.jgroups.protocols.SEQUENCER;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.dns.DNS_PING;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each transport setting gives a stack JGroups can build, with SEQUENCER and the orderer tag; no XML needed. */
class StackFactoryTest {
    @TempDir
    Path directory;

    private static JChannel channelFor(String... flags) {
        return StackFactory.stackFor(SettingsLoader.load(List.of(flags), Map.of())).newChannel();
    }

    @Test
    void tcp_default_buildsTcpWithInitialHostsAndOrdering() {
        try (JChannel channel = channelFor()) {
            assertThat(channel.getProtocolStack().getTransport()).isInstanceOf(TCP.class);
            assertThat((Object) channel.getProtocolStack().findProtocol(TCPPING.class)).isNotNull();
            assertThat((Object) channel.getProtocolStack().findProtocol(SEQUENCER.class)).isNotNull();
            assertThat((Object) channel.getProtocolStack().findProtocol(OrdererTag.class)).isNotNull();
        }
    }

    @Test
    void udp_buildsUdpMulticast() {
        try (JChannel channel = channelFor("--transport", "udp", "--multicast-address", "228.9.9.9")) {
            assertThat(channel.getProtocolStack().getTransport()).isInstanceOf(UDP.class);
        }
    }

    @Test
    void dns_buildsDnsDiscovery() {
        try (JChannel channel = channelFor("--transport", "dns", "--dns-query", "clusterkv.default.svc")) {
            assertThat((Object) channel.getProtocolStack().findProtocol(DNS_PING.class)).isNotNull();
        }
    }

    @Test
    void userXml_withoutOrdererTag_getsItAddedBelowSequencer() throws Exception {
        Path xml = directory.resolve("stack.xml");
        Files.writeString(xml, """
            <config xmlns="urn:org:jgroups">
              <SHARED_LOOPBACK/>
              <SHARED_LOOPBACK_PING/>
              <pbcast.NAKACK2/>
              <UNICAST3/>
              <pbcast.GMS/>
              <SEQUENCER/>
            </config>
            """);
        try (JChannel channel = channelFor("--jgroups-config", xml.toString())) {
            List<String> names = channel.getProtocolStack().getProtocols().stream()
                .map(protocol -> protocol.getClass().getSimpleName()).toList();
            assertThat(names.indexOf("OrdererTag")).as("directly below SEQUENCER in " + names)
                .isEqualTo(names.indexOf("SEQUENCER") + 1);
        }
    }

    @Test
    void userXml_withoutSequencer_isRefusedWithAReason() throws Exception {
        Path xml = directory.resolve("unordered.xml");
        Files.writeString(xml, """
            <config xmlns="urn:org:jgroups">
              <SHARED_LOOPBACK/>
              <SHARED_LOOPBACK_PING/>
              <pbcast.NAKACK2/>
              <UNICAST3/>
              <pbcast.GMS/>
            </config>
            """);

        assertThatThrownBy(() -> channelFor("--jgroups-config", xml.toString())).isInstanceOf(KvException.class)
            .hasMessageContaining("has no SEQUENCER");
    }
}
