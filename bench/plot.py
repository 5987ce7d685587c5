#!/usr/bin/env python3
"""Plots of a `cargo xtask bench` report: `python3 bench/plot.py REPORT.json OUT_DIR`.

Writes three PNGs into OUT_DIR:
- throughput-vs-connections.png: the mixed session's throughput and p99
  latency against the number of connections;
- latency-cdf.png: the latency distribution of each scenario through the
  router (wrk's percentiles);
- latency-vs-catalog.png: search, misspelled search and the category
  listing's p50 and p99 against the catalog size.
Needs matplotlib (`pip install matplotlib`).
"""

import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(report_path, out_dir):
    with open(report_path) as f:
        report = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    subtitle = f"{report['date']}, {report['machine']['cores']} cores, release build, loopback"

    sweep = report["mixed_sweep"]
    fig, ax = plt.subplots(figsize=(7, 4))
    conns = [r["connections"] for r in sweep]
    ax.plot(conns, [r["throughput"] for r in sweep], "o-", color="tab:blue", label="requests/s")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("connections")
    ax.set_ylabel("requests per second", color="tab:blue")
    ax2 = ax.twinx()
    ax2.plot(conns, [r["p99_us"] / 1000 for r in sweep], "s--", color="tab:red", label="p99")
    ax2.set_ylabel("p99 latency (ms)", color="tab:red")
    ax.set_title(f"Mixed shopping session through the router\n{subtitle}", fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "throughput-vs-connections.png"), dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for scenario in report["scenarios"]:
        run = scenario["runs"][0]
        cdf = run["cdf"]
        ax.plot([p[1] / 1000 for p in cdf], [p[0] for p in cdf], label=scenario["name"])
    ax.set_xscale("log")
    ax.set_xlabel("latency (ms, log scale)")
    ax.set_ylabel("percentile")
    ax.set_title(f"Latency through the router, {report['connections']} connections\n{subtitle}", fontsize=10)
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "latency-cdf.png"), dpi=110)
    plt.close(fig)

    scaling = report["scaling"]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    sizes = [p["products"] for p in scaling]
    for key, label, color in [("search", "search", "tab:blue"), ("misspelled", "misspelled search", "tab:orange"),
                              ("listing", "listing with facets", "tab:green")]:
        ax.plot(sizes, [p[key]["p99_us"] / 1000 for p in scaling], "o-", color=color, label=f"{label}, p99")
        ax.plot(sizes, [p[key]["p50_us"] / 1000 for p in scaling], "o:", color=color, label=f"{label}, p50")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("products in the catalog")
    ax.set_ylabel("latency (ms)")
    ax.set_title(f"Latency against catalog size, {report['connections']} connections\n{subtitle}", fontsize=10)
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "latency-vs-catalog.png"), dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
