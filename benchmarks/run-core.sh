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

# Other work on the machine skews every number: measure how much CPU other processes took during each run (all
# busy CPU time minus this script's children) and log it next to the results rather than hide it.
clock_ticks="$(getconf CLK_TCK)"
times_file="$(mktemp)"
trap 'rm -f "$times_file"' EXIT
busy_cpu_seconds() {
    awk -v hz="$clock_ticks" '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat
}
read_own_cpu_seconds() { # sets own_cpu; called directly, as `times` in a subshell would not see our children
    times > "$times_file"
    own_cpu="$(awk -F'[ms ]+' 'NR == 2 {print $1 * 60 + $2 + $3 * 60 + $4}' "$times_file")"
}
run_jmh() {
    local busy_before own_before started="$SECONDS"
    busy_before="$(busy_cpu_seconds)"
    read_own_cpu_seconds
    own_before="$own_cpu"
    java -jar "$jar" "$@" 2>&1 | tee -a "$log"
    read_own_cpu_seconds
    awk -v busy="$(busy_cpu_seconds)" -v busy0="$busy_before" -v own="$own_cpu" -v own0="$own_before" \
        -v wall="$((SECONDS - started))" 'BEGIN {
            others = (busy - busy0) - (own - own0); if (others < 0) others = 0
            printf "== other processes used %.0f CPU-seconds during this run of %d s (%.0f%% of one core)%s\n",
                others, wall, 100 * others / (wall > 0 ? wall : 1),
                (others > 0.05 * wall) ? ": WARNING, results are slower and noisier than on an idle machine" : ""
        }' | tee -a "$log"
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
