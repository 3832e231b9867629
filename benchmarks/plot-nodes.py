#!/usr/bin/env python3
"""Results of benchmarks/run-nodes.sh: clusterkv node processes beside Debian's redis-server.

    python3 benchmarks/plot-nodes.py build <work-dir> <nodes.json>   # run-nodes.sh: measurements -> nodes.json
    python3 benchmarks/plot-nodes.py [nodes.json] [svg-path]          # the Markdown table, and the chart

The build step adds, for each clusterkv memory row, what the loaded keys added to the live heap class by class
(the difference of two jcmd GC.class_histogram outputs, per entry). The table has one row per measurement, with
clusterkv beside redis-server and the ratio between them; the chart (docs/benchmarks-nodes.svg by default) puts
clusterkv beside redis for each RESP test and for memory. Standard library only.
"""
import json
import re
import sys
from pathlib import Path

from chart_scale import nice_ceiling, short

REPO = Path(__file__).resolve().parent.parent
TESTS = ["GET", "SET", "INCR", "MSET"]
PIPELINES = [1, 16]
RESP_GOALS = {("GET", 1): 0.8, ("SET", 1): 0.8, ("GET", 16): 0.5, ("SET", 16): 0.5}  # at least, x redis
MEMORY_GOAL = 2.0  # at most, x redis' bytes per entry
TARGETS = {"clusterkv-1": "clusterkv, 1 node", "clusterkv-3": "clusterkv, 3 nodes", "redis": "redis-server"}
COLOURS = {"clusterkv-1": "#1f77b4", "clusterkv-3": "#9ecae1", "redis": "#d62728"}
HISTOGRAM_LINE = re.compile(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)")


# ------------------------------------------------------------------------------------------------ build

def read_histogram(path):
    """Returns {class name: (instances, bytes)} from a jcmd GC.class_histogram output."""
    classes = {}
    for line in Path(path).read_text().splitlines():
        match = HISTOGRAM_LINE.match(line)
        if match:
            instances, size, name = match.groups()
            classes[name] = (int(instances), int(size))
    return classes


def breakdown(empty_path, loaded_path, entries, top=12):
    """What the loaded entries added to the live heap, by class, largest first, per entry."""
    empty, loaded = read_histogram(empty_path), read_histogram(loaded_path)
    rows = []
    for name in set(empty) | set(loaded):
        instances = loaded.get(name, (0, 0))[0] - empty.get(name, (0, 0))[0]
        size = loaded.get(name, (0, 0))[1] - empty.get(name, (0, 0))[1]
        rows.append({"class": name, "instances_per_entry": round(instances / entries, 4),
                     "bytes_per_entry": round(size / entries, 2),
                     "bytes_per_instance": round(size / instances, 1) if instances else None})
    rows.sort(key=lambda row: -abs(row["bytes_per_entry"]))
    shown = rows[:top]
    rest = sum(row["bytes_per_entry"] for row in rows[top:])
    shown.append({"class": "(all other classes)", "bytes_per_entry": round(rest, 2)})
    return shown


def read_machine(path):
    machine = {}
    for line in Path(path).read_text().splitlines():
        key, _, value = line.partition(": ")
        machine[key] = value
    return machine


def build(work_dir, out_path):
    work = Path(work_dir)
    measurements = [json.loads(line) for line in (work / "measurements.jsonl").read_text().splitlines() if line]
    for record in measurements:
        if record["kind"] == "memory" and record["target"] == "clusterkv":
            record["breakdown"] = breakdown(record["histogram_empty"], record["histogram_loaded"], record["entries"])
    result = {"machine": read_machine(work / "machine.txt"), "measurements": measurements}
    Path(out_path).write_text(json.dumps(result, indent=1) + "\n")
    print(f"        results written to {out_path}", file=sys.stderr)


# ------------------------------------------------------------------------------------------------ table

def per_entry(record):
    if record["target"] == "redis":
        return (record["used_memory_after"] - record["used_memory_before"]) / record["entries"]
    return (record["loaded_live_bytes"] - record["empty_live_bytes"]) / record["entries"]


def share(record):
    """Other processes' CPU during the measurement, as a share of one core."""
    seconds = record.get("seconds") or record.get("load_seconds")
    if not seconds:
        return None
    return 100 * record["others_cpu_seconds"] / seconds


