#!/usr/bin/env python3
"""Clinic's ingest of the national long CSV against polars (and pandas) read_csv, on the same file, in one run.

Builds and runs Benchmarks' PeerWorkload (release) in `ingest` mode: it writes the national extract of
DESIGN.md (152 authorities x 12 metrics x 8 breakdowns x 120 months = 1,751,040 rows, ~72 MB) and times
Clinic reading it into a validated Panel (tokenize, parse months and values, check every value,
duplicates, gaps and jumps, build the months x series matrix). Then polars.read_csv and pandas.read_csv
parse the same file (parsing only, no validation) and the ratios are printed.

Usage: python3 Benchmarks/Peers/ingest_vs_polars.py [--repeats N]   (pip install polars pandas)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_workload  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--repeats", type=int, default=9)
args = parser.parse_args()

binary = peer_workload.binary()


def timed(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0], times[len(times) // 2]


with tempfile.TemporaryDirectory() as out:
    clinic = json.loads(subprocess.run([binary, "ingest", out, str(args.repeats)],
                                       check=True, capture_output=True, text=True).stdout)
    path = os.path.join(out, "national.csv")
    import polars as pl
    polars_best, polars_median = timed(lambda: pl.read_csv(path), args.repeats)
    rows = pl.read_csv(path).height
    try:
        import pandas as pd
        pandas_best, pandas_median = timed(lambda: pd.read_csv(path), max(3, args.repeats // 3))
    except ImportError:
        pandas_best = pandas_median = float("nan")

assert rows == clinic["rows"], (rows, clinic["rows"])
print(f"file: {clinic['file_bytes'] / 1e6:.1f} MB, {clinic['rows']:,} rows, {clinic['series']:,} series x {clinic['months']} months")
print(f"clinic (read + validate + Panel): best {clinic['best_s'] * 1e3:7.1f} ms   median {clinic['median_s'] * 1e3:7.1f} ms")
print(f"polars {pl.__version__} read_csv:        best {polars_best * 1e3:7.1f} ms   median {polars_median * 1e3:7.1f} ms")
print(f"pandas read_csv:                best {pandas_best * 1e3:7.1f} ms   median {pandas_median * 1e3:7.1f} ms")
print(f"ratio polars / clinic: best {polars_best / clinic['best_s']:.2f}x   median {polars_median / clinic['median_s']:.2f}x")
print(f"ratio pandas / clinic: best {pandas_best / clinic['best_s']:.2f}x   median {pandas_median / clinic['median_s']:.2f}x")
