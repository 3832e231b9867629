#!/usr/bin/env python3
"""The one table of benchmarks/run-all.sh, and its charts.

    python3 benchmarks/plot-all.py [results-dir] [docs-dir]

Reads results/replicated-comparison.json (run-replicated.sh) and results/nodes.json (run-nodes.sh), prints one
Markdown table with clusterkv beside each competitor and the ratios, writes it to results/summary.md, and draws
docs/benchmarks-replicated.svg (replicated writes, every system side by side) and docs/benchmarks-nodes.svg
(clusterkv beside redis-server). Standard library only.
"""
import importlib.util
import json
import sys
from pathlib import Path

from chart_scale import nice_ceiling, short

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SYSTEMS = [  # id, short label, colour; clusterkv first
    ("clusterkv", "clusterkv, TCP, none policy", "#1f77b4"),
    ("clusterkv-majority", "clusterkv, TCP, majority", "#6baed6"),
    ("clusterkv-shared-loopback", "clusterkv, in-JVM transport", "#08306b"),
    ("clusterkv-processes", "clusterkv, 3 processes, RESP", "#9ecae1"),
    ("infinispan", "Infinispan REPL_SYNC", "#d62728"),
    ("hazelcast-imap", "Hazelcast IMap, 1 sync backup", "#ff7f0e"),
    ("hazelcast-replicatedmap", "Hazelcast ReplicatedMap (async)", "#fdae6b"),
]
COMPETITORS = ["infinispan", "hazelcast-imap", "hazelcast-replicatedmap"]
OURS_EMBEDDED = ["clusterkv", "clusterkv-majority", "clusterkv-shared-loopback"]
INCREMENT_GOAL = 100_000


