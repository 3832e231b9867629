#!/usr/bin/env bash
# Node processes side by side with Debian's redis-server, in one run (issue 6's RESP, memory and join rows):
#
#   1. RESP: redis-benchmark GET, SET, INCR and MSET with -P 1 and -P 16 and 50 clients against a fresh redis-server
#      and a fresh single clusterkv node (interleaved: each test runs on redis, then on clusterkv), then against a
#      fresh 3-node clusterkv cluster, all 50 clients connected to one non-coordinator member.
#   2. Memory: 1,000,000 keys of 16 bytes with 32-byte values loaded over RESP (redis-cli --pipe), without and with
#      a TTL (EX 3600). clusterkv: live heap after a full GC (jcmd GC.class_histogram's total) minus the same node's
#      live heap before loading; redis: INFO used_memory after minus before. Divided by the number of keys.
#   3. Join: a node joins a cluster of 1, then of 2 nodes holding those 1,000,000 keys: process start to
#      /health/ready 200, and the joiner's log from "asking ... for the state" to "state installed".
#
# About 12 minutes on 2 cores. Progress goes to the terminal; the results to benchmarks/results/nodes.json; the
# table is printed at the end (python3 benchmarks/plot-nodes.py prints it again and writes docs/benchmarks-nodes.svg).
# Logs, class histograms and redis-benchmark outputs stay in the work directory the script names.
#
#   benchmarks/run-nodes.sh
#   PHASES="resp" benchmarks/run-nodes.sh           # only some of: resp memory join
#   PROFILE=1 benchmarks/run-nodes.sh               # also JFR recordings of the single node and of the joins
#   NODE_SOURCE=tree benchmarks/run-nodes.sh        # measure the working tree's node instead of HEAD's
#   RESULTS_DIR=... NODES_SVG=... BENCH_REVISION=... # where run-all.sh wants the results, and the revision's name
#   JAVA_OPTS="-Xmx4g" TEST_SECONDS=20 benchmarks/run-nodes.sh
set -euo pipefail

benchmarks_dir="$(cd "$(dirname "$0")" && pwd)"
repo_dir="$(dirname "$benchmarks_dir")"
results_dir="${RESULTS_DIR:-$benchmarks_dir/results}"
nodes_svg="${NODES_SVG:-$repo_dir/docs/benchmarks-nodes.svg}"

java_opts="${JAVA_OPTS:--Xms2g -Xmx2g}"
phases=" ${PHASES:-resp memory join} "
clients="${CLIENTS:-50}"
keyspace="${KEYSPACE:-100000}"          # redis-benchmark -r: keys key:000000000000 .. key:000000099999
value_bytes="${VALUE_BYTES:-32}"        # redis-benchmark -d
test_seconds="${TEST_SECONDS:-15}"      # each measured redis-benchmark test is sized to last about this long
entries="${ENTRIES:-1000000}"           # keys loaded for the memory and join rows
port_base="${PORT_BASE:-17000}"
profile="${PROFILE:-0}"
node_source="${NODE_SOURCE:-head}"     # head: build the node from a clean export of HEAD; tree: the working tree
tests=(SET GET INCR MSET)               # SET first, so that GET finds the keys it reads
pipelines=(1 16)
work="${WORK_DIR:-$(mktemp -d /tmp/clusterkv-nodes.XXXXXX)}"
cluster_name="bench-nodes-$$"
redis_port="$port_base"

# The environment must not configure the nodes behind the script's back (bin/clusterkv reads CLUSTERKV_*).
while read -r variable; do unset "$variable"; done < <(compgen -e | grep '^CLUSTERKV_' || true)

mkdir -p "$work/logs" "$work/bench" "$work/histograms" "$work/jfr" "$results_dir"
measurements="$work/measurements.jsonl"
: > "$measurements"

# ---------------------------------------------------------------------------------------------------- progress

