#!/usr/bin/env python3
"""Would a per-series switch between Clinic's trend model and a local level with seasonal forecast better?
A measurement for docs/METHODS.md §6 (R's monthly series, "a per-series choice"), not part of Clinic.

    python3 Benchmarks/Backtests/forecast_switch.py                      # R's four series (Tests/Fixtures/forecasts)
    python3 Benchmarks/Backtests/forecast_switch.py --csv data/aggregates/monthly.csv --config data/clinic.toml

Needs a release build of clinic (.build/release/clinic), pandas, numpy and statsmodels (`make deps-peers`).

Protocol: the forecasts of both models are made at every origin k (k months used to fit) from the
first one needed up to n - 1: Clinic's `clinic fit --json --horizon 12 --no-recent` on the series cut at
k, and statsmodels' UnobservedComponents(level="local level", seasonal=12, stochastic_seasonal=True)
fitted by maximum likelihood on the same months. At each outer origin o = n-24 .. n-1 the switch looks
only at what was known at o: the mean absolute error of each model's forecasts from the inner origins
o-INNER .. o-1 whose outcomes are known by o (every horizon 1..12 with k + h <= o), and takes the local
model when its error is below MARGIN times the trend model's. Scored as Clinic's Backtest scores:
absolute errors at h = 1, 3, 6, 12 divided by the in-sample MAE of the lag-12 seasonal naive forecast.
"""
import argparse
import json
import os
import subprocess
import tempfile
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.statespace.structural import UnobservedComponents

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLINIC = os.path.join(ROOT, ".build", "release", "clinic")
HORIZONS = [1, 3, 6, 12]


def clinic_forecasts(frame, k, extra, scratch):
    path = os.path.join(scratch, "cut.csv")
    frame.iloc[:k].to_csv(path, index=False)
    out = subprocess.run([CLINIC, "fit", path, "--json", "--horizon", "12", "--no-recent"] + extra,
                         capture_output=True, text=True, check=True).stdout
    return np.array([f["mean"] for f in json.loads(out)["series"][0]["forecast"]])


def local_forecasts(y, k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = UnobservedComponents(y[:k], level="local level", seasonal=12, stochastic_seasonal=True).fit(disp=False, maxiter=200)
    return fit.forecast(12)


def measure(name, frame, inner, margin, extra, scratch):
    y = frame["value"].to_numpy(dtype=float)
    n = len(y)
    first = max(36, n - 24 - inner)
    forecasts = {"trend": {}, "local": {}}
    for k in range(first, n):
        forecasts["trend"][k] = clinic_forecasts(frame, k, extra, scratch)
        forecasts["local"][k] = local_forecasts(y, k)
    errors = {m: {h: [] for h in HORIZONS} for m in ("trend", "local", "switch", "seasonal naive")}
    local_picks = 0
    for o in range(n - 24, n):
        scale = np.mean(np.abs(y[12:o] - y[:o - 12]))
        past = {}
        for m in ("trend", "local"):
            past[m] = np.mean([abs(forecasts[m][k][h - 1] - y[k + h - 1])
                               for k in range(max(first, o - inner), o) for h in range(1, 13) if k + h <= o])
        pick = "local" if past["local"] < margin * past["trend"] else "trend"
        local_picks += pick == "local"
        for h in HORIZONS:
            if o + h > n:
                continue
            actual = y[o + h - 1]
            for m in ("trend", "local"):
                errors[m][h].append(abs(forecasts[m][o][h - 1] - actual) / scale)
            errors["switch"][h].append(abs(forecasts[pick][o][h - 1] - actual) / scale)
            errors["seasonal naive"][h].append(abs(y[o + h - 1 - 12 * ((h - 1) // 12 + 1)] - actual) / scale)
    print(f"{name}: the local model taken at {local_picks} of 24 origins (MASE at h = {' / '.join(map(str, HORIZONS))})")
    for m, by_h in errors.items():
        print(f"  {m:<16} {' / '.join(f'{np.mean(by_h[h]):.2f}' for h in HORIZONS)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", help="a long CSV with metric and value columns (default: R's four series)")
    parser.add_argument("--config", help="clinic.toml passed to clinic fit")
    parser.add_argument("--inner", type=int, default=24, help="inner origins the switch looks back over (default 24)")
    parser.add_argument("--margin", type=float, default=0.8, help="take the local model below this share of the trend model's error")
    args = parser.parse_args()
    extra = ["--config", args.config] if args.config else []
    with tempfile.TemporaryDirectory() as scratch:
        if args.csv:
            table = pd.read_csv(args.csv)
            for metric in sorted(table["metric"].unique()):
                measure(metric, table[table["metric"] == metric].reset_index(drop=True), args.inner, args.margin, extra, scratch)
        else:
            for name in ("usaccdeaths", "ldeaths", "wineind", "co2"):
                frame = pd.read_csv(os.path.join(ROOT, "Tests", "Fixtures", "forecasts", f"{name}.csv"))
                measure(name, frame, args.inner, args.margin, extra, scratch)


if __name__ == "__main__":
    main()
