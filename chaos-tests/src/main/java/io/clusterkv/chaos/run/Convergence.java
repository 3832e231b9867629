package io.clusterkv.chaos.run;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterkv.chaos.checker.ConvergenceChecker;
import io.clusterkv.chaos.checker.NodeDigest;
import io.clusterkv.chaos.checker.Validity;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.RunClock;
import io.clusterkv.chaos.nemesis.ChaosCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The replicas' agreement once writes have stopped: every member ready and reporting the same applied index, state
 * digest and entry count. {@link #awaitAgreement} polls until they agree, and keeps the last sample either way.
 *
 * @param digests      the last state reported by each member that answered ready
 * @param unanswered   the members that did not answer {@code /cluster} as ready in the last sample
 * @param reachedNanos when they first agreed, on the run's clock; null if they did not in time
 */
record Convergence(List<NodeDigest> digests, List<String> unanswered, @Nullable Long reachedNanos) {
    private static final Duration POLL = Duration.ofMillis(100);

    Convergence {
        digests = List.copyOf(digests);
        unanswered = List.copyOf(unanswered);
    }

    static Convergence awaitAgreement(ChaosCluster cluster, Duration timeout, RunClock clock) {
        AtomicReference<Convergence> last = new AtomicReference<>(new Convergence(List.of(), cluster.members(), null));
        try {
            await("replicas converged").atMost(timeout).pollInterval(POLL).pollDelay(Duration.ZERO).until(() -> {
                Convergence sample = sample(cluster);
                last.set(sample);
                return sample.agree();
            });
            Convergence agreed = last.get();
            return new Convergence(agreed.digests, agreed.unanswered, clock.nanosSinceStart());
        } catch (ConditionTimeoutException notConverged) {
            return last.get();
        }
    }

    /** @return the convergence checker's verdict, or an invalid one naming the members that did not answer */
    Verdict verdict() {
        if (unanswered.isEmpty()) {
            return new ConvergenceChecker().check(digests);
        }
        List<String> problems = new ArrayList<>();
        problems.add(unanswered + " did not answer /cluster as ready after the run");
        digests.forEach(digest -> problems.add(digest.node() + " at index " + digest.appliedIndex() + ", digest "
                + Long.toHexString(digest.digest()) + ", " + digest.entries() + " entries"));
        return new Verdict("convergence", Validity.INVALID, unanswered.size() + " of "
                + (unanswered.size() + digests.size()) + " node(s) did not report their state",
                Map.of("nodes", (long) (unanswered.size() + digests.size()), "violations", (long) unanswered.size()),
                problems);
    }

    private boolean agree() {
        if (!unanswered.isEmpty() || digests.isEmpty()) {
            return false;
        }
        NodeDigest first = digests.get(0);
        return digests.stream().allMatch(digest -> digest.appliedIndex() == first.appliedIndex()
                && digest.digest() == first.digest() && digest.entries() == first.entries());
    }

    private static Convergence sample(ChaosCluster cluster) {
        List<NodeDigest> digests = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (String node : cluster.members()) {
            JsonNode status = cluster.status(node);
            if (status == null || !status.get("ready").asBoolean()) {
                unanswered.add(node);
            } else {
                digests.add(new NodeDigest(node, status.get("applied_index").asLong(),
                        Long.parseUnsignedLong(status.get("digest").asText(), 16), status.get("entries").asLong()));
            }
        }
        return new Convergence(digests, unanswered, null);
    }
}
