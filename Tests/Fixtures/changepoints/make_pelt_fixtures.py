#!/usr/bin/env python3
"""Reference fixtures for penalised changepoint detection (PELT), made with ruptures.

Writes pelt_reference.json next to this file. See README.md in the same folder.

Needs: python3 with ruptures, numpy, pandas, statsmodels; Rscript (R's `datasets` package) for
UKDriverDeaths. Run from anywhere:

    python3 Tests/Fixtures/changepoints/make_pelt_fixtures.py
"""

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import ruptures as rpt
import statsmodels.datasets.nile as sm_nile

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]  # Tests/Fixtures/changepoints -> repository root
OUT = HERE / "pelt_reference.json"

MIN_SIZE = 6
JUMP = 1
MULTIPLIERS = [1, 2, 4]
MODELS = ["l2", "linear"]
# (case name, model, multiplier) for which the exact optimal partitioning is recorded
OP_CASES = {("nile", "l2", 2), ("step_noise", "l2", 2)}


# --------------------------------------------------------------------------- data

def load_nile():
    y = sm_nile.load_pandas().data["volume"].to_numpy(dtype=float)
    assert len(y) == 100
    return y


def load_uk_driver_deaths():
    out = subprocess.run(
        ["Rscript", "-e", 'cat(format(as.numeric(UKDriverDeaths), digits = 17), sep = ",")'],
        check=True, capture_output=True, text=True,
    ).stdout
    y = np.array([float(v) for v in out.strip().split(",")])
    assert len(y) == 192, len(y)
    return y


def load_fictional(metric):
    df = pd.read_csv(REPO / "data" / "aggregates" / "monthly.csv", dtype={"month": str})
    df = df[(df["area"] == "E99999999") & (df["metric"] == metric)].sort_values("month")
    months = pd.PeriodIndex(df["month"], freq="M")
    assert months.is_unique and (months[1:] - months[:-1] == months.freq).all(), "gap in months"
    y = df["value"].to_numpy(dtype=float)
    assert len(y) == 178 and np.isfinite(y).all(), len(y)
    return y


def make_step_noise():
    rs = np.random.RandomState(42)
    return np.concatenate([rs.normal(10, 1, 60), rs.normal(14, 1, 60), rs.normal(11, 1, 60)])


# --------------------------------------------------------------------------- costs (numpy, not ruptures)

def seg_cost_l2(y, a, b):
    s = y[a:b]
    return float(np.sum((s - s.mean()) ** 2))


def seg_cost_linear(y, a, b):
    s = y[a:b]
    t = np.arange(a, b, dtype=float)
    X = np.column_stack([t, np.ones(b - a)])
    beta, *_ = np.linalg.lstsq(X, s, rcond=None)
    r = s - X @ beta
    return float(r @ r)


SEG_COST = {"l2": seg_cost_l2, "linear": seg_cost_linear}


def total_cost(y, bkps, model, pen):
    starts = [0] + list(bkps[:-1])
    return float(sum(SEG_COST[model](y, a, b) for a, b in zip(starts, bkps)) + pen * (len(bkps) - 1))


def optimal_partitioning(y, model, pen, min_size):
    """Exact minimiser of sum(segment costs) + pen * (#changepoints), every segment >= min_size,
    by the O(n^2) dynamic programme (no pruning). Ties go to the smallest last changepoint."""
    n = len(y)
    cost = SEG_COST[model]
    F = np.full(n + 1, np.inf)
    F[0] = -pen  # so that the first segment carries no penalty
    last = np.zeros(n + 1, dtype=int)
    for s in range(min_size, n + 1):
        best, arg = np.inf, -1
        for t in range(0, s - min_size + 1):
            if not np.isfinite(F[t]):
                continue
            v = F[t] + cost(y, t, s) + pen
            if v < best:
                best, arg = v, t
        F[s], last[s] = best, arg
    bkps, s = [], n
    while s > 0:
        bkps.append(int(s))
        s = int(last[s])
    return sorted(bkps), float(F[n])


# --------------------------------------------------------------------------- main

def noise_s2(y):
    d = np.diff(y)
    mad = np.median(np.abs(d - np.median(d)))
    return float((mad / 0.6745) ** 2 / 2)


def main():
    series = [
        ("nile", load_nile()),
        ("seatbelts_drivers", load_uk_driver_deaths()),
        ("fictional_lac", load_fictional("lac")),
        ("fictional_referrals", load_fictional("referrals")),
        ("step_noise", make_step_noise()),
    ]
    cases, report = [], []
    for name, y in series:
        y = np.ascontiguousarray(y, dtype=float)
        n = len(y)
        s2 = noise_s2(y)
        t = np.arange(n, dtype=float)
        signals = {"l2": y, "linear": np.column_stack([y, t, np.ones(n)])}
        case = {"name": name, "y": [float(v) for v in y], "s2": s2, "n": n, "runs": []}
        for model in MODELS:
            for c in MULTIPLIERS:
                pen = float(c * s2 * math.log(n))
                algo = rpt.Pelt(model=model, min_size=MIN_SIZE, jump=JUMP).fit(signals[model])
                bkps = [int(b) for b in algo.predict(pen=pen)]
                cost = total_cost(y, bkps, model, pen)
                case["runs"].append({"model": model, "multiplier": c, "pen": pen,
                                     "breakpoints": bkps, "cost": cost})
                op_bkps, op_cost = optimal_partitioning(y, model, pen, MIN_SIZE)
                op_cost_recomputed = total_cost(y, op_bkps, model, pen)
                agree = op_bkps == bkps and math.isclose(op_cost_recomputed, cost, rel_tol=1e-12)
                report.append((name, model, c, bkps, cost, op_bkps, op_cost_recomputed, agree))
                if (name, model, c) in OP_CASES:
                    case["optimal_partitioning"] = {
                        "model": model, "multiplier": c, "pen": pen,
                        "breakpoints": op_bkps, "cost": op_cost_recomputed,
                        "agrees_with_pelt": bool(agree),
                    }
        cases.append(case)

    doc = {
        "generator": "Tests/Fixtures/changepoints/make_pelt_fixtures.py",
        "ruptures_version": rpt.__version__,
        "numpy_version": np.__version__,
        "min_size": MIN_SIZE,
        "jump": JUMP,
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")

    print(f"wrote {OUT} (ruptures {rpt.__version__})")
    for name, model, c, bkps, cost, op_bkps, op_cost, agree in report:
        flag = "ok" if agree else f"DIFFERS: OP {op_bkps} cost {op_cost!r} (Pelt cost {cost!r})"
        print(f"{name:20s} {model:6s} c={c}  {bkps}  {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