def interference(*records):
    shares = [share(record) for record in records if record is not None and share(record) is not None]
    return " / ".join(f"{value:.0f}%" for value in shares) if shares else ""


def verdict(ratio, goal, at_least):
    if goal is None or ratio is None:
        return ""
    met = ratio >= goal if at_least else ratio <= goal
    return f"{'≥' if at_least else '≤'} {goal}x: {'met' if met else '**missed**'}"


def resp_rows(measurements):
    resp = {(r["target"], r["test"], r["pipeline"]): r for r in measurements if r["kind"] == "resp"}
    lines = []
    for target in ("clusterkv-1", "clusterkv-3"):
        for pipeline in PIPELINES:
            for test in TESTS:
                ours, redis = resp.get((target, test, pipeline)), resp.get(("redis", test, pipeline))
                if ours is None:
                    continue
                ratio = (ours["rps"] / redis["rps"] if redis and ours["rps"] and redis["rps"] else None)
                goal = RESP_GOALS.get((test, pipeline)) if target == "clusterkv-1" else None
                lines.append(row(f"{test} -P {pipeline}, {TARGETS[target]} (req/s)", number(ours["rps"]),
                                 number(redis["rps"]) if redis else "", ratio,
                                 verdict(ratio, goal, True), interference(ours, redis)))
    return lines


def memory_rows(measurements):
    memory = {(r["target"], r["ttl"]): r for r in measurements if r["kind"] == "memory"}
    lines = []
    for ttl in (False, True):
        ours, redis = memory.get(("clusterkv", ttl)), memory.get(("redis", ttl))
        if ours is None and redis is None:
            continue
        ours_value, redis_value = (per_entry(r) if r else None for r in (ours, redis))
        ratio = ours_value / redis_value if ours_value and redis_value else None
        entries = (ours or redis)["entries"]
        lines.append(row(f"memory, {entries:,} keys{' with EX 3600' if ttl else ''} (bytes per entry)",
                         number(ours_value, 1), number(redis_value, 1), ratio, verdict(ratio, MEMORY_GOAL, False),
                         interference(ours, redis)))
    return lines


def join_rows(measurements):
    lines = []
    for record in (r for r in measurements if r["kind"] == "join"):
        what = f"join a cluster of {record['providers']} holding {record['entries']:,} keys"
        seconds = lambda millis: None if millis is None else millis / 1000
        lines.append(row(f"{what}: process start to ready (s)", number(seconds(record["launch_to_ready_ms"]), 2),
                         "", None, "", interference(record)))
        lines.append(row(f"{what}: state transfer, asking to installed (s)",
                         number(seconds(record["transfer_ms"]), 2), "", None, "", ""))
    return lines


def number(value, digits=0):
    return "" if value is None else f"{value:,.{digits}f}"


def row(what, ours, redis, ratio, aim, disturbed):
    return f"| {what} | {ours} | {redis} | {'' if ratio is None else f'{ratio:.2f}x'} | {aim} | {disturbed} |"


def table(measurements):
    lines = ["| measurement | clusterkv | redis-server | clusterkv / redis | goal | others' CPU |",
             "|---|---:|---:|---:|---|---:|"]
    return "\n".join(lines + resp_rows(measurements) + memory_rows(measurements) + join_rows(measurements))


def breakdown_text(measurements):
    out = []
    for record in (r for r in measurements if r["kind"] == "memory" and "breakdown" in r):
        out.append(f"Live heap added per entry, clusterkv, TTL {record['ttl']}: "
                   f"{per_entry(record):.1f} bytes")
        for item in record["breakdown"]:
            extra = ""
            if item.get("instances_per_entry") is not None:
                extra = f"  ({item['instances_per_entry']:.3f} per entry, {item['bytes_per_instance']} B each)"
            out.append(f"  {item['bytes_per_entry']:8.1f}  {item['class']}{extra}")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ chart

