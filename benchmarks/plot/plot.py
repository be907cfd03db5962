#!/usr/bin/env python3
"""Plots of vmsvc-bench results (benchmarks/README.md, "Harness").

Usage: plot.py RESULT.json [MORE.json ...] [--out PREFIX]

Reads the JSON documents vmsvc-bench writes and draws, next to the first one (or at PREFIX):
  PREFIX-latency-cdf.png        propagation latency CDF of each churn run (one line per run)
  PREFIX-writes-per-change.png  operator writes per change by resource, per run
  PREFIX-scaleout.png           max rate held and p99 versus workers (only for a sweep)
Runs from several files are drawn together, so a vmsvc file and a reference file compare.
"""
import argparse
import json
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(paths):
    runs, reports, seen = [], [], {}
    for path in paths:
        report = json.loads(pathlib.Path(path).read_text())
        reports.append(report)
        for run in report["runs"]:
            # Two files may hold runs of the same kind: number the repeats so bars stay apart.
            name = label(run)
            seen[name] = seen.get(name, 0) + 1
            run["label"] = name if seen[name] == 1 else f"{name} #{seen[name]}"
            runs.append(run)
    return reports, runs


def label(run):
    latency = f", {run['apiLatencyMs']} ms API" if run.get("apiLatencyMs") else ""
    workers = f", {run['workers']} workers" if run["mode"] == "vmsvc" else ""
    return f"{run['mode']}{workers}{latency}"


def latency_cdf(runs, out):
    fig, ax = plt.subplots(figsize=(8, 5))
    drawn = False
    for run in runs:
        cdf = (run.get("churn") or {}).get("latency", {}).get("cdf") or []
        if not cdf:
            continue
        percentiles = [point[0] for point in cdf]
        millis = [max(point[1], 0.001) for point in cdf]
        p99 = run["churn"]["latency"]["p99Ms"]
        ax.step(millis, percentiles, where="post", label=f"{run['label']} (p99 {p99:.0f} ms)")
        drawn = True
    if not drawn:
        plt.close(fig)
        return None
    ax.set_xscale("log")
    ax.set_xlabel("propagation latency: VM write sent → Endpoints seen on a watch (ms, log scale)")
    ax.set_ylabel("percentile of changes")
    ax.set_ylim(0, 100.5)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="lower right")
    ax.set_title("Propagation latency under churn")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def writes_per_change(runs, out):
    rows = []
    for run in runs:
        churn = run.get("churn") or {}
        requests = churn.get("requests")
        applied = churn.get("churn", {}).get("sent", 0) - churn.get("churn", {}).get("failed", 0)
        if not requests or applied <= 0:
            continue
        rows.append((run["label"], {k: v / applied for k, v in requests.get("writesByResource", {}).items()}))
    if not rows:
        return None
    resources = sorted({resource for _, by in rows for resource in by})
    fig, ax = plt.subplots(figsize=(8, 5))
    bottoms = [0.0] * len(rows)
    for resource in resources:
        values = [by.get(resource, 0.0) for _, by in rows]
        ax.bar([name for name, _ in rows], values, bottom=bottoms, label=resource)
        bottoms = [b + v for b, v in zip(bottoms, values)]
    for index, total in enumerate(bottoms):
        ax.annotate(f"{total:.2f}", (index, total), ha="center", va="bottom")
    ax.set_ylabel("operator API writes per VM change")
    ax.set_title("Writes per change, by resource")
    ax.legend()
    fig.autofmt_xdate(rotation=15)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def scaleout(reports, out):
    points = [p for report in reports for p in (report.get("scaleOut") or [])]
    if len(points) < 2:
        return None
    points.sort(key=lambda p: p["workers"])
    workers = [p["workers"] for p in points]
    held = [p.get("maxRateHeld") or 0 for p in points]
    p99 = [p["p99Ms"] for p in points]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.5))
    left.plot(workers, held, marker="o", label="max rate held")
    if held[0]:
        left.plot(workers, [held[0] * w / workers[0] for w in workers], linestyle="--", color="grey", label="linear")
    left.set_xlabel("workers")
    left.set_ylabel("changes per second held (p99 within bound)")
    left.set_xticks(workers)
    left.legend()
    left.grid(True, alpha=0.3)
    right.plot(workers, p99, marker="o", color="tab:red")
    right.set_xlabel("workers")
    right.set_ylabel("p99 propagation latency at the base rate (ms)")
    right.set_xticks(workers)
    right.grid(True, alpha=0.3)
    latency = reports[0].get("parameters", {}).get("scaleOutLatencyMs")
    fig.suptitle(f"Scale-out with {latency} ms per API answer")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+")
    parser.add_argument("--out", help="path prefix of the PNGs (default: the first JSON without .json)")
    args = parser.parse_args()
    reports, runs = load(args.results)
    prefix = args.out or str(pathlib.Path(args.results[0]).with_suffix(""))
    for made in (
        latency_cdf(runs, f"{prefix}-latency-cdf.png"),
        writes_per_change(runs, f"{prefix}-writes-per-change.png"),
        scaleout(reports, f"{prefix}-scaleout.png"),
    ):
        if made:
            print(f"wrote {made}")


if __name__ == "__main__":
    main()
