package io.clusterkv.chaos.net;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/** What the root network namespace holds, read with {@code ip}. */
final class RootNamespace {
    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");

    private RootNamespace() {
    }

    /** @return the names of the named network namespaces ({@code ip netns list}) */
    static List<String> namespaces() {
        List<String> names = new ArrayList<>();
        for (String line : Commands.run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** @return the names of the links of the root namespace, without their {@code @peer} suffix */
    static List<String> links() {
        List<String> names = new ArrayList<>();
        for (String line : Commands.run("ip", "-o", "link", "show").split("\n")) {
            String[] fields = line.split(": ", 3);
            if (fields.length >= 2) {
                names.add(fields[1].split("@", 2)[0]);
            }
        }
        return names;
    }

    /** @return the process ids running in a named namespace */
    static List<Long> pidsIn(String namespace) {
        List<Long> pids = new ArrayList<>();
        for (String line : Commands.run("ip", "netns", "pids", namespace).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    /**
     * The third octets X for which 10.77.X.0/24 or 10.78.X.0/24 overlaps an address or a route of the root
     * namespace. Prefixes shorter than /16 (the default route, a 10.0.0.0/8 of a VPN) are ignored: a lab's /24 is
     * more specific than they are.
     */
    static BitSet netsInUse() {
        BitSet used = new BitSet(256);
        for (String line : Commands.run("ip", "-4", "-o", "addr", "show").split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length > 3 && fields[2].equals("inet")) {
                markUsed(fields[3], used);
            }
        }
        for (String line : Commands.run("ip", "-4", "route", "show", "table", "all").split("\n")) {
            String[] fields = line.strip().split("\\s+");
            int at = fields.length > 1 && ROUTE_TYPES.contains(fields[0]) ? 1 : 0;
            if (!fields[at].isEmpty() && !fields[at].equals("default")) {
                markUsed(fields[at], used);
            }
        }
        return used;
    }

    private static void markUsed(String cidr, BitSet used) {
        String[] parts = cidr.split("/", 2);
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4 || !octets[0].equals("10") || !(octets[1].equals("77") || octets[1].equals("78"))) {
            return;
        }
        int length = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        if (length < 16) {
            return;
        }
        int span = length >= 24 ? 1 : 1 << (24 - length);
        int first = Integer.parseInt(octets[2]) & ~(span - 1);
        used.set(first, first + span);
    }
}
