package io.clusterkv.cluster;

import io.clusterkv.cluster.internal.OrdererTag;
import io.clusterkv.core.KvException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jgroups.JChannel;
import org.jgroups.protocols.SEQUENCER;
import org.jgroups.stack.ProtocolStack;

/**
 * The JGroups protocol stack a node runs on. The built-in stacks cover the common cases without any XML: in-JVM
 * for tests, TCP with a list of initial hosts, UDP multicast; a user's own XML is accepted too, as long as it has
 * SEQUENCER (the total order every write relies on).
 */
public final class JGroupsStack {
    private static final String ORDERING = """
          <pbcast.NAKACK2 xmit_interval="100" use_mcast_xmit="false"/>
          <UNICAST3 xmit_interval="100" conn_close_timeout="2000"/>
          <pbcast.STABLE desired_avg_gossip="5000" max_bytes="4M"/>
          <pbcast.GMS join_timeout="%d" print_local_addr="false"/>
          <UFC max_credits="4M"/>
          <MFC max_credits="4M"/>
          <io.clusterkv.cluster.internal.OrdererTag/>
          <SEQUENCER delivery_table_max_size="0"/>
          <FRAG2 frag_size="60000"/>
        </config>
        """;

    private final String description;
    private final String xml;

    private JGroupsStack(String description, String xml) {
        this.description = description;
        this.xml = xml;
    }

    /**
     * In-JVM transport (SHARED_LOOPBACK) with fast failure detection: several nodes in one process, for tests and
     * embedded experiments.
     */
    public static JGroupsStack sharedLoopback() {
        return new JGroupsStack("in-JVM shared loopback", """
            <config xmlns="urn:org:jgroups">
              <SHARED_LOOPBACK/>
              <SHARED_LOOPBACK_PING/>
              <MERGE3 min_interval="1000" max_interval="3000"/>
              <FD_ALL3 timeout="3000" interval="500"/>
              <VERIFY_SUSPECT timeout="500"/>
            """ + ORDERING.formatted(1000));
    }

    /**
     * TCP between nodes that find each other through a fixed list of hosts (TCPPING).
     *
     * <p>The transport is JGroups' TCP with one change ({@code BackgroundCloseTcp}): connections to members a view
     * dropped are closed off the view-installing thread, since closing one whose send window a partition filled
     * blocks until the partition heals.
     *
     * <p>Sends do not block on one peer ({@code non_blocking_sends}): a peer cut off by a partition stops reading
     * without closing its socket, and a blocking write to it held up the transport's sender, and with it every
     * message to the reachable members, until the partition healed (the chaos suite's partition run showed the
     * majority side stalled). A full queue to such a peer drops messages, which retransmission covers. For the same
     * reason a connection attempt gives up after 300 ms rather than JGroups' 2 s: attempts to reach a cut-off peer
     * are made on the sending thread, and each one held every other message back for its whole timeout. UNICAST3
     * keeps retransmitting to a member that left the view until {@code conn_close_timeout} (JGroups' default is 4
     * minutes; Infinispan lowered it to 5 s for the same reason), so that is 2 s in every stack.
     *
     * <p>{@code tcp_nodelay} is on (JGroups' default is off): with Nagle's algorithm a small message written while an
     * earlier one is unacknowledged waits for the peer's delayed ACK, up to 40 ms on Linux, which gave every write on
     * TCP a p999 of about 42 ms (docs/benchmarks.md). Infinispan's stacks set it too.
     *
     * @param bindAddress  the address to listen on, e.g. 127.0.0.1
     * @param bindPort     the first port to try
     * @param portRange    how many ports above {@code bindPort} to try, and to probe on each initial host
     * @param initialHosts {@code host[port]} or {@code host:port} of members to contact at start
     */
    public static JGroupsStack tcp(String bindAddress, int bindPort, int portRange, List<String> initialHosts) {
        Objects.requireNonNull(bindAddress, "bind address must not be null");
        String hosts = initialHosts.stream().map(JGroupsStack::jgroupsHost).collect(Collectors.joining(","));
        return new JGroupsStack("TCP " + bindAddress + ":" + bindPort + " (+" + portRange + "), initial hosts "
            + hosts, """
            <config xmlns="urn:org:jgroups">
              <io.clusterkv.cluster.internal.BackgroundCloseTcp bind_addr="%s" bind_port="%d" port_range="%d"
                   thread_naming_pattern="cl" non_blocking_sends="true" max_send_queue="512" sock_conn_timeout="300" tcp_nodelay="true"/>
              <TCPPING initial_hosts="%s" port_range="%d"/>
              <MERGE3 min_interval="2000" max_interval="5000"/>
              <FD_SOCK2/>
              <FD_ALL3 timeout="6000" interval="1500"/>
              <VERIFY_SUSPECT timeout="1000"/>
            """.formatted(bindAddress, bindPort, portRange, hosts, portRange) + ORDERING.formatted(2000));
    }

