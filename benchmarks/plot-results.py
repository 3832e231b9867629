#!/usr/bin/env python3
"""Turns the JMH JSON in benchmarks/results/ into the tables and the chart of docs/benchmarks.md.

Prints Markdown tables (core operations with the project's target ratios, value snapshots and, when present, the
cost breakdown) and writes docs/benchmarks-core.svg. Standard library only, so it runs wherever the benchmarks do.

    python3 benchmarks/plot-results.py [results-dir] [svg-path]
"""
import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OPERATIONS = ["get", "set", "setTTL", "increment"]
STORES = ["LocalKvStore", "ConcurrentHashMap", "Caffeine"]
COLOURS = {"LocalKvStore": "#1f77b4", "ConcurrentHashMap": "#7f7f7f", "Caffeine": "#ff7f0e"}
GET_TARGET = 1.3  # LocalKvStore get at most 1.3x ConcurrentHashMap's time per op


def load_core(results_dir):
    """Returns {(operation, store, threads): (score, error)} in ns/op."""
    scores = {}
    for path in sorted(results_dir.glob("core-operations-threads-*.json")):
        for run in json.loads(path.read_text()):
            operation = run["benchmark"].rsplit(".", 1)[1]
            metric = run["primaryMetric"]
            error = metric["scoreError"]
            scores[(operation, run["params"]["store"], run["threads"])] = (
                metric["score"], 0.0 if isinstance(error, str) or math.isnan(error) else error)
    return scores


def load_snapshots(results_dir):
    path = results_dir / "value-snapshot.json"
    if not path.exists():
        return []
    return [(run["params"]["shape"], run["primaryMetric"]["score"], run["primaryMetric"]["scoreError"])
            for run in json.loads(path.read_text())]


def load_breakdown(results_dir):
    """Returns {(method, threads): (score, error)} from CostBreakdownBenchmark runs, if any."""
    scores = {}
    for path in sorted(results_dir.glob("cost-breakdown-threads-*.json")):
        for run in json.loads(path.read_text()):
            metric = run["primaryMetric"]
            scores[(run["benchmark"].rsplit(".", 1)[1], run["threads"])] = (metric["score"], metric["scoreError"])
    return scores


