package io.clusterkv.node.http;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.ClusterView;
import io.clusterkv.cluster.StateDigest;
import io.clusterkv.node.NodeContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The node's own routes: its view of the cluster, its metrics and its health. */
final class NodeHandlers {
    /** The Prometheus text exposition format, as Prometheus asks for it. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final NodeContext context;

    NodeHandlers(NodeContext context) {
        this.context = context;
    }

    /** 200 as long as the process serves requests at all. */
    CompletionStage<Reply> live(HttpCall call) {
        return now(Reply.ok(Map.of("status", "live")));
    }

    /** 200 once the node has joined and holds the current state; 503 while it loads or re-synchronizes. */
    CompletionStage<Reply> ready(HttpCall call) {
        ClusterNode node = context.cluster();
        if (node == null || !node.isReady()) {
            throw HttpError.unavailable("node is not ready: it has not joined the cluster or does not hold the "
                + "current state yet");
        }
        return now(Reply.ok(Map.of("status", "ready")));
    }

    /** Members, coordinator, this node, readiness, view id, and the replica's applied index and digest. */
    CompletionStage<Reply> cluster(HttpCall call) {
        ClusterNode node = context.cluster();
        if (node == null) {
            throw HttpError.unavailable(KvHandlers.LOADING);
        }
        ClusterView view = node.view();
        StateDigest digest = node.digest();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("self", view.self());
        body.put("coordinator", view.coordinator());
        body.put("members", view.members());
        body.put("ready", view.ready());
        body.put("quorum", view.quorum());
        body.put("policy", view.policy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        body.put("stable_members", view.stableMembers());
        body.put("view_id", view.viewId());
        body.put("applied_index", digest.appliedIndex());
        // A string: JSON numbers lose precision beyond 2^53 in most clients, and replicas are compared exactly.
        body.put("digest", String.format("%016x", digest.digest()));
        body.put("entries", digest.entries());
        return now(Reply.ok(body));
    }

    CompletionStage<Reply> metrics(HttpCall call) {
        return now(Reply.text(PROMETHEUS_TEXT, context.metrics().scrape()));
    }

    private static CompletionStage<Reply> now(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