    /**
     * TCP between nodes that find each other by resolving a DNS name (DNS_PING): the A records of a Kubernetes
     * headless service, for instance.
     *
     * @param bindAddress the address to listen on
     * @param bindPort    the port (all members use the same one)
     * @param portRange   how many ports above {@code bindPort} to try
     * @param dnsQuery    the name whose A records are the members
     */
    public static JGroupsStack dns(String bindAddress, int bindPort, int portRange, String dnsQuery) {
        Objects.requireNonNull(dnsQuery, "DNS query must not be null");
        return new JGroupsStack("TCP " + bindAddress + ":" + bindPort + ", members from DNS " + dnsQuery, """
            <config xmlns="urn:org:jgroups">
              <io.clusterkv.cluster.internal.BackgroundCloseTcp bind_addr="%s" bind_port="%d" port_range="%d"
                   thread_naming_pattern="cl" non_blocking_sends="true" max_send_queue="512" sock_conn_timeout="300" tcp_nodelay="true"/>
              <dns.DNS_PING dns_query="%s" dns_record_type="A"/>
              <MERGE3 min_interval="2000" max_interval="5000"/>
              <FD_SOCK2/>
              <FD_ALL3 timeout="6000" interval="1500"/>
              <VERIFY_SUSPECT timeout="1000"/>
            """.formatted(bindAddress, bindPort, portRange, dnsQuery) + ORDERING.formatted(2000));
    }

    /**
     * UDP with IP multicast discovery and delivery, for networks that allow it.
     *
     * @param bindAddress    the interface to use
     * @param bindPort       the unicast port
     * @param multicastGroup the multicast address, e.g. 228.8.8.8
     * @param multicastPort  the multicast port
     */
    public static JGroupsStack udp(String bindAddress, int bindPort, String multicastGroup, int multicastPort) {
        return new JGroupsStack("UDP " + bindAddress + ":" + bindPort + ", multicast " + multicastGroup + ":"
            + multicastPort, """
            <config xmlns="urn:org:jgroups">
              <UDP bind_addr="%s" bind_port="%d" mcast_addr="%s" mcast_port="%d" ip_ttl="2"/>
              <PING/>
              <MERGE3 min_interval="2000" max_interval="5000"/>
              <FD_SOCK2/>
              <FD_ALL3 timeout="6000" interval="1500"/>
              <VERIFY_SUSPECT timeout="1000"/>
            """.formatted(bindAddress, bindPort, multicastGroup, multicastPort)
            + ORDERING.replace("use_mcast_xmit=\"false\"", "use_mcast_xmit=\"true\"").formatted(2000));
    }

    /**
     * A stack from the user's JGroups XML. It must contain SEQUENCER; the protocol that tells the application which
     * member ordered a message is added below it if the XML does not name it.
     */
    public static JGroupsStack fromXml(String description, String xml) {
        return new JGroupsStack(description, Objects.requireNonNull(xml, "xml must not be null"));
    }

    /**
     * @return a stack read from a JGroups XML file
     * @throws KvException if the file cannot be read
     */
    public static JGroupsStack fromFile(Path file) {
        try {
            return fromXml(file.toString(), Files.readString(file));
        } catch (java.io.IOException failure) {
            throw new KvException("cannot read JGroups configuration " + file + ": " + failure.getMessage(), failure);
        }
    }

    /** @return the XML of this stack */
    public String xml() {
        return xml;
    }

    /**
     * Creates an unconnected channel with this stack.
     *
     * @throws KvException if the stack does not parse or lacks SEQUENCER
     */
    public JChannel newChannel() {
        JChannel channel;
        try (InputStream in = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
            channel = new JChannel(in);
        } catch (Exception failure) {
            throw new KvException("JGroups stack '" + description + "' cannot be built: " + failure.getMessage(),
                failure);
        }
        ProtocolStack stack = channel.getProtocolStack();
        if (stack.findProtocol(SEQUENCER.class) == null) {
            channel.close();
            throw new KvException("JGroups stack '" + description + "' has no SEQUENCER: clusterkv needs it to order "
                + "writes");
        }
        // SEQUENCER's own duplicate filter remembers what each member delivered, so a message re-sent to a new
        // coordinator is dropped by some members and delivered by others: the new coordinator's stream would then
        // differ between replicas. clusterkv de-duplicates by (origin, request id) itself, the same on every replica.
        ((SEQUENCER) stack.findProtocol(SEQUENCER.class)).setDeliveryTableMaxSize(0);
        if (stack.findProtocol(OrdererTag.class) == null) {
            try {
                stack.insertProtocol(new OrdererTag(), ProtocolStack.Position.BELOW, SEQUENCER.class);
            } catch (Exception failure) {
                channel.close();
                throw new KvException("cannot add OrdererTag to stack '" + description + "': " + failure, failure);
            }
        }
        return channel;
    }

    private static String jgroupsHost(String hostAndPort) {
        if (hostAndPort.contains("[")) {
            return hostAndPort;
        }
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0) {
            throw new KvException("initial host '" + hostAndPort + "' must be host[port] or host:port");
        }
        return hostAndPort.substring(0, colon) + "[" + hostAndPort.substring(colon + 1) + "]";
    }

    @Override
    public String toString() {
        return description;
    }
}
