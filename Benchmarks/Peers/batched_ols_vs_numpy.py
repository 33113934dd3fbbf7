#!/usr/bin/env python3
"""Clinic's batched OLS against numpy.linalg.lstsq on the same generated workload, in one run.

Builds and runs Benchmarks' PeerWorkload (release), which generates the national fitting workload
(60,000 series x 120 months x 15 terms by default), times Clinic's BatchedLinearModel and writes the
data; then times numpy.linalg.lstsq on exactly those bytes (coefficients and residual sums of squares,
the same work), checks that both give the same coefficients and residual SDs, and prints the ratio.

Usage: python3 Benchmarks/Peers/batched_ols_vs_numpy.py [--series N] [--months N] [--repeats N]
Both arms inherit the same environment (OPENBLAS_* variables included).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_workload  # noqa: E402


parser = argparse.ArgumentParser()
parser.add_argument("--series", type=int, default=60_000)
parser.add_argument("--months", type=int, default=120)
parser.add_argument("--repeats", type=int, default=15)
args = parser.parse_args()

binary = peer_workload.binary()

with tempfile.TemporaryDirectory() as out:
    clinic = json.loads(subprocess.run([binary, "ols", out, str(args.series), str(args.months), str(args.repeats)],
                                       check=True, capture_output=True, text=True).stdout)
    n, m, p = clinic["months"], clinic["series"], clinic["terms"]
    X = np.fromfile(os.path.join(out, "design.f64")).reshape((p, n)).T
    Y = np.fromfile(os.path.join(out, "responses.f64")).reshape((m, n)).T
    clinic_beta = np.fromfile(os.path.join(out, "clinic_coefficients.f64")).reshape((m, p)).T
    clinic_sigma = np.fromfile(os.path.join(out, "clinic_sigma.f64"))

times = []
for _ in range(args.repeats):
    start = time.perf_counter()
    beta, rss, rank, _ = np.linalg.lstsq(X, Y, rcond=None)
    sigma = np.sqrt(rss / (n - rank))
    times.append(time.perf_counter() - start)
times.sort()

# Normwise per series: a coefficient near zero has no meaningful relative error of its own.
coef_diff = np.max(np.max(np.abs(beta - clinic_beta), axis=0) / np.max(np.abs(beta), axis=0))
sigma_diff = np.max(np.abs(sigma - clinic_sigma) / sigma)
numpy_best, numpy_median = times[0], times[len(times) // 2]
print(f"workload: {m} series x {n} months x {p} terms, best of {args.repeats}")
print(f"clinic BatchedLinearModel: best {clinic['best_s'] * 1e3:8.1f} ms   median {clinic['median_s'] * 1e3:8.1f} ms"
      f"   (coefficients, standard errors, residual SDs)")
print(f"numpy.linalg.lstsq:        best {numpy_best * 1e3:8.1f} ms   median {numpy_median * 1e3:8.1f} ms"
      f"   (coefficients, residual SDs)   numpy {np.__version__}")
print(f"ratio (numpy / clinic): best {numpy_best / clinic['best_s']:.1f}x   median {numpy_median / clinic['median_s']:.1f}x")
print(f"agreement: max normwise relative difference in coefficients {coef_diff:.2e}, residual SDs {sigma_diff:.2e}")
if not (coef_diff < 1e-10 and sigma_diff < 1e-10):
    sys.exit("clinic and numpy disagree")