def load_plot_nodes():
    spec = importlib.util.spec_from_file_location("plot_nodes", HERE / "plot-nodes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def number(value, digits=0):
    return "" if value is None else f"{value:,.{digits}f}"


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else ""


# ------------------------------------------------------------------------------------------------ replicated

def replicated_cells(data):
    """{(system id, operation, threads): row} for measured rows (n/a rows have no opsPerSecond)."""
    return {(r["systemId"], r["operation"], r["threads"]): r for r in data["rows"] if r.get("opsPerSecond")}


def replicated_table(data):
    cells = replicated_cells(data)
    present = [s for s in SYSTEMS if any(key[0] == s[0] for key in cells)]
    keys = sorted({(k[1], k[2]) for k in cells}, key=lambda k: (["set", "increment", "mset"].index(k[0]), k[1]))
    head = ["operation", "threads"] + [label for _, label, _ in present]
    ours = [s for s in OURS_EMBEDDED if any(p[0] == s for p in present)]
    comps = [s for s in COMPETITORS if any(p[0] == s for p in present)]
    ratio_heads = [f"{short_id(o)} / {short_id(c)}" for o in ours[:2] for c in comps]
    lines = ["| " + " | ".join(head + ratio_heads) + " |",
             "|---|---:|" + "---:|" * (len(present) + len(ratio_heads))]
    for operation, threads in keys:
        values = []
        for system_id, _, _ in present:
            row = cells.get((system_id, operation, threads))
            values.append(cell(row))
        ratios = []
        for o in ours[:2]:
            for c in comps:
                a, b = cells.get((o, operation, threads)), cells.get((c, operation, threads))
                ratios.append(bold_if_behind(a, b))
        lines.append(f"| {operation} | {threads} | " + " | ".join(values + ratios) + " |")
    return "\n".join(lines)


def short_id(system_id):
    return {"clusterkv": "ckv", "clusterkv-majority": "ckv maj.", "clusterkv-shared-loopback": "ckv in-JVM",
            "infinispan": "ISPN", "hazelcast-imap": "HZ IMap", "hazelcast-replicatedmap": "HZ RMap"}[system_id]


def cell(row):
    if row is None:
        return "n/a"
    text = f"{row['opsPerSecond']:,.0f} ({row['p99Micros'] / 1000:.1f})"
    return text + (f" {row['errors']} err" if row.get("errors") else "")


def bold_if_behind(a, b):
    if not a or not b:
        return ""
    value = a["opsPerSecond"] / b["opsPerSecond"]
    return f"{value:.2f}x" if value >= 1 else f"**{value:.2f}x**"


def goals(data):
    cells = replicated_cells(data)
    out = []
    increments = [(k[0], k[2], r) for k, r in cells.items() if k[1] == "increment" and k[0] in OURS_EMBEDDED]
    if increments:
        system, threads, best = max(increments, key=lambda item: item[2]["opsPerSecond"])
        out.append(f"- {INCREMENT_GOAL:,} acknowledged increments/s on 3 in-JVM nodes: best {best['opsPerSecond']:,.0f}"
                   f" ({system}, {threads} threads): "
                   + ("met" if best["opsPerSecond"] >= INCREMENT_GOAL else "**missed**"))
        half = [(s, t, r) for s, t, r in increments if r["opsPerSecond"] >= INCREMENT_GOAL / 2]
        if half:
            s, t, r = min(half, key=lambda item: item[2]["opsPerSecond"])
            out.append(f"- p99 under 5 ms at {INCREMENT_GOAL // 2:,}/s or more: {s}, {t} threads, "
                       f"{r['opsPerSecond']:,.0f}/s, p99 {r['p99Micros'] / 1000:.1f} ms: "
                       + ("met" if r["p99Micros"] < 5000 else "**missed**"))
        else:
            out.append(f"- p99 under 5 ms at {INCREMENT_GOAL // 2:,}/s: no in-JVM increment row reached that rate")
    for ours in ("clusterkv", "clusterkv-majority"):
        behind = []
        total = 0
        for (system, operation, threads), row in cells.items():
            if system not in COMPETITORS:
                continue
            mine = cells.get((ours, operation, threads))
            if mine is None:
                continue
            total += 1
            if mine["opsPerSecond"] < row["opsPerSecond"]:
                behind.append(f"{operation}/{threads} vs {short_id(system)} "
                              f"({mine['opsPerSecond'] / row['opsPerSecond']:.2f}x)")
        if total:
            out.append(f"- {ours} ahead of every competitor: ahead on {total - len(behind)} of {total} comparisons"
                       + (f"; behind on {', '.join(sorted(behind))}" if behind else ""))
    return "\n".join(out)


def replicated_svg(data):
    cells = replicated_cells(data)
    present = [s for s in SYSTEMS if any(key[0] == s[0] for key in cells)]
    operations = [op for op in ("set", "increment", "mset") if any(k[1] == op for k in cells)]
    threads = sorted({k[2] for k in cells})
    panel_w, panel_h, top, left, gap = 120 * len(threads) + 40, 300, 60, 70, 50
    width = left + len(operations) * (panel_w + gap)
    height = top + panel_h + 50 + 18 * ((len(present) + 1) // 2)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">Replicated writes on 3 nodes, '
           'acknowledged operations/s (higher is better), by client threads</text>']
    for index, operation in enumerate(operations):
        x0 = left + index * (panel_w + gap)
        values = [cells[k]["opsPerSecond"] for k in cells if k[1] == operation]
        high = nice_ceiling(max(values))
        y_of = lambda v, high=high: top + panel_h * (1 - v / high)
        out.append(f'<text x="{x0 + panel_w / 2}" y="{top - 15}" text-anchor="middle" font-size="12">'
                   f'{operation}</text>')
        for tick in range(5):
            v = high * tick / 4
            out.append(f'<line x1="{x0}" y1="{y_of(v):.1f}" x2="{x0 + panel_w}" y2="{y_of(v):.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{x0 - 4}" y="{y_of(v) + 4:.1f}" text-anchor="end">{short(v)}</text>')
        group_w = panel_w / len(threads)
        for g, count in enumerate(threads):
            bar_w = group_w * 0.85 / len(present)
            gx = x0 + g * group_w + group_w * 0.075
            for b, (system_id, label, colour) in enumerate(present):
                row = cells.get((system_id, operation, count))
                if row is None:
                    continue
                x, y = gx + b * bar_w, y_of(row["opsPerSecond"])
                out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 1):.1f}" '
                           f'height="{top + panel_h - y:.1f}" fill="{colour}"><title>{label}, {operation}, '
                           f'{count} threads: {row["opsPerSecond"]:,.0f}/s, p99 {row["p99Micros"]:,.0f} µs'
                           f'</title></rect>')
            out.append(f'<text x="{gx + group_w * 0.425:.1f}" y="{top + panel_h + 15}" text-anchor="middle">'
                       f'{count} thread{"" if count == 1 else "s"}</text>')
        out.append(f'<line x1="{x0}" y1="{top + panel_h}" x2="{x0 + panel_w}" y2="{top + panel_h}" '
                   'stroke="black"/>')
    for i, (_, label, colour) in enumerate(present):
        lx, ly = left + (i % 2) * 330, top + panel_h + 45 + 18 * (i // 2)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{lx + 14}" y="{ly}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------------ main

def main():
    results = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results"
    docs = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "docs"
    parts = []
    replicated = results / "replicated-comparison.json"
    if replicated.exists():
        data = json.loads(replicated.read_text())
        parts.append(f"### Replicated writes ({data['date']}, revision {data['revision']})\n\n"
                     "ops/s acknowledged (p99 in ms); ratios: clusterkv's ops/s over the competitor's, "
                     "**bold** where clusterkv is behind.\n\n" + replicated_table(data) + "\n\n" + goals(data)
                     + "\n\n" + data["interference"]["line"])
        (docs / "benchmarks-replicated.svg").write_text(replicated_svg(data))
    nodes = results / "nodes.json"
    if nodes.exists():
        plot_nodes = load_plot_nodes()
        data = json.loads(nodes.read_text())
        machine = data["machine"]
        parts.append(f"### Node processes beside redis-server ({machine.get('date')}, revision "
                     f"{machine.get('revision')})\n\n" + plot_nodes.table(data["measurements"]))
        (docs / "benchmarks-nodes.svg").write_text(plot_nodes.svg_chart(data["measurements"]))
    if not parts:
        sys.exit(f"no results in {results}: run benchmarks/run-all.sh")
    text = "\n\n".join(parts) + "\n"
    (results / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
