#!/usr/bin/env python3
"""Run Social Finance's children's services demand model (PyPI cs-demand-model 0.5.1) at backtest origins.

Not meant to be run by hand: projection_backtest.py runs it with the interpreter of its own virtual
environment (Benchmarks/.venv-demand-model, where the package and its pinned pandas < 2 / numpy < 2
live), because the package cannot share an interpreter with the backtest's pandas.

    demand_model_runner.py JOBS.json OUT.json [--jobs N]

JOBS.json is a list of jobs, one per origin:
    {"origin": "YYYY-MM", "dir": folder with header.csv and episodes.csv (the data cut at the origin),
     "reference_start": "YYYY-MM-DD", "reference_end": "YYYY-MM-DD", "targets": ["YYYY-MM-DD", ...]}

For each job this does what the package's own `predict` command does (cs_demand_model/__main__.py),
with the reference period given explicitly:

    config    = Config()                                  # the bundled standard-v1.yaml
    store     = fs_datastore(dir)
    container = DemandModellingDataContainer(store, config)
    stats     = PopulationStats(container.enriched_view, config)
    predictor = ModelPredictor.from_model(stats, reference_start, reference_end)
    daily     = predictor.predict(days)                   # one step a day, as the CLI does

`from_model` takes the mean daily transition rates between its (age bracket at episode start,
placement category) states and the daily entry rates over the reference period, adds the ageing
rates (1 / bracket length in days), and starts from `stats.stock_at(reference_end)`. The projected
stock at each target date (the month ends after the origin) is read from `daily`, summed over all
states (total), over placement categories within each age bracket, and over age brackets within each
placement category. The stock the model itself starts from is reported at the origin's own month end.

OUT.json maps each origin to {"status": "ok" | "error", "error": message, "states_with_nan": [...],
"rows": [{"date", "kind": "total" | "age" | "placement", "key", "value"}]}. A job that raises is
recorded as an error and the others go on.
"""
import json
import sys
import traceback
from multiprocessing import Pool

import pandas as pd


def project_origin(job):
    """The demand model's projection for one origin; never raises."""
    try:
        from cs_demand_model import (Config, DemandModellingDataContainer, ModelPredictor,
                                     PopulationStats, fs_datastore)

        config = Config()
        container = DemandModellingDataContainer(fs_datastore(job["dir"]), config)
        stats = PopulationStats(container.enriched_view, config)
        reference_start = pd.Timestamp(job["reference_start"])
        reference_end = pd.Timestamp(job["reference_end"])
        predictor = ModelPredictor.from_model(stats, reference_start, reference_end)
        targets = [pd.Timestamp(t) for t in job["targets"]]
        days = (max(targets) - reference_end).days
        daily = predictor.predict(days, step_days=1)
        daily.index = pd.to_datetime(daily.index)

        initial = predictor.initial_population.copy()
        frame = pd.concat([pd.DataFrame([initial.values], index=[reference_end], columns=initial.index),
                           daily.reindex(columns=initial.index)])
        rows = []
        nan_states = sorted({f"{a}/{p}" for (a, p) in frame.columns[frame.loc[targets].isna().any()]})
        for date in [reference_end] + targets:
            state = frame.loc[date]
            rows.append({"date": f"{date:%Y-%m-%d}", "kind": "total", "key": "total",
                         "value": float(state.sum(skipna=False))})
            for kind, position in (("age", 0), ("placement", 1)):
                # the states are (age bracket, placement category) tuples, not a MultiIndex
                part = lambda state_key, position=position: state_key[position]
                sums = state.groupby(part).sum(min_count=1)
                has_nan = state.isna().groupby(part).any()
                for key, value in sums.items():
                    rows.append({"date": f"{date:%Y-%m-%d}", "kind": kind, "key": key,
                                 "value": float("nan") if has_nan[key] else float(value)})
        return job["origin"], {"status": "ok", "states_with_nan": nan_states, "rows": rows}
    except Exception as error:  # the backtest records the failure and goes on
        return job["origin"], {"status": "error", "error": f"{type(error).__name__}: {error}",
                               "traceback": traceback.format_exc(limit=4), "rows": []}


def main(argv):
    jobs_path, out_path = argv[1], argv[2]
    workers = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 1
    with open(jobs_path) as f:
        jobs = json.load(f)
    results = {}
    with Pool(workers) as pool:
        for done, (origin, result) in enumerate(pool.imap_unordered(project_origin, jobs), start=1):
            results[origin] = result
            print(f"demand model: {origin} {result['status']} ({done}/{len(jobs)})", file=sys.stderr, flush=True)
    with open(out_path, "w") as f:
        json.dump(results, f, allow_nan=True)


if __name__ == "__main__":
    main(sys.argv)
