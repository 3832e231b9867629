package io.clusterkv.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of a node, declared once: the loader, {@code --help} and docs/configuration.md are all made from
 * this list.
 */
public final class Settings {
    /** A config file (only as a flag or environment variable). */
    public static final Setting<Path> CONFIG = Setting.file("config",
        "A settings file in Java properties format (key = value); flags and environment variables override it.");
    /** The cluster to join. */
    public static final Setting<String> CLUSTER_NAME = Setting.text("cluster-name", "clusterkv",
        "The cluster to join: nodes with the same cluster name that can reach each other form one cluster.");
    /** This node's name. */
    public static final Setting<String> NODE_NAME = Setting.text("node-name", "node-<resp-port>",
        "This node's name in views, logs and metrics (default: node- and the RESP port on a loopback address, "
            + "else the host name).");
    /** The address to listen on. */
    public static final Setting<String> BIND = Setting.address("bind", "127.0.0.1",
        "The address every endpoint listens on (RESP, HTTP and cluster traffic). Anything but a loopback address "
            + "exposes the node to a network.");
    /** Transport between nodes. */
    public static final Setting<Transport> TRANSPORT = Setting.choice("transport", Transport.class, "tcp",
        "How nodes find each other: tcp (a list of initial hosts), udp (IP multicast) or dns (a DNS name, e.g. a "
            + "Kubernetes headless service).");
    /** First JGroups port. */
    public static final Setting<Integer> JGROUPS_PORT = Setting.port("jgroups-port", "7800", false,
        "The first port for cluster traffic; if taken, the next free one up to jgroups-port-range above it.");
    /** JGroups port range. */
    public static final Setting<Integer> JGROUPS_PORT_RANGE = Setting.count("jgroups-port-range", "10", 0, 1000,
        "How many ports above jgroups-port a node may take, and probes on each initial host.");
    /** Initial hosts for TCP discovery. */
    public static final Setting<List<String>> INITIAL_HOSTS = Setting.list("initial-hosts",
        "<bind>:<jgroups-port>",
        "Members to contact at start (tcp transport), as host:port; each is probed up to jgroups-port-range "
            + "ports up. The default finds every node on this machine.");
    /** Multicast group for UDP. */
    public static final Setting<String> MULTICAST_ADDRESS = Setting.address("multicast-address", "228.8.8.8",
        "The IP multicast group (udp transport).");
    /** Multicast port for UDP. */
    public static final Setting<Integer> MULTICAST_PORT = Setting.port("multicast-port", "45588", false,
        "The IP multicast port (udp transport).");
    /** DNS name for discovery. */
    public static final Setting<String> DNS_QUERY = Setting.text("dns-query", "",
        "The DNS name whose A records are the members (dns transport), e.g. "
            + "clusterkv.default.svc.cluster.local.");
    /** A user's JGroups XML. */
    public static final Setting<Path> JGROUPS_CONFIG = Setting.file("jgroups-config",
        "A JGroups XML stack to use instead of the one made from transport and ports; it must contain SEQUENCER.");
    /** RESP port. */
    public static final Setting<Integer> RESP_PORT = Setting.port("resp-port", "6379", true,
        "The Redis protocol (RESP) port.");
    /** HTTP port. */
    public static final Setting<Integer> HTTP_PORT = Setting.port("http-port", "8080", true,
        "The HTTP port (JSON API, /cluster, /metrics, /health).");
    /** Write timeout. */
    public static final Setting<Duration> WRITE_TIMEOUT = Setting.duration("write-timeout", "5s", false,
        "How long a write waits to be confirmed before it is reported as having an unknown outcome.");
    /** Join timeout. */
    public static final Setting<Duration> JOIN_TIMEOUT = Setting.duration("join-timeout", "60s", false,
        "How long a starting node waits to receive the cluster's state before it gives up.");
    /** Largest key. */
    public static final Setting<Long> MAX_KEY_BYTES = Setting.bytes("max-key-bytes", "64KiB",
        "The largest key accepted, in UTF-8 bytes.");
    /** Largest value. */
    public static final Setting<Long> MAX_VALUE_BYTES = Setting.bytes("max-value-bytes", "8MiB",
        "The largest value accepted (RESP bulk string, HTTP JSON value, serialized Java value).");
    /** Largest request. */
    public static final Setting<Long> MAX_REQUEST_BYTES = Setting.bytes("max-request-bytes", "16MiB",
        "The largest request accepted: an HTTP body, or all arguments of one RESP command.");
    /** Expiry sweep interval. */
    public static final Setting<Duration> SWEEP_INTERVAL = Setting.duration("sweep-interval", "250ms", true,
        "How often the coordinator removes expired keys nobody read.");
    /** Expected cluster size. */
    public static final Setting<Integer> EXPECTED_SIZE = Setting.count("expected-size", "0", 0, 1000,
        "How many nodes the cluster is meant to have (0: not set).");
    /** Kryo registrations. */
    public static final Setting<List<String>> KRYO_CLASSES = Setting.list("kryo-classes", "",
        "Fully qualified names of value classes to register for replication (they must be on the class path); "
            + "every node must list the same.");
    /** RESP password. */
    public static final Setting<String> RESP_PASSWORD = Setting.secret("resp-password",
        "A password RESP clients must give with AUTH before any other command (as Redis requirepass).");
    /** HTTP bearer token. */
    public static final Setting<String> HTTP_TOKEN = Setting.secret("http-token",
        "A token HTTP clients must send as 'Authorization: Bearer <token>' (health checks excepted).");
    /** Cluster secret. */
    public static final Setting<String> CLUSTER_SECRET = Setting.secret("cluster-secret",
        "A secret every member shares (at least 16 characters): it encrypts and authenticates all cluster traffic, "
            + "so a node without it cannot join, read values or inject writes. Prefer cluster-secret-file or the "
            + "environment variable to a flag, which other users of the machine can see.");
    /** File holding the cluster secret. */
    public static final Setting<Path> CLUSTER_SECRET_FILE = Setting.file("cluster-secret-file",
        "A file holding the cluster secret (its first line), instead of cluster-secret.");
    /** TLS certificate. */
    public static final Setting<Path> TLS_CERT_FILE = Setting.file("tls-cert-file",
        "A PEM file with the server's certificate chain: with tls-key-file, the endpoints in tls-endpoints serve "
            + "TLS only.");
    /** TLS private key. */
    public static final Setting<Path> TLS_KEY_FILE = Setting.file("tls-key-file",
        "The PEM file with the private key of tls-cert-file, in PKCS#8 form (BEGIN PRIVATE KEY), unencrypted.");
    /** Endpoints that serve TLS. */
    public static final Setting<List<String>> TLS_ENDPOINTS = Setting.list("tls-endpoints", "resp,http",
        "Which endpoints serve TLS when a certificate is set: resp, http or both.");
    /** Most connections per endpoint. */
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.count("max-connections", "10000", 1, 1_000_000,
        "The most open connections each endpoint (RESP, HTTP) accepts; one more is answered with an error and "
            + "closed (as Redis maxclients).");
    /** RESP idle timeout. */
    public static final Setting<Duration> RESP_IDLE_TIMEOUT = Setting.duration("resp-idle-timeout", "0", true,
        "How long a RESP connection may stay silent before the node closes it (0: never, as Redis' timeout 0; "
            + "connection pools keep idle connections).");
    /** HTTP idle timeout. */
    public static final Setting<Duration> HTTP_IDLE_TIMEOUT = Setting.duration("http-idle-timeout", "60s", true,
        "How long an HTTP connection may stay silent, idle or halfway through a request, before the node closes "
            + "it (0: never).");

