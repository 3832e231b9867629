#!/usr/bin/env bash
# The whole performance comparison of issue 6, in one run, on one revision, and one table at the end:
#
#   1. replicated writes (run-replicated.sh): set, increment and mset with 1, 8 and 32 client threads on 3 nodes:
#      clusterkv in one JVM (TCP on 127.0.0.1 with the none and the majority policy, and on JGroups' in-JVM
#      transport), clusterkv as 3 node processes over RESP, Infinispan REPL_SYNC, Hazelcast IMap (1 sync backup) and
#      Hazelcast ReplicatedMap;
#   2. node processes beside Debian's redis-server (run-nodes.sh): redis-benchmark GET, SET, INCR, MSET with -P 1
#      and -P 16 and 50 clients against one node and against a 3-node cluster, memory per entry for 1,000,000 keys
#      (with and without a TTL) against redis' used_memory, and the time for a node to join 1,000,000 keys;
#   3. the summary (plot-all.py): one table, docs/benchmarks-replicated.svg and docs/benchmarks-nodes.svg.
#
# What is measured is the committed HEAD, built from a clean export (git archive) in a work directory, so that
# uncommitted work in the tree and rebuilds by others during the run change nothing. Results go to
# benchmarks/results/ of this tree (replicated-comparison.{json,md,log}, nodes.json, summary.md, run-all.log).
# About 25 minutes on 2 cores. On a shared machine hold the benchmark lock, which the test runs of other sessions
# take shared:
#
#   flock -x /tmp/clusterkv-cpu.lock benchmarks/run-all.sh
#   PARTS="replicated" benchmarks/run-all.sh                         # only some of: replicated nodes
#   REPLICATED_ARGS="--threads 8 --warmup 1 --seconds 2" TEST_SECONDS=3 ENTRIES=100000 benchmarks/run-all.sh  # a quick try
#
# REPLICATED_ARGS go to run-replicated.sh (see ReplicatedComparison); TEST_SECONDS, ENTRIES and the other settings
# of run-nodes.sh pass through the environment; RESULTS_DIR and DOCS_DIR move the outputs. Nothing here runs in
# mvn verify.
set -euo pipefail

benchmarks_dir="$(cd "$(dirname "$0")" && pwd)"
repo_dir="$(dirname "$benchmarks_dir")"
results_dir="${RESULTS_DIR:-$benchmarks_dir/results}"
docs_dir="${DOCS_DIR:-$repo_dir/docs}"
parts=" ${PARTS:-replicated nodes} "
default_systems="clusterkv,clusterkv-majority,clusterkv-shared-loopback,clusterkv-processes,infinispan,hazelcast-imap,hazelcast-replicatedmap"
replicated_args="${REPLICATED_ARGS:---systems $default_systems --warmup 2 --seconds 5}"
export TEST_SECONDS="${TEST_SECONDS:-8}"
work="${WORK_DIR:-$(mktemp -d /tmp/clusterkv-all.XXXXXX)}"
log="$results_dir/run-all.log"
started="$SECONDS"

mkdir -p "$results_dir"
: > "$log"
say() { printf '%s [run-all %4ds] %s\n' "$(date -u +%H:%M:%S)" "$((SECONDS - started))" "$*" | tee -a "$log"; }

cd "$repo_dir"
revision="$(git rev-parse --short HEAD)"
say "measuring HEAD $revision, built from a clean export in $work/src"
if ! git diff --quiet HEAD -- core cluster config node-app test-support benchmarks pom.xml; then
    say "note: the working tree has uncommitted changes there; they are NOT measured"
fi
mkdir -p "$work/src"
git archive HEAD | tar -x -C "$work/src"
say "building the benchmarks module, the competitors' classpaths and the node jar"
(cd "$work/src" && { mvn -B -q -o -pl benchmarks,node-app -am package -DskipTests 2> /dev/null ||
    mvn -B -q -pl benchmarks,node-app -am package -DskipTests; }) > "$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log"; say "build failed (log: $work/build.log)"; exit 1; }

if [[ $parts == *" replicated "* ]]; then
    say "part 1/2: replicated writes (progress below; results/replicated-comparison.log)"
    # shellcheck disable=SC2086 # the arguments are words on purpose
    OUT="$results_dir/replicated-comparison.json" SKIP_BUILD=1 BENCH_REVISION="$revision" \
        "$work/src/benchmarks/run-replicated.sh" $replicated_args 2>&1 | tee -a "$log"
    say "part 1/2 done"
fi
if [[ $parts == *" nodes "* ]]; then
    say "part 2/2: node processes beside redis-server: RESP, memory, join"
    RESULTS_DIR="$results_dir" NODES_SVG="$work/benchmarks-nodes.svg" NODE_SOURCE=tree BENCH_REVISION="$revision" \
        WORK_DIR="$work/nodes" "$work/src/benchmarks/run-nodes.sh" 2>&1 | tee -a "$log"
    say "part 2/2 done"
fi

say "summary: $results_dir/summary.md, $docs_dir/benchmarks-replicated.svg and benchmarks-nodes.svg"
python3 "$benchmarks_dir/plot-all.py" "$results_dir" "$docs_dir" | tee -a "$log"
say "done in $(( (SECONDS - started) / 60 )) min; work directory $work (logs, histograms; delete when done)"
