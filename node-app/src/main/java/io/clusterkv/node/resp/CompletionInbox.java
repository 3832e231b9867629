package io.clusterkv.node.resp;

import io.netty.util.concurrent.EventExecutor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands write completions from the cluster's apply thread to one event loop. Waking an event loop is a system
 * call, paid by the thread that applies every write of the cluster; collecting the connections with completed
 * writes here wakes each loop once per burst of completions rather than once per connection.
 */
final class CompletionInbox implements Runnable {
    private final EventExecutor loop;
    private final Queue<RespConnection> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param loop the event loop whose connections it serves */
    CompletionInbox(EventExecutor loop) {
        this.loop = loop;
    }

    /** Called from any thread: the connection has replies ready to send. */
    void offer(RespConnection connection) {
        ready.offer(connection);
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
            }
        }
    }

    /** On the event loop: sends the ready replies of every connection offered so far. */
    @Override
    public void run() {
        // Reset first: a connection offered from now on schedules another run rather than being missed.
        scheduled.set(false);
        for (RespConnection connection = ready.poll(); connection != null; connection = ready.poll()) {
            connection.drainAndFlush();
        }
    }
}