step_number=0
step_total=0
count_steps() {
    local resp_steps=$(( 3 + 2 * ${#tests[@]} * ${#pipelines[@]} + 2 + ${#tests[@]} * ${#pipelines[@]} + 1 ))
    [[ $phases == *" resp "* ]] && step_total=$((step_total + resp_steps))
    if [[ $phases == *" memory "* || $phases == *" join "* ]]; then step_total=$((step_total + 3)); fi
    [[ $phases == *" join "* ]] && step_total=$((step_total + 3))
    [[ $phases == *" memory "* ]] && step_total=$((step_total + 3))
    step_total=$((step_total + 1))
}
step() {
    step_number=$((step_number + 1))
    printf '[%d/%d] %s\n' "$step_number" "$step_total" "$*"
}
note() { printf '        %s\n' "$*"; }
fail() { printf 'run-nodes: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------- CPU use
# Other sessions share this machine. For every measured window the script records how much CPU other processes
# took: all busy CPU time (user, nice, system, irq, softirq, steal) minus what this script's process tree used
# (its live descendants' utime+stime, plus children it reaped). It also records each server's own CPU time.

clock_ticks="$(getconf CLK_TCK)"
cpu_sample() { # prints "<machine busy seconds> <this script's tree seconds>"
    cat /proc/stat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$$" -v hz="$clock_ticks" '
        /^cpu / { busy = ($2 + $3 + $4 + $7 + $8 + $9) / hz; next }
        /^[0-9]+ \(/ {
            pid = $1; rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
            parent[pid] = f[2]; ticks[pid] = f[12] + f[13] + f[14] + f[15]
        }
        END {
            mine[root] = 1
            for (changed = 1; changed;) {
                changed = 0
                for (p in parent) if (!(p in mine) && (parent[p] in mine)) { mine[p] = 1; changed = 1 }
            }
            for (p in mine) total += ticks[p]
            printf "%.2f %.2f\n", busy, total / hz
        }'
}
process_cpu() { # seconds of CPU used by the given live processes (all their threads)
    local total=0 pid ticks
    for pid in "$@"; do
        ticks="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
        total=$((total + ticks))
    done
    awk -v t="$total" -v hz="$clock_ticks" 'BEGIN { printf "%.2f", t / hz }'
}
now_ms() { local micros="${EPOCHREALTIME/./}"; echo $((micros / 1000)); }

window_begin() { # starts a measured window; the pids whose own CPU time to report follow
    window_pids=("$@")
    read -r window_busy window_mine < <(cpu_sample)
    window_server_cpu="$(process_cpu "${window_pids[@]}")"
    window_started="$(now_ms)"
}
window_end() { # sets window_seconds, others_cpu, server_cpu and own_cpu (all in seconds) for the window
    local busy mine
    read -r busy mine < <(cpu_sample)
    window_seconds="$(awk -v a="$(now_ms)" -v b="$window_started" 'BEGIN { printf "%.3f", (a - b) / 1000 }')"
    others_cpu="$(awk -v b="$busy" -v b0="$window_busy" -v m="$mine" -v m0="$window_mine" \
        'BEGIN { o = (b - b0) - (m - m0); printf "%.2f", o < 0 ? 0 : o }')"
    server_cpu="$(awk -v a="$(process_cpu "${window_pids[@]}")" -v b="$window_server_cpu" \
        'BEGIN { printf "%.2f", a - b }')"
    own_cpu="$(awk -v m="$mine" -v m0="$window_mine" 'BEGIN { printf "%.2f", m - m0 }')"
    others_note="$(awk -v o="$others_cpu" -v w="$window_seconds" 'BEGIN {
        share = 100 * o / (w > 0 ? w : 1)
        printf "other processes used %.1f CPU-s (%.0f%% of a core)%s", o, share,
            (share > 5 ? ": WARNING, disturbed" : "") }')"
}

# ---------------------------------------------------------------------------------------------------- records

record() { # appends one JSON object made of key=value arguments; numbers, true, false and null stay bare
    local pair key value out=""
    for pair in "$@"; do
        key="${pair%%=*}"
        value="${pair#*=}"
        if [[ ! $value =~ ^-?[0-9]+(\.[0-9]+)?$ && $value != true && $value != false && $value != null ]]; then
            value="\"${value//\"/\\\"}\""
        fi
        out+="${out:+, }\"$key\": $value"
    done
    echo "{$out}" >> "$measurements"
}

# ---------------------------------------------------------------------------------------------------- processes

declare -A started_pids=()    # pid -> name, for clean-up
stop_pid() {
    local pid="$1" waited=0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 200 ]; do sleep 0.1; waited=$((waited + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "started_pids[$pid]"
}
stop_all() {
    local pid
    for pid in "${!started_pids[@]}"; do stop_pid "$pid"; done
}
trap 'stop_all' EXIT
trap 'echo "run-nodes: interrupted; stopping the servers it started" >&2; exit 130' INT TERM

require_free_port() {
    if ss -Hltn "sport = :$1" | grep -q .; then
        fail "port $1 is taken; choose other ports with PORT_BASE (now $port_base)"
    fi
}

# Nodes run from their own copy of bin/clusterkv and the node jar, so that a rebuild by someone else during the run
# cannot change what is measured. NODE_SOURCE=head (the default) builds that copy from a clean export of the
# committed HEAD, so the numbers belong to one revision; NODE_SOURCE=tree takes the working tree as it is.
prepare_launcher() {
    mkdir -p "$work/dist"
    if [ "$node_source" = head ]; then
        git -C "$repo_dir" archive HEAD | tar -x -C "$work/dist"
        (cd "$work/dist" && { mvn -B -q -o -pl node-app -am package -DskipTests 2> /dev/null ||
            mvn -B -q -pl node-app -am package -DskipTests; }) > "$work/logs/build.log" 2>&1 ||
            fail "building HEAD failed (log: $work/logs/build.log)"
        node_revision="$(git -C "$repo_dir" rev-parse --short HEAD) (HEAD, built from a clean export)"
    else
        "$repo_dir/bin/clusterkv" --help > /dev/null   # builds node-app/target/clusterkv-node.jar if it is stale
        mkdir -p "$work/dist/bin" "$work/dist/node-app/target"
        cp "$repo_dir/bin/clusterkv" "$work/dist/bin/clusterkv"
        cp "$repo_dir/node-app/target/clusterkv-node.jar" "$work/dist/node-app/target/clusterkv-node.jar"
        if [ -n "${BENCH_REVISION:-}" ]; then
            node_revision="$BENCH_REVISION"
        else
            node_revision="$(git -C "$repo_dir" rev-parse --short HEAD)$(git -C "$repo_dir" diff --quiet HEAD -- \
                core cluster config node-app || echo ' with the uncommitted changes of the working tree')"
        fi
    fi
    launcher="$work/dist/bin/clusterkv"
}

node_resp_port() { echo $((port_base + 10 + $1)); }
node_http_port() { echo $((port_base + 20 + $1)); }
node_jgroups_port() { echo $((port_base + 30 + $1)); }

start_node() { # start_node <slot 0..2> <name> <initial host slots...>: sets node_pid and node_launched (ms)
    local slot="$1" name="$2" hosts="" s extra_opts=""
    shift 2
    for s in "$@"; do hosts+="${hosts:+,}127.0.0.1:$(node_jgroups_port "$s")"; done
    require_free_port "$(node_resp_port "$slot")"
    require_free_port "$(node_http_port "$slot")"
    require_free_port "$(node_jgroups_port "$slot")"
    if [ -n "${NODE_EXTRA_OPTS:-}" ]; then extra_opts=" $NODE_EXTRA_OPTS"; fi
    node_launched="$(now_ms)"
    JAVA_OPTS="$java_opts$extra_opts" "$launcher" --cluster-name "$cluster_name" --node-name "$name" \
        --bind 127.0.0.1 --resp-port "$(node_resp_port "$slot")" --http-port "$(node_http_port "$slot")" \
        --jgroups-port "$(node_jgroups_port "$slot")" --jgroups-port-range 0 --initial-hosts "$hosts" \
        > "$work/logs/$name.log" 2>&1 &
    node_pid=$!
    started_pids[$node_pid]="$name"
}

await_ready() { # await_ready <slot> <pid> <name>: waits for /health/ready 200 (10 minutes at most); sets ready_at
    local url="http://127.0.0.1:$(node_http_port "$1")/health/ready" deadline=$(( $(now_ms) + 600000 ))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = 200 ]; do
        if ! kill -0 "$2" 2>/dev/null; then
            tail -30 "$work/logs/$3.log" >&2
            fail "node $3 exited before it was ready (log: $work/logs/$3.log)"
        fi
        if [ "$(now_ms)" -gt "$deadline" ]; then fail "node $3 not ready after 10 minutes (log: $work/logs/$3.log)"; fi
        sleep 0.05
    done
    ready_at="$(now_ms)"
}

start_redis() { # sets redis_pid
    require_free_port "$redis_port"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
        --dir "$work" --logfile "$work/logs/redis-$1.log" &
    redis_pid=$!
    started_pids[$redis_pid]="redis-$1"
    until redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; do
        kill -0 "$redis_pid" 2>/dev/null || fail "redis-server exited (log: $work/logs/redis-$1.log)"
        sleep 0.05
    done
}

info_field() { # info_field <port> <section> <field>
    redis-cli -p "$1" info "$2" | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2 }'
}

# ---------------------------------------------------------------------------------------------------- RESP rows

bench() { # bench <label> <port> <test> <pipeline> <requests>: runs redis-benchmark; sets rps p50 p99 or fails
    local label="$1" port="$2" test="$3" pipeline="$4" requests="$5" out
    out="$work/bench/$label-$test-P$pipeline-$requests.csv"
    if ! timeout 600 redis-benchmark -h 127.0.0.1 -p "$port" -c "$clients" -n "$requests" -r "$keyspace" \
            -d "$value_bytes" -P "$pipeline" -t "${test,,}" --csv > "$out" 2> "$out.err"; then
        rps=null; p50=null; p99=null
        note "redis-benchmark failed: $(tail -3 "$out.err" "$out" | tr '\n' ' ')"
        return
    fi
    # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...
    read -r rps p50 p99 < <(tail -1 "$out" | tr -d '"' | awk -F, '{ print $2, $5, $7 }')
}

declare -A warm_rps=()
warm_up() { # warm_up <target> <port>: every test once, unmeasured, sized by pipelining; the rates size the runs
    local target="$1" port="$2" test pipeline requests
    for pipeline in "${pipelines[@]}"; do
        for test in "${tests[@]}"; do
            requests=$(( pipeline == 1 ? 100000 : 800000 ))
            if [ "$test" = MSET ]; then requests=$((requests / 5)); fi
            bench "warmup-$target" "$port" "$test" "$pipeline" "$requests"
            warm_rps[$target,$test,$pipeline]="$rps"
            note "warm-up $test -P $pipeline: $rps req/s"
        done
    done
}

measure() { # measure <target> <port> <test> <pipeline> <pids...>: one measured test, repeated once if too short
    local target="$1" port="$2" test="$3" pipeline="$4" requests warm attempt
    shift 4
    warm="${warm_rps[$target,$test,$pipeline]:-null}"
    [ "$warm" = null ] && warm=10000
    requests="$(awk -v r="$warm" -v s="$test_seconds" 'BEGIN { n = int(r * s / 1000) * 1000; print n < 20000 ? 20000 : n }')"
    for attempt in 1 2; do
        [ "$profile" = 1 ] && [ "$target" = clusterkv-1 ] &&
            jcmd "$1" JFR.start name=bench settings=profile \
                filename="$work/jfr/$target-$test-P$pipeline.jfr" > /dev/null 2>&1 || true
        window_begin "$@"
        bench "$target" "$port" "$test" "$pipeline" "$requests"
        window_end
        [ "$profile" = 1 ] && [ "$target" = clusterkv-1 ] && jcmd "$1" JFR.stop name=bench > /dev/null 2>&1 || true
        # A run much shorter than planned started cold (the warm-up rate was low): run it again, sized by itself.
        if [ "$attempt" = 2 ] || [ "$rps" = null ] || \
                awk -v w="$window_seconds" -v s="$test_seconds" 'BEGIN { exit !(w >= 0.6 * s) }'; then
            break
        fi
        note "ran only ${window_seconds} s; again with requests sized from its own rate"
        requests="$(awk -v r="$rps" -v s="$test_seconds" 'BEGIN { print int(r * s / 1000) * 1000 }')"
    done
    local client_cpu
    client_cpu="$(awk -v o="$own_cpu" -v s="$server_cpu" 'BEGIN { printf "%.2f", o - s }')"
    note "$(printf "%.0f req/s (p50 %s ms, p99 %s ms) in %s s; CPU: server %s s, client %s s; %s" "${rps/null/0}" \
        "$p50" "$p99" "$window_seconds" "$server_cpu" "$client_cpu" "$others_note")"
    record kind=resp target="$target" test="$test" pipeline="$pipeline" clients="$clients" keyspace="$keyspace" \
        value_bytes="$value_bytes" requests="$requests" rps="$rps" p50_ms="$p50" p99_ms="$p99" \
        warmup_rps="${warm_rps[$target,$test,$pipeline]:-null}" seconds="$window_seconds" \
        server_cpu_seconds="$server_cpu" client_cpu_seconds="$client_cpu" others_cpu_seconds="$others_cpu" \
        attempts="$attempt"
}

resp_phase() {
    local test pipeline a_pid b_pid c_pid
    step "starting a fresh redis-server (port $redis_port) and a fresh clusterkv node (RESP $(node_resp_port 0))"
    start_redis resp
    start_node 0 single 0
    local single_pid="$node_pid"
    await_ready 0 "$single_pid" single
    note "redis $(info_field "$redis_port" server redis_version), clusterkv ready in $((ready_at - node_launched)) ms"
    step "warm-up of redis-server: each test once"
    warm_up redis "$redis_port"
    step "warm-up of clusterkv (1 node): each test once"
    warm_up clusterkv-1 "$(node_resp_port 0)"
    for pipeline in "${pipelines[@]}"; do
        for test in "${tests[@]}"; do
            step "redis-benchmark $test -P $pipeline against redis-server"
            measure redis "$redis_port" "$test" "$pipeline" "$redis_pid"
            step "redis-benchmark $test -P $pipeline against clusterkv (1 node)"
            measure clusterkv-1 "$(node_resp_port 0)" "$test" "$pipeline" "$single_pid"
        done
    done
    note "keys: redis $(redis-cli -p "$redis_port" dbsize), clusterkv $(redis-cli -p "$(node_resp_port 0)" dbsize)"
    stop_pid "$single_pid"
    stop_pid "$redis_pid"

    step "starting a fresh 3-node clusterkv cluster (a, b, c; one at a time, each timed to ready)"
    start_node 0 a 0 1 2
    a_pid="$node_pid"
    await_ready 0 "$a_pid" a
    start_node 1 b 0 1 2
    b_pid="$node_pid"
    window_begin "$b_pid" "$a_pid"
    await_ready 1 "$b_pid" b
    window_end
    record_join b 0 1 "$node_launched" "$ready_at"
    start_node 2 c 0 1 2
    c_pid="$node_pid"
    window_begin "$c_pid" "$a_pid" "$b_pid"
    await_ready 2 "$c_pid" c
    window_end
    record_join c 0 2 "$node_launched" "$ready_at"
    note "coordinator: $(info_field "$(node_resp_port 1)" cluster clusterkv_coordinator);" \
        "redis-benchmark connects all $clients clients to b (RESP $(node_resp_port 1))"
    step "warm-up of clusterkv (3 nodes, clients on b): each test once"
    warm_up clusterkv-3 "$(node_resp_port 1)"
    for pipeline in "${pipelines[@]}"; do
        for test in "${tests[@]}"; do
            step "redis-benchmark $test -P $pipeline against clusterkv (3 nodes, clients on b)"
            measure clusterkv-3 "$(node_resp_port 1)" "$test" "$pipeline" "$b_pid" "$a_pid" "$c_pid"
        done
    done
    step "stopping the cluster"
    stop_pid "$c_pid"
    stop_pid "$b_pid"
    stop_pid "$a_pid"
}

# ---------------------------------------------------------------------------------------------------- memory and join

generate_load_files() { # RESP files of SET key:%012d value:%026d [EX 3600], for redis-cli --pipe
    python3 - "$entries" "$work/load.resp" "$work/load-ttl.resp" <<'EOF'
import sys
count, plain, with_ttl = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def command(*args):
    return b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args)
with open(plain, "wb") as p, open(with_ttl, "wb") as t:
    for i in range(count):
        key, value = b"key:%012d" % i, b"value:%026d" % i    # 16 and 32 bytes
        p.write(command(b"SET", key, value))
        t.write(command(b"SET", key, value, b"EX", b"3600"))
EOF
}

load() { # load <port> <file>: pipes the file over RESP; sets load_seconds; fails on any error reply
    local out
    window_begin "${@:3}"
    out="$(redis-cli -p "$1" --pipe < "$2" 2>&1)"
    window_end
    load_seconds="$window_seconds"
    grep -q 'errors: 0,' <<< "$out" || fail "loading $2 into port $1: $out"
}

live_heap() { # live_heap <pid> <file>: full GC and class histogram of live objects; sets live_bytes and heap_used
    jcmd "$1" GC.run > /dev/null
    heap_used="$(jcmd "$1" GC.heap_info | awk '/ used / { for (i = 1; i < NF; i++) if ($i == "used") {
        v = $(i + 1); sub(/K,?$/, "", v); print v * 1024; exit } }')"
    jcmd "$1" GC.class_histogram > "$2"
    live_bytes="$(awk '$1 == "Total" { print $3 }' "$2")"
}

