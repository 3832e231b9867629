package io.clusterkv.cluster.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;

/*
 * Majority acknowledgement. Every member tells the others how far it has applied the ordered stream; a batch is
 * committed once a quorum of the stable membership (among the members of the current view) has applied it. This
 * node's writes wait here, already applied locally, until their batch is committed; only then does the caller get
 * its answer. A committed batch is on a majority, and every later majority shares at least one member with it, so
 * the reconciliation after a coordinator change (which adopts the longest stream of the members present) keeps it.
 *
 * Positions are kept per incarnation (JGroups address), not per name: a restarted node must not be credited with
 * what its previous incarnation had applied.
 */

/** Which of this node's writes are applied on a quorum, from the applied positions members report. */
final class CommitTracker {

    /** A write of this node, applied here at {@code index}, whose caller waits for the commit. */
    record Awaiting(long index, PendingWrites.Pending pending, Object result) {
    }

    private final Map<Address, Long> appliedBy = new HashMap<>();
    private final ArrayDeque<Awaiting> awaiting = new ArrayDeque<>();
    private long commitIndex;

    /** Records a member's applied position; returns the writes this commits. */
    synchronized List<Awaiting> reported(Address member, long appliedIndex, Collection<Address> voters,
                                         int needed) {
        appliedBy.merge(member, appliedIndex, Math::max);
        return advance(voters, needed);
    }

    /** Queues a write applied here; returns it at once if its batch is already committed. */
    synchronized List<Awaiting> await(Awaiting write) {
        if (write.index() <= commitIndex) {
            return List.of(write);
        }
        awaiting.addLast(write);
        return List.of();
    }

    /** Recomputes the commit after the voters changed (a view or the membership); returns what it commits. */
    synchronized List<Awaiting> votersChanged(Collection<Address> voters, int needed) {
        appliedBy.keySet().retainAll(voters);
        return advance(voters, needed);
    }

    /**
     * Forgets the positions others reported: this node now follows another lineage, where they may mean other
     * batches. Waiting writes stay: a reconciled stream contains every batch this node had applied.
     */
    synchronized void lineageChanged() {
        appliedBy.clear();
    }

    /** Takes every waiting write (this node's state is being replaced: their outcome is unknown). */
    synchronized List<Awaiting> drain() {
        List<Awaiting> all = new ArrayList<>(awaiting);
        awaiting.clear();
        return all;
    }

    synchronized long commitIndex() {
        return commitIndex;
    }

    private List<Awaiting> advance(Collection<Address> voters, int needed) {
        List<Long> positions = new ArrayList<>(voters.size());
        for (Address voter : voters) {
            Long applied = appliedBy.get(voter);
            if (applied != null) {
                positions.add(applied);
            }
        }
        if (needed <= 0 || positions.size() < needed) {
            return List.of();
        }
        positions.sort((a, b) -> Long.compare(b, a));
        commitIndex = Math.max(commitIndex, positions.get(needed - 1));
        List<Awaiting> committed = new ArrayList<>();
        for (Iterator<Awaiting> it = awaiting.iterator(); it.hasNext(); ) {
            Awaiting write = it.next();
            if (write.index() > commitIndex) {
                break;
            }
            committed.add(write);
            it.remove();
        }
        return committed;
    }
}
