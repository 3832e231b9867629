#!/usr/bin/env bash
# Where a replicated write's time goes (docs/benchmarks.md, "Where the time goes"): runs the in-JVM 3-node cluster
# (ReplicatedWriteThroughput) doing increments with 32 client threads, once per system, and records
#
#   - a JFR recording (Java samples every 1 ms, allocation samples) of the measured window, and a summary of it:
#     Java samples by part of the write path, and bytes allocated per acknowledged write by class;
#   - user and system CPU time and context switches of the whole JVM (/usr/bin/time);
#   - if perf is installed: task clock, context switches and system calls of 5 s of the measured window (perf stat),
#     and the system calls by name over 2 s (perf trace -s).
#
# Uses the benchmarks module as built in this tree (mvn -B -q -pl benchmarks -am package -DskipTests). Hold the
# benchmark lock on a shared machine. About 2 minutes.
#
#   flock -x /tmp/clusterkv-cpu.lock benchmarks/profile-replicated.sh
#   SYSTEMS="clusterkv-shared-loopback" OUT_DIR=/tmp/prof benchmarks/profile-replicated.sh
set -euo pipefail

benchmarks_dir="$(cd "$(dirname "$0")" && pwd)"
out="${OUT_DIR:-$(mktemp -d /tmp/clusterkv-profile.XXXXXX)}"
systems="${SYSTEMS:-clusterkv-shared-loopback clusterkv}"
threads="${THREADS:-32}"
classpath="$benchmarks_dir/target/classes:$(cat "$benchmarks_dir/target/replicated-classpath/clusterkv.classpath")"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
mkdir -p "$out"

# JFR's profile settings, with Java samples every 1 ms instead of 10 ms
python3 - "$java_home/lib/jfr/profile.jfc" "$out/profile-1ms.jfc" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'(<event name="jdk.ExecutionSample">.*?<setting name="period"[^>]*>)[^<]*(</setting>)',
              r'\g<1>1 ms\2', text, count=1, flags=re.S)
open(sys.argv[2], "w").write(text)
EOF

for system in $systems; do
    echo "== $system: increments, $threads client threads; JFR, time, perf"
    log="$out/$system.log"
    /usr/bin/time -o "$out/$system.time" -f "user %U s, system %S s, wall %e s, voluntary context switches %w, involuntary %c" \
        java -Xms2g -Xmx2g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true \
        -XX:StartFlightRecording=settings="$out/profile-1ms.jfc",filename="$out/$system.jfr",delay=8s,duration=15s \
        -cp "$classpath" io.clusterkv.benchmarks.replicated.ReplicatedWriteThroughput --systems "$system" \
        --ops increment --threads "$threads" --warmup 6 --seconds 16 --out "$out/$system.json" > "$log" 2>&1 &
    time_pid=$!
    until pid="$(pgrep -P "$time_pid" java)"; do sleep 0.2; done
    until grep -q "warming up" "$log"; do sleep 0.2; done
    sleep 9
    if command -v perf > /dev/null; then
        perf stat -e task-clock,context-switches,cpu-migrations,raw_syscalls:sys_enter -p "$pid" -- sleep 5 \
            2> "$out/$system.perf-stat" || true
        perf trace -s -p "$pid" -- sleep 2 > /dev/null 2> "$out/$system.perf-trace" || true
    fi
    wait "$time_pid"
    grep "ops/s" "$log" | head -1
    cat "$out/$system.time"
    python3 "$benchmarks_dir/profile-summary.py" "$out/$system.jfr" "$out/$system.json" | tee "$out/$system.summary"
done
echo "== everything in $out"