memory_clusterkv() { # memory_clusterkv <ttl: true|false> <file> <keep running: 0|1>: sets mem_pid
    local ttl="$1" name="mem-${1/true/ttl}"
    name="${name/false/plain}"
    step "clusterkv: a fresh node, its live heap empty, then $entries keys loaded over RESP (TTL: $ttl)"
    start_node 0 "$name" 0
    mem_pid="$node_pid"
    await_ready 0 "$mem_pid" "$name"
    live_heap "$mem_pid" "$work/histograms/$name-empty.txt"
    local empty_live="$live_bytes" empty_used="$heap_used"
    load "$(node_resp_port 0)" "$2" "$mem_pid"
    live_heap "$mem_pid" "$work/histograms/$name-loaded.txt"
    local keys
    keys="$(redis-cli -p "$(node_resp_port 0)" dbsize)"
    [ "$keys" = "$entries" ] || fail "clusterkv holds $keys keys after loading $entries"
    note "$(awk -v l="$live_bytes" -v e="$empty_live" -v n="$entries" -v s="$load_seconds" 'BEGIN {
        printf "live heap %.1f MB -> %.1f MB: %.1f bytes per entry; loaded in %s s", e / 1e6, l / 1e6, (l - e) / n, s }')"
    record kind=memory target=clusterkv ttl="$ttl" entries="$entries" empty_live_bytes="$empty_live" \
        loaded_live_bytes="$live_bytes" empty_heap_used="$empty_used" loaded_heap_used="$heap_used" \
        load_seconds="$load_seconds" others_cpu_seconds="$others_cpu" \
        histogram_empty="$work/histograms/$name-empty.txt" histogram_loaded="$work/histograms/$name-loaded.txt"
    if [ "$3" = 0 ]; then stop_pid "$mem_pid"; fi
}

