#!/usr/bin/env python3
"""Clinic's SSDA903 records -> monthly measures against a straightforward pandas implementation, same files, one run.

PeerWorkload (release) simulates a large authority (about 1.2 M episode rows over ten years' files,
0.6 M distinct episodes, 0.45 M missing incidents), writes its record files, and times Clinic reading
them into monthly measures (validating every date and code, merging episodes repeated across years).
pandas then reads the same files and computes lac (children looked after at month end, short breaks
excluded), lac_starts, lac_ceased, missing_incidents, away_incidents and missing_children the obvious
way; the results must equal Clinic's.

Usage: python3 Benchmarks/Peers/records_vs_pandas.py [--population N]
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_workload  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--population", type=int, default=12_000_000)
args = parser.parse_args()
binary = peer_workload.binary()


def pandas_measures(folder):
    episodes = pd.concat([pd.read_csv(f, dtype=str) for f in sorted(glob.glob(os.path.join(folder, "episodes_*.csv")))])
    # Repeated across years: keep the ended version of each (CHILD, DECOM).
    episodes["ended"] = episodes["DEC"].notna()
    episodes = episodes.sort_values("ended").drop_duplicates(["CHILD", "DECOM"], keep="last")
    episodes["start"] = pd.to_datetime(episodes["DECOM"], format="%d/%m/%Y")
    episodes["end"] = pd.to_datetime(episodes["DEC"], format="%d/%m/%Y")
    months = pd.period_range("2015-01", "2024-12", freq="M")
    care = episodes[~episodes["LS"].isin(["V3", "V4"])]
    out = {}
    lac = {}
    for m in months:
        month_end = m.to_timestamp(how="end").normalize()
        open_ = care[(care["start"] <= month_end) & (care["end"].isna() | (care["end"] > month_end))]
        lac[str(m)] = open_["CHILD"].nunique()
    out["lac"] = lac
    starts = episodes[episodes["RNE"] == "S"]
    out["lac_starts"] = starts.groupby(starts["start"].dt.to_period("M"))["CHILD"].nunique()
    ceased = episodes[episodes["end"].notna() & (episodes["REC"] != "X1")]
    out["lac_ceased"] = ceased.groupby(ceased["end"].dt.to_period("M"))["CHILD"].nunique()
    missing = pd.read_csv(os.path.join(folder, "missing.csv"), dtype=str)
    missing["start"] = pd.to_datetime(missing["MIS_START"], format="%d/%m/%Y").dt.to_period("M")
    m_rows = missing[missing["MISSING"] == "M"]
    out["missing_incidents"] = m_rows.groupby("start").size()
    out["away_incidents"] = missing[missing["MISSING"] == "A"].groupby("start").size()
    out["missing_children"] = m_rows.groupby("start")["CHILD"].nunique()
    return {k: {str(p): float(v) for p, v in (s.items() if isinstance(s, dict) else s.items()) if str(p) in set(map(str, months))}
            for k, s in out.items()}


with tempfile.TemporaryDirectory() as out:
    clinic = json.loads(subprocess.run([binary, "records", out, str(args.population), "3"],
                                       check=True, capture_output=True, text=True).stdout)
    folder = os.path.join(out, "records")
    start = time.perf_counter()
    ours = pandas_measures(folder)
    pandas_seconds = time.perf_counter() - start
    theirs = pd.read_csv(os.path.join(out, "clinic_measures.csv"), dtype={"value": float})

mismatches = 0
for metric, values in ours.items():
    rows = theirs[theirs["metric"] == metric]
    clinic_values = dict(zip(rows["month"], rows["value"]))
    for month, v in values.items():
        if clinic_values.get(month, 0.0) != v:
            mismatches += 1
print(f"records: {clinic['episode_rows']:,} episode rows in ten years' files ({clinic['episodes']:,} distinct, "
      f"{clinic['merged']:,} repeats merged), {clinic['missing']:,} missing incidents, {clinic['children']:,} children")
print(f"clinic (read, validate dates and codes, merge, all 13 measures): best {clinic['best_s']:.2f} s   median {clinic['median_s']:.2f} s")
print(f"pandas {pd.__version__} (read, merge, 6 measures, no validation): {pandas_seconds:.2f} s")
print(f"ratio (pandas / clinic): {pandas_seconds / clinic['best_s']:.1f}x")
print(f"agreement on lac, lac_starts, lac_ceased, missing_incidents, away_incidents, missing_children: {mismatches} differing month(s)")
if mismatches:
    sys.exit("clinic and pandas disagree")
