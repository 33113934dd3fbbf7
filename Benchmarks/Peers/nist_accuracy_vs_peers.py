#!/usr/bin/env python3
"""Correct significant digits (LRE) on the NIST StRD linear datasets: clinic regress vs numpy and statsmodels.

For each dataset in data/nist/ this runs the release `clinic regress --json`, numpy.linalg.lstsq and
(if installed) statsmodels OLS on the same CSV, and prints the minimum LRE over all coefficients and
over all standard errors against NIST's certified values (Tests/Fixtures/nist).
LRE = -log10(|estimate - certified| / |certified|), capped at 15; against a certified zero it is the
number of correct decimal places.

Usage: python3 Benchmarks/Peers/nist_accuracy_vs_peers.py   (run `make build` first)
"""
import json
import math
import os
import subprocess

import numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
clinic = os.path.join(root, ".build", "release", "clinic")
try:
    import statsmodels.api as sm
except ImportError:
    sm = None


def lre(estimate, certified):
    if estimate == certified:
        return 15.0
    if not math.isfinite(estimate):
        return 0.0
    error = abs(estimate) if certified == 0 else abs(estimate - certified) / abs(certified)
    return max(0.0, min(15.0, -math.log10(error)))


def number(text):
    return float(text.replace("E", "e"))


def design(set_, x_columns):
    degree = set_.get("degree") or 1
    if len(set_["predictors"]) == 1 and degree > 1:
        x = x_columns[0]
        cols = [x ** d for d in range(1, degree + 1)]
    else:
        cols = x_columns
    if set_["intercept"]:
        cols = [np.ones_like(cols[0])] + cols
    return np.column_stack(cols)


names = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
         "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]
print(f"{'dataset':10} {'clinic b/se':>12} {'numpy b/se':>12} {'statsmodels b/se':>17}")
for name in names:
    set_ = json.load(open(os.path.join(root, "Tests/Fixtures/nist", name + ".json")))
    cert_b = [number(p["estimate"]) for p in set_["certified"]["parameters"]]
    cert_se = [number(p["std_dev"]) for p in set_["certified"]["parameters"]]
    csv = os.path.join(root, "data/nist", name + ".csv")
    args = [clinic, "regress", csv, "--y", "y", "--json"]
    if len(set_["predictors"]) == 1 and (set_.get("degree") or 1) > 1:
        args += ["--poly", f"x:{set_['degree']}"]
    if not set_["intercept"]:
        args.append("--no-intercept")
    out = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    c_b = min(lre(c["estimate"], b) for c, b in zip(out["coefficients"], cert_b))
    c_se = min(lre(c["std_error"], s) for c, s in zip(out["coefficients"], cert_se))

    y = np.array([float(v) for v in set_["data_strings"]["y"]])
    X = design(set_, [np.array([float(v) for v in set_["data_strings"][p]]) for p in set_["predictors"]])
    n, p = X.shape
    beta, rss, rank, _ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ beta
    sigma2 = resid @ resid / (n - rank)
    try:
        se = np.sqrt(np.diag(sigma2 * np.linalg.inv(X.T @ X)))
    except np.linalg.LinAlgError:
        se = np.full(p, np.nan)
    n_b = min(lre(b, c) for b, c in zip(beta, cert_b))
    n_se = min(lre(s, c) for s, c in zip(se, cert_se))
    s_text = "-"
    if sm is not None:
        r = sm.OLS(y, X).fit()
        s_b = min(lre(b, c) for b, c in zip(r.params, cert_b)) if len(r.params) == p else 0.0
        s_se = min(lre(b, c) for b, c in zip(r.bse, cert_se)) if len(r.bse) == p else 0.0
        s_text = f"{s_b:4.1f} / {s_se:4.1f}"
    print(f"{name:10} {c_b:5.1f} / {c_se:4.1f} {n_b:5.1f} / {n_se:4.1f} {s_text:>17}")
print("numpy: lstsq for coefficients, sigma^2 (X'X)^-1 for standard errors; statsmodels: OLS().fit() defaults (pinv)")
