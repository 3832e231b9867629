package io.clusterkv.cluster.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jgroups.Address;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.TCP;

/**
 * JGroups' TCP transport, except that connections to members a new view dropped are closed on a thread of their
 * own rather than on the thread installing the view.
 *
 * <p>TCP closes such a connection gracefully: it writes a close marker on the socket. When this member kept
 * sending to a peer that a partition cut off, that socket's send window is full and the write blocks until the
 * network heals, and the view that excludes the peer was not installed until then (the chaos suite saw the side
 * that kept writing learn of the split only at the heal). Nothing waits for the close to finish: the view is in
 * place without it, and a member that comes back gets a new connection.
 */
public class BackgroundCloseTcp extends TCP {
    private final ExecutorService closer = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "clusterkv-tcp-close");
        thread.setDaemon(true);
        return thread;
    });

    /** Takes TCP's protocol id, so that its headers are those of the TCP transport on every member. */
    public BackgroundCloseTcp() {
        setId(ClassConfigurator.getProtocolId(TCP.class));
    }

    @Override
    public void retainAll(Collection<Address> members) {
        List<Address> keep = List.copyOf(members);
        closer.execute(() -> super.retainAll(keep));
    }

    @Override
    public void destroy() {
        closer.shutdown();
        super.destroy();
    }
}
