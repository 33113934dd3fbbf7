#!/usr/bin/env python3
"""`clinic flags` on the national extract against a minimal pandas + numpy pipeline, whole processes, one run.

The workload is DESIGN.md's national extract (152 authorities x 12 metrics x 8 breakdowns x 120 months,
14,592 series, ~72 MB long CSV), written by Benchmarks' PeerWorkload (`ingest` mode). Both sides go from
the CSV to a JSON list of flags:

- Clinic: `clinic flags national.csv --json` (validation, a trend model per series with its seasonal
  choice and error model, the refit without the latest month, SPC on the residuals, studentised
  residuals with Benjamini-Hochberg, PELT changepoints, sentences).
- The peer does less, in the way a practitioner would write it fast: pandas.read_csv, pivot to the
  months x series matrix, one QR of the shared design (intercept, trend, 11 month dummies) for all
  series at once, the latest month against its 95%/99% prediction interval from the fit without it,
  and XmR limits on the residuals; json.dump of the flags. No validation, no model choice, no
  autocorrelation, no changepoints.

The two commands alternate, `--repeats` times each; the script prints the medians, the ratio and the peak
resident memory of each (from /usr/bin/time).

Usage: python3 Benchmarks/Peers/flags_vs_pandas.py [--repeats N] [--clinic PATH]
       (pip install pandas numpy scipy; builds the release `clinic` and PeerWorkload first if needed)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def peer(path, out):
    """The minimal pandas + numpy flags pipeline (run in its own process by the driver)."""
    import numpy as np
    import pandas as pd
    from scipy import stats

    frame = pd.read_csv(path, dtype={"month": str, "area": str, "metric": str, "breakdown": str, "value": float})
    wide = frame.pivot(index="month", columns=["area", "metric", "breakdown"], values="value").sort_index()
    y = wide.to_numpy()
    assert not np.isnan(y).any(), "the peer assumes a complete extract"
    n = y.shape[0]
    months = pd.PeriodIndex(wide.index, freq="M")
    x = np.column_stack([np.ones(n), np.arange(n, dtype=float)]
                        + [(months.month == m).astype(float) for m in range(2, 13)])
    k = x.shape[1]
    # The fit without the latest month: one QR for every series.
    q, r = np.linalg.qr(x[:-1])
    beta = np.linalg.solve(r, q.T @ y[:-1])
    residuals = y[:-1] - x[:-1] @ beta
    df = n - 1 - k
    sigma = np.sqrt((residuals ** 2).sum(axis=0) / df)
    latest = x[-1]
    leverage = np.sum(np.linalg.solve(r.T, latest) ** 2)
    se = sigma * np.sqrt(1 + leverage)
    predicted = latest @ beta
    gap = np.abs(y[-1] - predicted)
    t95, t99 = stats.t.ppf(0.975, df), stats.t.ppf(0.995, df)
    # XmR on the residuals of the full fit.
    q_full, r_full = np.linalg.qr(x)
    full = y - x @ np.linalg.solve(r_full, q_full.T @ y)
    centre = full.mean(axis=0)
    moving_range = np.abs(np.diff(full, axis=0)).mean(axis=0)
    outside = np.abs(full[-1] - centre) > 2.66 * moving_range
    flags = []
    keys = list(wide.columns)
    month = str(wide.index[-1])
    for j in np.nonzero((gap > t95 * se) | outside)[0]:
        area, metric, breakdown = keys[j]
        wide99 = gap[j] > t99 * se[j]
        flags.append({"area": area, "metric": metric, "dimensions": {"breakdown": breakdown}, "month": month,
                      "method": "forecast" if gap[j] > t95 * se[j] else "spc",
                      "observed": float(y[-1, j]), "expected": float(predicted[j]),
                      "severity": "red" if wide99 else "amber"})
    with open(out, "w") as handle:
        json.dump({"flags": flags}, handle)


def timed(command, output):
    """Runs `command` (stdout to `output`) under /usr/bin/time; returns (seconds, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile("r") as report, open(output, "w") as sink:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", report.name] + command, stdout=sink,
                       stderr=subprocess.DEVNULL, check=False)
        seconds, kilobytes = report.read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--clinic", default=os.path.join(ROOT, ".build", "release", "clinic"))
    parser.add_argument("--peer", nargs=2, metavar=("CSV", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        peer(*args.peer)
        return
    if not os.path.exists(args.clinic):
        subprocess.run(["swift", "build", "-c", "release", "--product", "clinic"], cwd=ROOT, check=True)
    sys.path.insert(0, HERE)
    import peer_workload
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([peer_workload.binary(), "ingest", out, "1"], check=True, capture_output=True)
        path = os.path.join(out, "national.csv")
        size = os.path.getsize(path) / 1e6
        clinic_runs, peer_runs = [], []
        for _ in range(args.repeats):
            clinic_runs.append(timed([args.clinic, "flags", path, "--json"], os.path.join(out, "clinic.json")))
            peer_runs.append(timed([sys.executable, os.path.abspath(__file__), "--peer", path, os.path.join(out, "peer.json")],
                                   os.devnull))
        clinic_flags = len(json.load(open(os.path.join(out, "clinic.json")))["flags"])
        peer_flags = len(json.load(open(os.path.join(out, "peer.json")))["flags"])

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    clinic_s, peer_s = median([t for t, _ in clinic_runs]), median([t for t, _ in peer_runs])
    clinic_mb, peer_mb = max(m for _, m in clinic_runs), max(m for _, m in peer_runs)
    print(f"national extract: {size:.1f} MB; {args.repeats} alternating runs each, whole processes")
    print(f"clinic flags --json:        median {clinic_s:6.2f} s   peak RSS {clinic_mb:7.0f} MB ({clinic_mb / size:.1f}x the file)   {clinic_flags} flags")
    print(f"pandas + numpy (does less): median {peer_s:6.2f} s   peak RSS {peer_mb:7.0f} MB ({peer_mb / size:.1f}x the file)   {peer_flags} flags")
    print(f"ratio clinic / peer: {clinic_s / peer_s:.2f}x the time")


if __name__ == "__main__":
    main()