memory_redis() { # memory_redis <ttl: true|false> <file>
    step "redis-server: fresh, used_memory empty, then $entries keys loaded over RESP (TTL: $1)"
    start_redis "mem-$1"
    local before after keys
    before="$(info_field "$redis_port" memory used_memory)"
    load "$redis_port" "$2" "$redis_pid"
    sleep 1
    after="$(info_field "$redis_port" memory used_memory)"
    keys="$(redis-cli -p "$redis_port" dbsize)"
    [ "$keys" = "$entries" ] || fail "redis holds $keys keys after loading $entries"
    note "$(awk -v a="$after" -v b="$before" -v n="$entries" -v s="$load_seconds" 'BEGIN {
        printf "used_memory %.1f MB -> %.1f MB: %.1f bytes per entry; loaded in %s s", b / 1e6, a / 1e6, (a - b) / n, s }')"
    record kind=memory target=redis ttl="$1" entries="$entries" used_memory_before="$before" \
        used_memory_after="$after" load_seconds="$load_seconds" others_cpu_seconds="$others_cpu"
    stop_pid "$redis_pid"
}

log_millis() { # log_millis <log> <pattern>: epoch ms of the first line matching, or null
    local stamp
    stamp="$(grep -m1 -E "$2" "$1" | awk '{ print $1 }' || true)"
    if [ -z "$stamp" ]; then echo null; else date -d "$stamp" +%s%3N; fi
}

