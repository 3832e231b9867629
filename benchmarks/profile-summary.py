#!/usr/bin/env python3
"""Summarizes a JFR recording of the replicated write path (benchmarks/profile-replicated.sh).

    python3 benchmarks/profile-summary.py <recording.jfr> [<ReplicatedWriteThroughput results.json>]

Prints the Java execution samples grouped by part of the write path (a sample counts for the first part, in the
order below, whose frames its stack holds), the busiest methods by self time, and, given the results JSON, the bytes
allocated per acknowledged write by class (JFR allocation samples, weighted; ops = measured ops/s x the recording's
length). Needs the JDK's jfr tool on the PATH. Standard library only.
"""
import collections
import json
import subprocess
import sys

PARTS = [  # (label, any of these in a frame's "Class.method" marks the part), first match wins
    ("benchmark harness (client loop bookkeeping, sorting latencies)", ("WriteLoad.summarize", "ReplicatedWriteThroughput")),
    ("callers: client threads calling and parking", ("WriteLoad$Client",)),
    ("clusterkv batcher: encode and send a batch", ("WriteBatcher",)),
    ("apply: store update (StoreEngine)", ("StoreEngine",)),
    ("apply: decode commands", ("CommandCodec.decodeCommand", "CommandBatch.command")),
    ("apply: log tail kept for catch-up", ("LogTail",)),
    ("apply: de-duplication table", ("DedupTable",)),
    ("apply: state digest", ("StateHashing",)),
    ("callers: completing futures, unpark", ("PendingWrites", "CompletableFuture", "LockSupport.unpark")),
    ("apply: the rest", ("ReplicatedStateMachine.apply", "ReplicationNode.apply", "CommandCodec.decodeBatch")),
    ("JGroups: send-side bundler", ("Bundler",)),
    ("JGroups: SEQUENCER (forward, order, duplicates)", ("SEQUENCER",)),
    ("JGroups: other protocols, (de)serialization", ("org/jgroups", "org.jgroups")),
]


def events(recording, event, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", event, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(event):
    trace = event["values"].get("stackTrace") or {"frames": []}
    return [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in trace["frames"]]


def part(names):
    for label, markers in PARTS:
        if any(marker in name for name in names for marker in markers):
            return label
    return "other"


def seconds(text):
    value, unit = text.split()[0], text.split()[-1] if len(text.split()) > 1 else "s"
    return float(value) * {"s": 1, "ms": 1e-3, "min": 60}.get(unit, 1)


def main():
    recording = sys.argv[1]
    samples = events(recording, "jdk.ExecutionSample", 64)
    parts, top = collections.Counter(), collections.Counter()
    for sample in samples:
        names = frames(sample)
        if names:
            parts[part(names)] += 1
            top[names[0]] += 1
    total = sum(parts.values()) or 1
    print(f"Java execution samples: {total}")
    for label, count in parts.most_common():
        print(f"  {100 * count / total:5.1f}%  {label}")
    print("busiest methods (self):")
    for name, count in top.most_common(12):
        print(f"  {100 * count / total:5.1f}%  {name}")
    if len(sys.argv) > 2:
        rows = json.load(open(sys.argv[2]))["rows"]
        rate = max(row["opsPerSecond"] for row in rows if row.get("opsPerSecond"))
        summary = subprocess.run(["jfr", "summary", recording], capture_output=True, text=True).stdout
        duration = next((seconds(line.split(":", 1)[1].strip()) for line in summary.splitlines()
                         if line.strip().startswith("Duration:")), 15.0)
        writes = rate * duration
        allocations = collections.Counter()
        for sample in events(recording, "jdk.ObjectAllocationSample", 1):
            allocations[sample["values"]["objectClass"]["name"]] += sample["values"]["weight"]
        print(f"allocated per acknowledged write: {sum(allocations.values()) / writes:,.0f} B "
              f"({rate:,.0f} writes/s x {duration:.0f} s)")
        for name, weight in allocations.most_common(12):
            print(f"  {weight / writes:7,.0f} B  {name}")


if __name__ == "__main__":
    main()
