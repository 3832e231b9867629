package io.clusterkv.chaos.checker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that the replicas converged: once faults are healed and writes have stopped, every node reports the same
 * applied index, state digest and entry count. Nodes that differ are named against the largest group of agreeing
 * nodes.
 */
public final class ConvergenceChecker {

    private static final String NAME = "convergence";

    /**
     * @param nodes each node's digest, taken after the cluster settled
     * @return valid if all are equal, invalid otherwise
     * @throws IllegalArgumentException if no node is given, or one node twice
     */
    public Verdict check(List<NodeDigest> nodes) {
        Objects.requireNonNull(nodes, "node digests cannot be null");
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node digest given: convergence needs at least one node");
        }
        requireDistinctNodes(nodes);
        Map<String, List<String>> nodesByState = groupByState(nodes);
        Findings findings = new Findings(NAME);
        findings.count("nodes", nodes.size());
        findings.count("distinct states", nodesByState.size());
        List<Map.Entry<String, List<String>>> groups = new ArrayList<>(nodesByState.entrySet());
        groups.sort(Comparator.comparingInt((Map.Entry<String, List<String>> g) -> g.getValue().size()).reversed());
        Map.Entry<String, List<String>> largest = groups.get(0);
        for (Map.Entry<String, List<String>> group : groups.subList(1, groups.size())) {
            findings.violation(String.join(", ", group.getValue()) + " at " + group.getKey() + " differ from "
                    + String.join(", ", largest.getValue()) + " at " + largest.getKey());
        }
        return findings.verdict(
                "all " + nodes.size() + " node(s) report " + largest.getKey(),
                nodesByState.size() + " different states among " + nodes.size() + " nodes");
    }

    private static void requireDistinctNodes(List<NodeDigest> nodes) {
        Set<String> names = new HashSet<>();
        for (NodeDigest node : nodes) {
            if (!names.add(node.node())) {
                throw new IllegalArgumentException("node " + node.node() + " is given twice");
            }
        }
    }

    private static Map<String, List<String>> groupByState(List<NodeDigest> nodes) {
        Map<String, List<String>> byState = new LinkedHashMap<>();
        for (NodeDigest node : nodes) {
            byState.computeIfAbsent(node.fingerprint(), state -> new ArrayList<>()).add(node.node());
        }
        return byState;
    }
}
