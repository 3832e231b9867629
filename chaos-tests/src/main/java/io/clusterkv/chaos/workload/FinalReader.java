package io.clusterkv.chaos.workload;

import org.jspecify.annotations.Nullable;

/** Reads a key's final value on one node, after the run, through the ordered stream (a linearizable read). */
@FunctionalInterface
public interface FinalReader {

    /**
     * @param node a node of the run
     * @param key  the key to read
     * @return its value as {@link HttpKvClient#getLinearizable} returns it, or null if missing
     * @throws IllegalStateException if the node does not answer after retries
     */
    @Nullable Object read(String node, String key);
}
