package io.clusterkv.chaos.net;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names and addresses of one lab, shared with {@code chaos-tests/scripts/netns-lib.sh}: everything a lab makes
 * starts with {@code ck-<run>-}, so a later run finds and removes what a crashed one left. Interface names stay
 * within Linux's 15 characters.
 *
 * @param runId 6 characters [a-z0-9], unique among the labs on this machine
 * @param net   the third octet of the lab's networks 10.77.net.0/24 (data) and 10.78.net.0/24 (management)
 */
record LabNames(String runId, int net) {
    static final int MAX_NODES = 99;
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{6}");
    private static final Pattern OWNED = Pattern.compile("ck-([a-z0-9]{6})-.*");

    LabNames {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 6 characters [a-z0-9], was '" + runId + "'");
        }
        if (net < 0 || net > 255) {
            throw new IllegalArgumentException("net must be an octet (0 to 255), was " + net);
        }
    }

    /** @return the run id of a namespace or link a lab made, if {@code name} is one */
    static Optional<String> ownerOf(String name) {
        Matcher matcher = OWNED.matcher(name);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static boolean isRunId(String text) {
        return RUN_ID.matcher(text).matches();
    }

    String prefix() {
        return "ck-" + runId + "-";
    }

    String namespace(int node) {
        return prefix() + "n" + node;
    }

    /** The root end of node's data veth; the other end is {@code data0} in its namespace. */
    String dataLink(int node) {
        return prefix() + "d" + node;
    }

    /** The root end of node's management veth; the other end is {@code mgmt0} in its namespace. */
    String managementLink(int node) {
        return prefix() + "m" + node;
    }

    String dataBridge() {
        return prefix() + "data";
    }

    String managementBridge() {
        return prefix() + "mgmt";
    }

    /** The bridge of the {@code side}-th side of a partition (counted from 1), unless it is the main one. */
    String sideBridge(int side) {
        return prefix() + "s" + side;
    }

    String dataAddress(int node) {
        return "10.77." + net + "." + node;
    }

    String managementAddress(int node) {
        return "10.78." + net + "." + node;
    }

    String rootAddress() {
        return "10.78." + net + ".254";
    }
}
