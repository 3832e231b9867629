package io.clusterkv.config;

/** How nodes find and talk to each other. */
public enum Transport {
    /** TCP, finding members through a list of initial hosts (TCPPING). */
    TCP,
    /** UDP with IP multicast discovery and delivery. */
    UDP,
    /** TCP, finding members through a DNS name (DNS_PING), e.g. a Kubernetes headless service. */
    DNS
}