record_join() { # record_join <name> <entries> <providers> <launched ms> <ready ms>, after window_end
    local log="$work/logs/$1.log" first asking installed
    first="$(log_millis "$log" '^[0-9]{4}-')"
    asking="$(log_millis "$log" 'asking .* for the state')"
    installed="$(log_millis "$log" 'state installed from')"
    local transfer=null
    if [ "$asking" != null ] && [ "$installed" != null ]; then transfer=$((installed - asking)); fi
    note "$1 joined $3 node(s) holding $2 keys: process start to ready $(($5 - $4)) ms, state transfer" \
        "(asking -> installed) $transfer ms; joiner CPU and providers' CPU $server_cpu s; $others_note"
    record kind=join node="$1" entries="$2" providers="$3" launch_to_ready_ms=$(($5 - $4)) \
        launch_to_first_log_ms="$([ "$first" = null ] && echo null || echo $((first - $4)))" \
        transfer_ms="$transfer" installed_to_ready_ms="$([ "$installed" = null ] && echo null || echo $(($5 - installed)))" \
        nodes_cpu_seconds="$server_cpu" others_cpu_seconds="$others_cpu" seconds="$window_seconds"
}

join_node() { # join_node <slot> <name> <providers> <provider pids...>
    local slot="$1" name="$2" providers="$3" pid joiner_opts=""
    shift 3
    step "join: $name joins a cluster of $providers node(s) holding $entries keys"
    if [ "$profile" = 1 ]; then
        joiner_opts="-XX:StartFlightRecording=settings=profile,filename=$work/jfr/join-$name.jfr"
        for pid in "$@"; do
            jcmd "$pid" JFR.start name=join settings=profile filename="$work/jfr/join-$name-provider-$pid.jfr" \
                > /dev/null 2>&1 || true
        done
    fi
    NODE_EXTRA_OPTS="$joiner_opts" start_node "$slot" "$name" 0 1 2
    joiner_pid="$node_pid"
    window_begin "$joiner_pid" "$@"
    await_ready "$slot" "$joiner_pid" "$name"
    window_end
    record_join "$name" "$entries" "$providers" "$node_launched" "$ready_at"
    if [ "$profile" = 1 ]; then
        jcmd "$joiner_pid" JFR.dump filename="$work/jfr/join-$name.jfr" > /dev/null 2>&1 || true
        for pid in "$@"; do jcmd "$pid" JFR.stop name=join > /dev/null 2>&1 || true; done
    fi
    local digest expected
    digest="$(info_field "$(node_resp_port "$slot")" cluster clusterkv_state_digest)"
    expected="$(info_field "$(node_resp_port 0)" cluster clusterkv_state_digest)"
    [ "$digest" = "$expected" ] || fail "$name's state digest $digest differs from the provider's $expected"
}

