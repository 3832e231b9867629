package io.clusterkv.cluster.internal;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.protocols.SEQUENCER;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;
import org.jspecify.annotations.Nullable;

/**
 * A protocol placed just below SEQUENCER that tells the application, for each ordered message it delivers, which
 * member ordered it and in which view. SEQUENCER hands the application the original sender only; after a
 * coordinator change, messages the old coordinator ordered can still be in delivery while the new one already
 * orders, and a member can be coordinator again later (after a merge), so the application needs both facts to tell
 * a late message of an old order from an early message of a new one (see docs/design/replication.md).
 *
 * <p>A view change passes up only once every delivery that started under the previous view has returned from the
 * application (a read-write lock), so a message tagged with a view is always seen by the application before that
 * view is replaced. The answers are thread-locals, valid during the delivery: SEQUENCER and the protocols above it
 * deliver on the calling thread.
 */
public final class OrdererTag extends Protocol {
    private static final ThreadLocal<Address> ORDERER = new ThreadLocal<>();
    private static final ThreadLocal<ViewId> VIEW = new ThreadLocal<>();

    private final ReadWriteLock deliveries = new ReentrantReadWriteLock();
    private volatile @Nullable ViewId view;
    private short sequencerId;

    /** @return the member that ordered the message being delivered on this thread, or null if it is not ordered */
    public static @Nullable Address current() {
        return ORDERER.get();
    }

    /** @return the view in force when the message being delivered on this thread came up, or null */
    public static @Nullable ViewId currentView() {
        return VIEW.get();
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
    public Object up(Event event) {
        if (event.getType() != Event.VIEW_CHANGE) {
            return up_prot.up(event);
        }
        deliveries.writeLock().lock();
        try {
            view = ((View) event.getArg()).getViewId();
            return up_prot.up(event);
        } finally {
            deliveries.writeLock().unlock();
        }
    }

    @Override
    public Object up(Message msg) {
        if (msg.getDest() != null || msg.getHeader(sequencerId) == null) {
            return up_prot.up(msg);
        }
        deliveries.readLock().lock();
        try {
            ORDERER.set(msg.getSrc());
            VIEW.set(view);
            return up_prot.up(msg);
        } finally {
            ORDERER.remove();
            VIEW.remove();
            deliveries.readLock().unlock();
        }
    }

    @Override
    public void up(MessageBatch batch) {
        if (batch.dest() != null) {
            up_prot.up(batch);
            return;
        }
        deliveries.readLock().lock();
        try {
            ORDERER.set(batch.sender());
            VIEW.set(view);
            up_prot.up(batch);
        } finally {
            ORDERER.remove();
            VIEW.remove();
            deliveries.readLock().unlock();
        }
    }
}
