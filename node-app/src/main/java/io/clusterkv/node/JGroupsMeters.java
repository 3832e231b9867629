package io.clusterkv.node;

import io.clusterkv.cluster.ClusterNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.jgroups.JChannel;
import org.jgroups.protocols.MsgStats;
import org.jgroups.protocols.SEQUENCER;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.pbcast.NAKACK2;

/** The JGroups figures an operator looks at first, read from the protocols when scraped. */
final class JGroupsMeters {
    private JGroupsMeters() {
    }

    static void bind(JChannel channel, MeterRegistry registry) {
        TP transport = channel.getProtocolStack().getTransport();
        MsgStats stats = transport.getMessageStats();
        counter(registry, "jgroups.messages.sent", "messages sent by the transport", stats,
            MsgStats::getNumMsgsSent);
        counter(registry, "jgroups.messages.received", "messages received by the transport", stats,
            MsgStats::getNumMsgsReceived);
        counter(registry, "jgroups.bytes.sent", "bytes sent by the transport", stats, MsgStats::getNumBytesSent);
        counter(registry, "jgroups.bytes.received", "bytes received by the transport", stats,
            MsgStats::getNumBytesReceived);
        NAKACK2 nakack = channel.getProtocolStack().findProtocol(NAKACK2.class);
        if (nakack != null) {
            counter(registry, "jgroups.retransmit.requests.sent", "multicast retransmissions this node asked for",
                nakack, NAKACK2::getXmitRequestsSent);
            counter(registry, "jgroups.retransmit.requests.received", "multicast retransmissions asked of this node",
                nakack, NAKACK2::getXmitRequestsReceived);
        }
        SEQUENCER sequencer = channel.getProtocolStack().findProtocol(SEQUENCER.class);
        if (sequencer != null) {
            Gauge.builder("jgroups.sequencer.forward.table", sequencer, SEQUENCER::getForwardTableSize)
                .description("messages forwarded to the coordinator and not yet ordered").register(registry);
            Gauge.builder("jgroups.sequencer.coordinator", sequencer, s -> s.isCoordinator() ? 1 : 0)
                .description("1 when this node orders the cluster's writes").register(registry);
        }
    }

    /** A stranger knocking (without the cluster secret, with another one, or forging messages) shows here first. */
    static void bindClusterSecret(ClusterNode node, MeterRegistry registry) {
        counter(registry, "clusterkv.cluster.messages.refused", "cluster messages dropped for not being sent under "
            + "this cluster's secret, forged ones included", node, ClusterNode::refusedMessages);
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source,
                                    ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }
}