data_phase() {
    step "generating RESP load files: $entries x SET key:%012d value:%026d (16 + 32 bytes), with and without EX 3600"
    generate_load_files
    local keep=0
    [[ $phases == *" join "* ]] && keep=1
    if [[ $phases == *" memory "* ]]; then
        memory_clusterkv false "$work/load.resp" "$keep"
    else
        step "clusterkv: a fresh node loaded with $entries keys (for the joins)"
        start_node 0 mem-plain 0
        mem_pid="$node_pid"
        await_ready 0 "$mem_pid" mem-plain
        load "$(node_resp_port 0)" "$work/load.resp" "$mem_pid"
    fi
    if [[ $phases == *" join "* ]]; then
        local provider_pid="$mem_pid" first_joiner
        join_node 1 join-1 1 "$provider_pid"
        first_joiner="$joiner_pid"
        join_node 2 join-2 2 "$provider_pid" "$first_joiner"
        step "stopping the join cluster"
        stop_pid "$joiner_pid"
        stop_pid "$first_joiner"
        stop_pid "$provider_pid"
    fi
    if [[ $phases == *" memory "* ]]; then
        memory_clusterkv true "$work/load-ttl.resp" 0
        memory_redis false "$work/load.resp"
        memory_redis true "$work/load-ttl.resp"
    fi
    step "removing the load files"
    rm -f "$work/load.resp" "$work/load-ttl.resp"
}