def breakdown_table(scores):
    threads = sorted({t for _, t in scores})
    methods = list(dict.fromkeys(method for method, _ in scores))
    lines = ["| benchmark | " + " | ".join(f"{t} thread{'s' if t > 1 else ''}" for t in threads) + " |",
             "|---|" + "---:|" * len(threads)]
    for method in methods:
        cells = [f"{scores[(method, t)][0]:,.1f} ± {scores[(method, t)][1]:,.1f}" if (method, t) in scores else ""
                 for t in threads]
        lines.append(f"| `{method}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(local, other, limit):
    """Compares local/other with limit, calling it a draw when the error bars leave the answer open."""
    (score, error), (other_score, other_error) = local, other
    best = (score - error) / (other_score + other_error)
    worst = (score + error) / max(other_score - other_error, 1e-9)
    if worst <= limit:
        return "met"
    if best > limit:
        return "**missed**"
    return "within error" if score / other_score <= limit else "within error (leaning missed)"


def core_table(scores, threads):
    lines = ["| operation | threads | LocalKvStore | ConcurrentHashMap | Caffeine "
             "| LocalKvStore / CHM | LocalKvStore / Caffeine | aim |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for operation in OPERATIONS:
        for t in threads:
            row = [scores.get((operation, store, t)) for store in STORES]
            if None in row:
                continue
            local, chm, caffeine = row
            cells = " | ".join(f"{score:,.1f} ± {error:,.1f}" for score, error in row)
            to_chm, to_caffeine = local[0] / chm[0], local[0] / caffeine[0]
            aims = [f"ahead of Caffeine: {verdict(local, caffeine, 1.0)}"]
            if operation == "get":
                aims.insert(0, f"≤ {GET_TARGET}x CHM: {verdict(local, chm, GET_TARGET)}")
            lines.append(f"| {operation} | {t} | {cells} | {to_chm:.2f}x | {to_caffeine:.2f}x | {'; '.join(aims)} |")
    return "\n".join(lines)


def snapshot_table(snapshots):
    lines = ["| value | ns per snapshot |", "|---|---:|"]
    lines += [f"| {shape} | {score:,.1f} ± {error:,.1f} |" for shape, score, error in snapshots]
    return "\n".join(lines)


def svg_chart(scores, threads):
    """Grouped bars, one panel per thread count, on a log scale so the 10 ns and the 1000 ns bars both read."""
    panel_w, panel_h, top, left, bottom = 460, 300, 50, 60, 50
    width, height = left + len(threads) * (panel_w + 30), top + panel_h + bottom + 30
    low, high = 1.0, max(score for score, _ in scores.values()) * 2
    decades = range(int(math.floor(math.log10(low))), int(math.ceil(math.log10(high))) + 1)
    high = 10 ** decades[-1]

    def y_of(value):
        return top + panel_h * (1 - (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low)))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
           'clusterkv core: time per operation (ns/op, log scale, lower is better)</text>']
    for p, t in enumerate(threads):
        x0 = left + p * (panel_w + 30)
        out.append(f'<text x="{x0 + panel_w / 2}" y="{top - 10}" text-anchor="middle" font-size="12">'
                   f'{t} thread{"s" if t > 1 else ""}</text>')
        for d in decades:
            y = y_of(10 ** d)
            out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + panel_w}" y2="{y:.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{x0 - 4}" y="{y + 4:.1f}" text-anchor="end">{10 ** d:g}</text>')
        group_w = panel_w / len(OPERATIONS)
        bar_w = group_w * 0.8 / len(STORES)
        for g, operation in enumerate(OPERATIONS):
            gx = x0 + g * group_w + group_w * 0.1
            for s, store in enumerate(STORES):
                if (operation, store, t) not in scores:
                    continue
                score, error = scores[(operation, store, t)]
                x, y = gx + s * bar_w, y_of(max(score, low))
                centre = x + bar_w / 2 - 1
                out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" '
                           f'height="{top + panel_h - y:.1f}" fill="{COLOURS[store]}">'
                           f'<title>{store} {operation}, {t} thread(s): {score:.1f} ± {error:.1f} ns/op'
                           '</title></rect>')
                if error > 0:  # the 99.9% confidence interval JMH reports
                    y_low, y_high = y_of(max(score - error, low)), y_of(score + error)
                    out.append(f'<line x1="{centre:.1f}" y1="{y_low:.1f}" x2="{centre:.1f}" y2="{y_high:.1f}" '
                               'stroke="black" stroke-width="0.8"/>')
                    y = min(y, y_high)
                out.append(f'<text x="{centre:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
                           f'font-size="9">{score:.0f}</text>')
            out.append(f'<text x="{gx + group_w * 0.4:.1f}" y="{top + panel_h + 15}" '
                       f'text-anchor="middle">{operation}</text>')
        out.append(f'<line x1="{x0}" y1="{top + panel_h}" x2="{x0 + panel_w}" y2="{top + panel_h}" stroke="black"/>')
    legend_y = top + panel_h + 38
    for i, store in enumerate(STORES):
        lx = left + i * 170
        out.append(f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="{COLOURS[store]}"/>')
        out.append(f'<text x="{lx + 14}" y="{legend_y}">{store}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    results_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "benchmarks" / "results"
    svg_path = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "docs" / "benchmarks-core.svg"
    scores = load_core(results_dir)
    if not scores:
        sys.exit(f"no core-operations-threads-*.json in {results_dir}; run benchmarks/run-core.sh first")
    threads = sorted({t for _, _, t in scores})
    print(core_table(scores, threads))
    snapshots = load_snapshots(results_dir)
    if snapshots:
        print()
        print(snapshot_table(snapshots))
    breakdown = load_breakdown(results_dir)
    if breakdown:
        print()
        print(breakdown_table(breakdown))
    svg_path.parent.mkdir(parents=True, exist_ok=True)
    svg_path.write_text(svg_chart(scores, threads))
    print(f"\nchart written to {svg_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
