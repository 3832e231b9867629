/**
 * JMH benchmarks of the local store against {@code ConcurrentHashMap} and Caffeine in the same harness, and of the
 * value snapshots the store keeps. Run with {@code benchmarks/run-core.sh}; results are discussed in
 * {@code docs/benchmarks.md}.
 */
package io.clusterkv.benchmarks;
