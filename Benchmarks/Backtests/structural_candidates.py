#!/usr/bin/env python3
"""Would a structural time-series model forecast R's four monthly series better than Clinic's trend model?
A measurement for the next step of docs/METHODS.md §6 ("Open"), not part of Clinic.

    python3 Benchmarks/Backtests/structural_candidates.py

Needs pandas, numpy and statsmodels (`make deps-peers`). Same protocol as
Tests/Fixtures/forecasts/make_ets_backtests.R and Clinic's Backtest: origins o = n-24 .. n-1 (o months
used to fit), horizons 1, 3, 6 and 12, absolute errors scaled by the in-sample MAE of the lag-12 seasonal
naive forecast. Candidates: statsmodels' UnobservedComponents with a stochastic seasonal of period 12
and each of three trends (local level; random walk with drift; smooth trend, i.e. a local linear trend
whose level has no disturbance), fitted by maximum likelihood at every origin. Prints MASE at each
horizon, beside Clinic's, ets's and the seasonal naive forecast's from METHODS §6 (typed in below).
"""
import os
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.statespace.structural import UnobservedComponents

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "forecasts")
HORIZONS = [1, 3, 6, 12]
# docs/METHODS.md §6, "Forecasts that follow a supported change": MASE at h = 1 / 3 / 6 / 12.
KNOWN = {
    "usaccdeaths": {"clinic": [0.47, 0.62, 0.97, 1.57], "ets": [0.43, 0.42, 0.53, 0.51], "seasonal naive": [0.56, 0.55, 0.58, 0.50]},
    "ldeaths": {"clinic": [0.52, 0.50, 0.49, 0.47], "ets": [0.53, 0.47, 0.46, 0.50], "seasonal naive": [0.81, 0.68, 0.59, 0.77]},
    "wineind": {"clinic": [0.80, 0.83, 0.89, 1.12], "ets": [0.87, 0.93, 0.98, 1.22], "seasonal naive": [1.03, 1.05, 1.15, 1.38]},
    "co2": {"clinic": [0.26, 0.29, 0.29, 0.31], "ets": [0.23, 0.26, 0.27, 0.34], "seasonal naive": [1.15, 1.10, 1.05, 0.93]},
}


def backtest(y, trend):
    n = len(y)
    errors = {h: [] for h in HORIZONS}
    for o in range(n - 24, n):
        train = y[:o]
        scale = np.mean(np.abs(train[12:] - train[:-12]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = UnobservedComponents(train, level=trend, seasonal=12, stochastic_seasonal=True).fit(disp=False, maxiter=200)
        forecast = fit.forecast(12)
        for h in HORIZONS:
            if o + h <= n:
                errors[h].append(abs(forecast[h - 1] - y[o + h - 1]) / scale)
    return [float(np.mean(errors[h])) for h in HORIZONS]


def main():
    for name, known in KNOWN.items():
        y = pd.read_csv(os.path.join(FIXTURES, f"{name}.csv"))["value"].to_numpy(dtype=float)
        print(f"{name} (MASE at h = {' / '.join(map(str, HORIZONS))})")
        for label, scores in known.items():
            print(f"  {label:<36} {' / '.join(f'{s:.2f}' for s in scores)}")
        for trend in ("local level", "random walk with drift", "smooth trend"):
            print(f"  {'structural, ' + trend:<36} {' / '.join(f'{s:.2f}' for s in backtest(y, trend))}")


if __name__ == "__main__":
    main()
