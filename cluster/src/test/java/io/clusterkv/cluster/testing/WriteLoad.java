package io.clusterkv.cluster.testing;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.core.KvException;
import io.clusterkv.core.KvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers on several nodes at full speed, recording what was acknowledged: unique keys with their values, and the
 * values increments of a shared counter returned. Failed or unconfirmed writes are counted, not fatal, so the load
 * can run through crashes.
 */
public final class WriteLoad implements AutoCloseable {
    public static final String COUNTER = "load:counter";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Long> acknowledgedSets = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledgedBy = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> counterResults = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> counterResultsByNode = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** Starts {@code threadsPerNode} writers on each node. */
    public WriteLoad(List<ClusterNode> nodes, int threadsPerNode) {
        for (ClusterNode node : nodes) {
            for (int t = 0; t < threadsPerNode; t++) {
                String writer = node.name() + "-" + t;
                Thread thread = new Thread(() -> write(node, writer), "load-" + writer);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
    }

    private void write(ClusterNode node, String writer) {
        KvStore kv = node.store();
        long i = 0;
        while (running.get()) {
            i++;
            attempts.incrementAndGet();
            try {
                if (i % 2 == 0) {
                    long value = kv.increment(COUNTER);
                    counterResults.add(value);
                    counterResultsByNode.computeIfAbsent(node.name(), n -> new ConcurrentLinkedQueue<>()).add(value);
                } else {
                    String key = "load:" + writer + ":" + i;
                    kv.set(key, i);
                    acknowledgedSets.put(key, i);
                    acknowledgedBy.put(key, node.name());
                }
            } catch (KvException failed) {
                failures.incrementAndGet();
                if (node.jgroupsChannel().isClosed()) {
                    return;
                }
            }
        }
    }

    /** Stops the writers and waits for them. */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    /** @return every acknowledged unique key with its value */
    public Map<String, Long> acknowledgedSets() {
        return acknowledgedSets;
    }

    /** @return the node that acknowledged each unique key */
    public Map<String, String> acknowledgedBy() {
        return acknowledgedBy;
    }

    /** @return every value an acknowledged increment of {@link #COUNTER} returned */
    public List<Long> counterResults() {
        return new ArrayList<>(counterResults);
    }

    /** @return the values acknowledged increments returned on the named nodes */
    public List<Long> counterResultsOn(List<String> nodeNames) {
        List<Long> results = new ArrayList<>();
        for (String nodeName : nodeNames) {
            results.addAll(counterResultsByNode.getOrDefault(nodeName, new ConcurrentLinkedQueue<>()));
        }
        return results;
    }

    /** @return writes attempted */
    public long attempts() {
        return attempts.get();
    }

    /** @return writes that failed or whose outcome is unknown */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
