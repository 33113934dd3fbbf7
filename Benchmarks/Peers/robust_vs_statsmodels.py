#!/usr/bin/env python3
"""Clinic's batched robust (Huber) fit against statsmodels RLM on the same generated workload, in one run.

PeerWorkload (release) generates the fitting workload of DESIGN.md (60,000 series x 120 months x 15
terms: intercept, trend, 11 month dummies, level step, slope change; with noise), times
BatchedRobustLinearModel (HuberT, MAD scale, H1 covariance, statsmodels' defaults), and writes the
data. statsmodels RLM(y, X, M=HuberT()).fit() is then timed on a sample of the series (one at a time,
which is how RLM works) and scaled to the full workload; its estimates and standard errors on the
sample are compared with Clinic's.

Usage: python3 Benchmarks/Peers/robust_vs_statsmodels.py [--series N] [--sample N]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import statsmodels.api as sm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_workload  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--series", type=int, default=60_000)
parser.add_argument("--sample", type=int, default=300)
args = parser.parse_args()

binary = peer_workload.binary()

with tempfile.TemporaryDirectory() as out:
    clinic = json.loads(subprocess.run([binary, "robust", out, str(args.series), "120", "3"],
                                       check=True, capture_output=True, text=True).stdout)
    n, m, p = clinic["months"], clinic["series"], clinic["terms"]
    X = np.fromfile(os.path.join(out, "design.f64")).reshape((p, n)).T
    Y = np.fromfile(os.path.join(out, "responses.f64")).reshape((m, n)).T
    beta = np.fromfile(os.path.join(out, "clinic_coefficients.f64")).reshape((m, p)).T
    se = np.fromfile(os.path.join(out, "clinic_std_errors.f64")).reshape((m, p)).T

sample = np.linspace(0, m - 1, args.sample).astype(int)
start = time.perf_counter()
worst = 0.0
for j in sample:
    r = sm.RLM(Y[:, j], X, M=sm.robust.norms.HuberT()).fit()
    scale_b = np.max(np.abs(r.params))
    worst = max(worst, np.max(np.abs(r.params - beta[:, j])) / scale_b, np.max(np.abs(r.bse - se[:, j]) / r.bse))
per_series = (time.perf_counter() - start) / len(sample)
statsmodels_total = per_series * m
print(f"workload: {m} series x {n} months x {p} terms (Huber, MAD scale, H1), mean {clinic['mean_iterations']:.1f} IRLS iterations")
print(f"clinic BatchedRobustLinearModel: best {clinic['best_s']:.2f} s   median {clinic['median_s']:.2f} s")
print(f"statsmodels RLM: {per_series * 1e3:.2f} ms per series on {len(sample)} series -> {statsmodels_total:.0f} s for {m}")
print(f"ratio (statsmodels / clinic, best): {statsmodels_total / clinic['best_s']:.0f}x")
print(f"agreement on the sample: max relative difference {worst:.1e} (estimates normwise, standard errors elementwise)")
if worst > 1e-6:
    sys.exit("clinic and statsmodels disagree")