def svg_chart(measurements):
    """Three panels: requests/s at -P 1 and at -P 16 per test, and bytes per entry; linear scales."""
    resp = {(r["target"], r["test"], r["pipeline"]): r["rps"] for r in measurements if r["kind"] == "resp"}
    memory = {(r["target"], r["ttl"]): per_entry(r) for r in measurements if r["kind"] == "memory"}
    panels = [(f"requests/s, -P {p} (higher is better)", [
        (test, [(t, resp.get((t, test, p))) for t in ("clusterkv-1", "clusterkv-3", "redis")]) for test in TESTS])
        for p in PIPELINES]
    panels.append(("bytes per entry (lower is better)", [
        (label, [("clusterkv-1", memory.get(("clusterkv", ttl))), ("redis", memory.get(("redis", ttl)))])
        for label, ttl in (("no TTL", False), ("EX 3600", True))]))
    panel_w, panel_h, top, left, gap = 330, 260, 60, 70, 40
    width, height = left + len(panels) * (panel_w + gap), top + panel_h + 80
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
           'clusterkv beside redis-server: redis-benchmark, 50 clients, and memory for 1,000,000 keys</text>']
    for index, (title, groups) in enumerate(panels):
        x0 = left + index * (panel_w + gap)
        out += svg_panel(x0, top, panel_w, panel_h, title, groups)
    legend_y = top + panel_h + 55
    for i, target in enumerate(("clusterkv-1", "clusterkv-3", "redis")):
        lx = left + i * 190
        out.append(f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="{COLOURS[target]}"/>')
        out.append(f'<text x="{lx + 14}" y="{legend_y}">{TARGETS[target]}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def svg_panel(x0, top, panel_w, panel_h, title, groups):
    values = [v for _, bars in groups for _, v in bars if v]
    high = nice_ceiling(max(values) if values else 1, headroom=1.08)
    y_of = lambda value: top + panel_h * (1 - value / high)
    out = [f'<text x="{x0 + panel_w / 2}" y="{top - 15}" text-anchor="middle" font-size="12">{title}</text>']
    for tick in range(5):
        value = high * tick / 4
        out.append(f'<line x1="{x0}" y1="{y_of(value):.1f}" x2="{x0 + panel_w}" y2="{y_of(value):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{x0 - 4}" y="{y_of(value) + 4:.1f}" text-anchor="end">{short(value)}</text>')
    group_w = panel_w / len(groups)
    for g, (label, bars) in enumerate(groups):
        bar_w = group_w * 0.8 / len(bars)
        gx = x0 + g * group_w + group_w * 0.1
        for b, (target, value) in enumerate(bars):
            if not value:
                continue
            x, y = gx + b * bar_w, y_of(value)
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{top + panel_h - y:.1f}" '
                       f'fill="{COLOURS[target]}"><title>{TARGETS[target]}, {label}: {value:,.1f}</title></rect>')
            out.append(f'<text x="{x + bar_w / 2 - 1:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                       f'font-size="9">{short(value)}</text>')
        redis = dict(bars).get("redis")
        ours = dict(bars).get("clusterkv-1")
        ratio = f" ({ours / redis:.2f}x)" if ours and redis else ""
        out.append(f'<text x="{gx + group_w * 0.4:.1f}" y="{top + panel_h + 15}" text-anchor="middle">'
                   f'{label}{ratio}</text>')
    out.append(f'<line x1="{x0}" y1="{top + panel_h}" x2="{x0 + panel_w}" y2="{top + panel_h}" stroke="black"/>')
    return out


# ------------------------------------------------------------------------------------------------ main

def main():
    if len(sys.argv) > 1 and sys.argv[1] == "build":
        if len(sys.argv) != 4:
            sys.exit("usage: plot-nodes.py build <work-dir> <nodes.json>")
        build(sys.argv[2], sys.argv[3])
        return
    results = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "benchmarks" / "results" / "nodes.json"
    svg_path = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "docs" / "benchmarks-nodes.svg"
    if not results.exists():
        sys.exit(f"no {results}; run benchmarks/run-nodes.sh first")
    data = json.loads(results.read_text())
    print(table(data["measurements"]))
    details = breakdown_text(data["measurements"])
    if details:
        print("\n" + details)
    svg_path.parent.mkdir(parents=True, exist_ok=True)
    svg_path.write_text(svg_chart(data["measurements"]))
    print(f"\nchart written to {svg_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