    /** Protected mode. */
    public static final Setting<Boolean> PROTECTED_MODE = Setting.flag("protected-mode", "true",
        "Refuse to start on a non-loopback bind address unless RESP has a password, HTTP a token and cluster "
            + "traffic a secret (or the JGroups XML its own encryption); false runs exposed and unauthenticated.");

    /** Partition policy. */
    public static final Setting<PartitionPolicySetting> PARTITION_POLICY = Setting.choice("partition-policy",
        PartitionPolicySetting.class, "auto", "What a split cluster does: majority (only the part holding a "
            + "majority of the members writes; writes are acknowledged once a majority has them), allow-all (every "
            + "part writes; on the merge the largest part's state wins), none (no quorum, as allow-all); auto is "
            + "majority when expected-size is set, else none.");
    /** Minority reads. */
    public static final Setting<Boolean> MINORITY_READS = Setting.flag("minority-reads", "true",
        "Whether a part of the cluster without quorum still serves reads (possibly stale) under the majority "
            + "policy.");

    /** Log level. */
    public static final Setting<LogLevel> LOG_LEVEL = Setting.choice("log-level", LogLevel.class, "info",
        "How much the node logs (JGroups logs its warnings and errors only).");

    /** Every setting, in the order they are documented. */
    public static final List<Setting<?>> ALL = List.of(CONFIG, CLUSTER_NAME, NODE_NAME, BIND, TRANSPORT,
        JGROUPS_PORT, JGROUPS_PORT_RANGE, INITIAL_HOSTS, MULTICAST_ADDRESS, MULTICAST_PORT, DNS_QUERY, JGROUPS_CONFIG,
        RESP_PORT, HTTP_PORT, WRITE_TIMEOUT, JOIN_TIMEOUT, MAX_KEY_BYTES, MAX_VALUE_BYTES, MAX_REQUEST_BYTES,
        SWEEP_INTERVAL, EXPECTED_SIZE, KRYO_CLASSES, RESP_PASSWORD, HTTP_TOKEN,
        CLUSTER_SECRET, CLUSTER_SECRET_FILE, TLS_CERT_FILE, TLS_KEY_FILE, TLS_ENDPOINTS, MAX_CONNECTIONS,
        RESP_IDLE_TIMEOUT, HTTP_IDLE_TIMEOUT, PROTECTED_MODE, PARTITION_POLICY, MINORITY_READS, LOG_LEVEL);

    private Settings() {
    }
}
