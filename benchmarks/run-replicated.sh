#!/usr/bin/env bash
# Builds the benchmarks module, then runs the replicated-write comparison: clusterkv (defaults, majority policy, each
# also with tcp_nodelay) against Infinispan (REPL_SYNC) and Hazelcast (IMap with one sync backup, ReplicatedMap), 3 nodes
# in one JVM per system on 127.0.0.1, set / increment / mset with 1, 8 and 32 client threads. About 14 minutes on
# 2 cores. Progress goes to the terminal (and results/replicated-comparison.log); the table to
# results/replicated-comparison.md, everything to results/replicated-comparison.json.
#
#   benchmarks/run-replicated.sh
#   benchmarks/run-replicated.sh --systems clusterkv,infinispan --threads 8    # a subset
#   benchmarks/run-replicated.sh --warmup 2 --seconds 5                         # shorter windows
#   benchmarks/run-replicated.sh --jvm-options "-Xmx2g ..."                     # options of every system's JVM
#   OUT=/tmp/try.json benchmarks/run-replicated.sh ...                          # results elsewhere (.json, .md, .log)
#   SKIP_BUILD=1 BENCH_REVISION=abc1234 benchmarks/run-replicated.sh            # as run-all.sh calls it
#
# Options go to io.clusterkv.benchmarks.replicated.ReplicatedComparison (see its class comment).
set -euo pipefail

benchmarks_dir="$(cd "$(dirname "$0")" && pwd)"
repo_dir="$(dirname "$benchmarks_dir")"
results_dir="$benchmarks_dir/results"
out="${OUT:-$results_dir/replicated-comparison.json}"
log="${out%.json}.log"
# shellcheck source=cpu-of-others.sh
source "$benchmarks_dir/cpu-of-others.sh"

cd "$repo_dir"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== building the benchmarks module, each system's classpath, and the node jar bin/clusterkv runs"
    mvn -B -q -pl benchmarks,node-app -am package -DskipTests
fi

mkdir -p "$(dirname "$out")"
if [ -n "${BENCH_REVISION:-}" ]; then
    revision="$BENCH_REVISION"
else
    dirty="$(git diff --quiet HEAD -- core cluster config node-app test-support benchmarks ||
        echo ' (with uncommitted changes in the working tree)')"
    revision="$(git rev-parse --short HEAD)$dirty"
fi
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cores: $(nproc)"
    echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    java -version 2>&1 | head -1
    echo "revision: $revision"
} | tee "$log"

# The driver JVM only starts the systems' JVMs and reads their output: small and quiet
run_measured "$log" java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$benchmarks_dir/target/classes" io.clusterkv.benchmarks.replicated.ReplicatedComparison \
    --classpath-dir "$benchmarks_dir/target/replicated-classpath" --classes "$benchmarks_dir/target/classes" \
    --out "$out" --revision "$revision" "$@"
tail -1 "$log" >> "${out%.json}.md"
echo "== results in ${out%.json}.{md,json,log}"
