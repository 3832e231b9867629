#!/usr/bin/env bash
# Builds the benchmarks jar and runs the core benchmarks: get, set, setTTL and increment on LocalKvStore,
# ConcurrentHashMap and Caffeine at 1 and 2 threads, then the cost of value snapshots. About 9 minutes on
# 2 cores. JMH's progress goes to the terminal (and results/jmh-output.txt); JSON results go to results/.
#
#   benchmarks/run-core.sh                 # the full run behind docs/benchmarks.md
#   benchmarks/run-core.sh -prof gc        # extra JMH options are passed to every run
#   THREADS="2" benchmarks/run-core.sh     # only some thread counts
set -euo pipefail

benchmarks_dir="$(cd "$(dirname "$0")" && pwd)"
repo_dir="$(dirname "$benchmarks_dir")"
results_dir="$benchmarks_dir/results"
jar="$benchmarks_dir/target/benchmarks.jar"
threads="${THREADS:-1 2}"
# One fork per configuration; warm-up and measurement sized to finish in ~9 minutes on 2 cores, not for publication.
settings=(-f 1 -wi 3 -w 2s -i 5 -r 2s)

# shellcheck source=cpu-of-others.sh
source "$benchmarks_dir/cpu-of-others.sh"
run_jmh() {
    run_measured "$log" java -jar "$jar" "$@"
}

cd "$repo_dir"
echo "== building $jar"
mvn -B -q -pl benchmarks -am package -DskipTests

mkdir -p "$results_dir"
log="$results_dir/jmh-output.txt"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cores: $(nproc)"
    echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    java -version 2>&1
    dirty="$(git diff --quiet HEAD -- core benchmarks || echo ' (with uncommitted changes in core or benchmarks)')"
    echo "revision: $(git rev-parse --short HEAD)$dirty"
} | tee "$results_dir/machine.txt" > "$log"

for t in $threads; do
    echo "== CoreOperationsBenchmark, $t thread(s)" | tee -a "$log"
    run_jmh 'CoreOperationsBenchmark' "${settings[@]}" -t "$t" \
        -rf json -rff "$results_dir/core-operations-threads-$t.json" "$@"
done

echo "== ValueSnapshotBenchmark, 1 thread" | tee -a "$log"
run_jmh 'ValueSnapshotBenchmark' "${settings[@]}" -t 1 -rf json -rff "$results_dir/value-snapshot.json" "$@"

echo "== results in $results_dir; table and chart: python3 benchmarks/plot-results.py"