# ---------------------------------------------------------------------------------------------------- the run

describe_machine() {
    {
        echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "cores: $(nproc)"
        echo "memory: $(free -h | awk '/^Mem:/ { print $2 }')"
        echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
        echo "java: $(java -version 2>&1 | head -2 | tail -1)"
        echo "java_opts: $java_opts"
        echo "gc: $(java $java_opts -XX:+PrintCommandLineFlags -version 2>&1 | grep -o -- '-XX:+Use[A-Za-z0-9]*GC' | head -1)"
        echo "redis: $(redis-server --version)"
        echo "redis_benchmark: $(redis-benchmark --version 2>/dev/null || echo unknown)"
        echo "revision: $node_revision"
        echo "node_jar_sha256: $(sha256sum "$work/dist/node-app/target/clusterkv-node.jar" | cut -c1-16)"
        echo "clients: $clients; keyspace: $keyspace; value_bytes: $value_bytes; test_seconds: $test_seconds; entries: $entries"
        echo "work_dir: $work"
    } > "$work/machine.txt"
}

command -v redis-benchmark > /dev/null && command -v redis-server > /dev/null ||
    fail "redis-benchmark and redis-server are needed: apt-get install -y redis-tools redis-server"
count_steps
echo "== clusterkv node benchmarks; work directory $work"
echo "== preparing the node (NODE_SOURCE=$node_source) in $work/dist"
prepare_launcher
describe_machine
sed 's/^/        /' "$work/machine.txt"
window_begin
run_started="$(now_ms)"
[[ $phases == *" resp "* ]] && resp_phase
if [[ $phases == *" memory "* || $phases == *" join "* ]]; then data_phase; fi
window_end
record kind=run seconds="$window_seconds" others_cpu_seconds="$others_cpu"
step "writing $results_dir/nodes.json, the table and $nodes_svg"
note "whole run: $window_seconds s; $others_note"
python3 "$benchmarks_dir/plot-nodes.py" build "$work" "$results_dir/nodes.json"
python3 "$benchmarks_dir/plot-nodes.py" "$results_dir/nodes.json" "$nodes_svg"
