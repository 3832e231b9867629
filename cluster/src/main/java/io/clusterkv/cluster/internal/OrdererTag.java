package io.clusterkv.cluster.internal;

import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.protocols.SEQUENCER;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;
import org.jspecify.annotations.Nullable;

/**
 * A protocol placed just below SEQUENCER that tells the application which member ordered the message being
 * delivered. SEQUENCER hands the application the original sender only; after a coordinator change, messages the old
 * coordinator ordered can still be in delivery while the new one already orders, so the application has to know
 * whose order a message belongs to in order to reconcile (see docs/design/replication.md). The answer is kept in a
 * thread-local for the duration of the delivery: SEQUENCER and the protocols above it deliver on the calling thread.
 */
public final class OrdererTag extends Protocol {
    private static final ThreadLocal<Address> ORDERER = new ThreadLocal<>();

    private short sequencerId;

    /** @return the member that ordered the message being delivered on this thread, or null if it is not ordered */
    public static @Nullable Address current() {
        return ORDERER.get();
    }

    @Override
    public void init() throws Exception {
        super.init();
        Protocol sequencer = getProtocolStack().findProtocol(SEQUENCER.class);
        if (sequencer == null) {
            throw new IllegalStateException("OrdererTag needs SEQUENCER above it in the stack");
        }
        sequencerId = sequencer.getId();
    }

    @Override
    public Object up(Message msg) {
        if (msg.getDest() != null || msg.getHeader(sequencerId) == null) {
            return up_prot.up(msg);
        }
        Address previous = ORDERER.get();
        ORDERER.set(msg.getSrc());
        try {
            return up_prot.up(msg);
        } finally {
            ORDERER.set(previous);
        }
    }

    @Override
    public void up(MessageBatch batch) {
        if (batch.dest() != null) {
            up_prot.up(batch);
            return;
        }
        Address previous = ORDERER.get();
        ORDERER.set(batch.sender());
        try {
            up_prot.up(batch);
        } finally {
            ORDERER.set(previous);
        }
    }
}
