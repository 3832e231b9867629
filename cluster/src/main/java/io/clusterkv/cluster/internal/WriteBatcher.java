package io.clusterkv.cluster.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Gathers the commands of concurrent callers into one message of the ordered stream. One thread takes whatever has
 * queued up while the previous message was being sent, up to a count and a size, so batches grow with load and a
 * lone write still leaves at once. The total order costs per message, not per command, which is where replicated
 * write throughput comes from.
 */
final class WriteBatcher {

    /** One encoded command and its request id. */
    record Outgoing(long requestId, byte[] command) {
    }

    private static final Outgoing STOP = new Outgoing(-1, new byte[0]);

    private final LinkedBlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    private final int maxCommands;
    private final int maxBytes;
    private final Consumer<List<Outgoing>> sender;
    private final Thread thread;

    /**
     * @param sender sends one batch; called from the batcher's thread only
     */
    WriteBatcher(String name, int maxCommands, int maxBytes, Consumer<List<Outgoing>> sender) {
        this.maxCommands = maxCommands;
        this.maxBytes = maxBytes;
        this.sender = sender;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void enqueue(long requestId, byte[] command) {
        queue.add(new Outgoing(requestId, command));
    }

    /** Sends what is queued, then stops. */
    void stop() throws InterruptedException {
        queue.add(STOP);
        thread.join(10_000);
    }

    private void run() {
        List<Outgoing> batch = new ArrayList<>(maxCommands);
        try {
            while (true) {
                Outgoing first = queue.take();
                if (first == STOP) {
                    return;
                }
                batch.add(first);
                int bytes = first.command().length;
                boolean stopping = false;
                while (batch.size() < maxCommands && bytes < maxBytes) {
                    Outgoing next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (next == STOP) {
                        stopping = true;
                        break;
                    }
                    batch.add(next);
                    bytes += next.command().length;
                }
                sender.accept(List.copyOf(batch));
                batch.clear();
                if (stopping) {
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
