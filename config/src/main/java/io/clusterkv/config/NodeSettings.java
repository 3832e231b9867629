package io.clusterkv.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of one node. Built by {@link SettingsLoader} from defaults, a file, environment variables
 * and flags; each component is documented on its {@link Settings} entry.
 *
 * @param clusterName      the cluster to join
 * @param nodeName         this node's name
 * @param bindAddress      the address every endpoint listens on
 * @param transport        how nodes find each other
 * @param jgroupsPort      the first port for cluster traffic
 * @param jgroupsPortRange how many ports above it may be taken or probed
 * @param initialHosts     members to contact at start, host:port (tcp)
 * @param multicastAddress the multicast group (udp)
 * @param multicastPort    the multicast port (udp)
 * @param dnsQuery         the DNS name listing the members (dns), or null
 * @param jgroupsConfig    a user's JGroups XML, or null
 * @param respPort         the RESP port, 0 for none
 * @param httpPort         the HTTP port, 0 for none
 * @param writeTimeout     how long a write waits for its confirmation
 * @param joinTimeout      how long a starting node waits for the state
 * @param maxKeyBytes      the largest key
 * @param maxValueBytes    the largest value
 * @param maxRequestBytes  the largest request
 * @param sweepInterval    how often expired keys are swept (zero: never)
 * @param expectedSize     the intended number of nodes, 0 if not set
 * @param kryoClasses      value classes to register for replication
 * @param respPassword     the RESP password, or null
 * @param httpToken        the HTTP bearer token, or null
 * @param clusterSecret    the secret that encrypts cluster traffic, or null for plain traffic
 * @param tls              the certificate and key the client endpoints serve TLS with, or null for none
 * @param maxConnections   the most open connections per endpoint
 * @param respIdleTimeout  how long a silent RESP connection stays open (zero: forever)
 * @param httpIdleTimeout  how long a silent HTTP connection stays open (zero: forever)
 * @param partitionPolicy  what a split cluster does
 * @param minorityReads    whether a part without quorum serves reads
 * @param logLevel         how much the node logs
 */
public record NodeSettings(String clusterName, String nodeName, String bindAddress, Transport transport,
                           int jgroupsPort, int jgroupsPortRange, List<String> initialHosts, String multicastAddress,
                           int multicastPort, @Nullable String dnsQuery, @Nullable Path jgroupsConfig, int respPort,
                           int httpPort, Duration writeTimeout, Duration joinTimeout, long maxKeyBytes,
                           long maxValueBytes, long maxRequestBytes, Duration sweepInterval, int expectedSize,
                           List<String> kryoClasses, @Nullable String respPassword, @Nullable String httpToken,
                           @Nullable String clusterSecret, @Nullable Tls tls, int maxConnections,
                           Duration respIdleTimeout, Duration httpIdleTimeout,
                           PartitionPolicySetting partitionPolicy, boolean minorityReads, LogLevel logLevel) {

    /** @return whether the bind address is a loopback address, so nothing is reachable from a network */
    public boolean loopbackOnly() {
        try {
            return java.net.InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (java.net.UnknownHostException unknown) {
            return false;
        }
    }

    /**
     * The TLS set-up of the client endpoints.
     *
     * @param certificateFile the PEM certificate chain
     * @param keyFile         the PEM PKCS#8 private key
     * @param resp            whether the RESP endpoint serves TLS
     * @param http            whether the HTTP endpoint serves TLS
     */
    public record Tls(Path certificateFile, Path keyFile, boolean resp, boolean http) {
    }

    @Override
    public String toString() {
        // Secrets never reach a log line.
        return "NodeSettings[cluster " + clusterName + ", node " + nodeName + ", bind " + bindAddress + ", "
            + transport.name().toLowerCase(java.util.Locale.ROOT) + " on " + jgroupsPort + "(+" + jgroupsPortRange
            + "), resp " + respPort + ", http " + httpPort + ", expected size " + expectedSize
            + (respPassword != null ? ", RESP password set" : "") + (httpToken != null ? ", HTTP token set" : "")
            + (clusterSecret != null ? ", cluster secret set" : "")
            + (tls != null ? ", TLS on" + (tls.resp() ? " resp" : "") + (tls.http() ? " http" : "") : "")
            + "]";
    }
}
