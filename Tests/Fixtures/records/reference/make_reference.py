#!/usr/bin/env python3
"""Independent reference computation of monthly children's-services measures
from the synthetic SSDA903 fixtures in ../ (header.csv, episodes.csv, missing.csv).

Writes monthly_reference.csv (columns metric,month,value; month = YYYY-MM) next
to this script and prints a summary of excluded rows. See README.md.
"""
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
OUT = HERE / "monthly_reference.csv"
DATE_FMT = "%d/%m/%Y"
SHORT_BREAK_LS = {"V3", "V4"}


def read(name):
    df = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
    return df.apply(lambda s: s.str.strip())


def parse(s):
    return pd.to_datetime(s, format=DATE_FMT, errors="coerce")


def clean_episodes(ep, report):
    ep = ep.copy()
    ep["_row"] = range(2, len(ep) + 2)  # file line number (header = line 1)
    ep["start"] = parse(ep["DECOM"])
    ep["end"] = parse(ep["DEC"])
    reasons = {
        "blank CHILD": ep["CHILD"] == "",
        "DECOM missing/unparseable": ep["start"].isna(),
        "DEC present but unparseable": (ep["DEC"] != "") & ep["end"].isna(),
        "blank LS": ep["LS"] == "",
        "blank RNE": ep["RNE"] == "",
        "DEC present but blank REC": (ep["DEC"] != "") & (ep["REC"] == ""),
    }
    bad = pd.Series(False, index=ep.index)
    for why, mask in reasons.items():
        if mask.any():
            report.append(("episodes.csv", why, ep.loc[mask, "_row"].tolist()))
        bad |= mask
    ep = ep[~bad]

    # Same CHILD + same DECOM = one episode; keep the row with a DEC if any
    # (ties: first in file order).
    ep = ep.assign(_has_dec=ep["end"].notna())
    ep = ep.sort_values(["CHILD", "start", "_has_dec", "_row"],
                        ascending=[True, True, False, True])
    dup = ep.duplicated(["CHILD", "start"], keep="first")
    if dup.any():
        report.append(("episodes.csv", "duplicate CHILD+DECOM collapsed",
                       ep.loc[dup, "_row"].tolist()))
    return ep[~dup].drop(columns="_has_dec")


def clean_missing(ms, report):
    ms = ms.copy()
    ms["_row"] = range(2, len(ms) + 2)
    ms["start"] = parse(ms["MIS_START"])
    reasons = {
        "blank CHILD": ms["CHILD"] == "",
        "blank MISSING": ms["MISSING"] == "",
        "MIS_START missing/unparseable": ms["start"].isna(),
    }
    bad = pd.Series(False, index=ms.index)
    for why, mask in reasons.items():
        if mask.any():
            report.append(("missing.csv", why, ms.loc[mask, "_row"].tolist()))
        bad |= mask
    return ms[~bad]


def month_range(first, last):
    return pd.period_range(first.to_period("M"), last.to_period("M"), freq="M")


def count_by_month(dates, months, distinct_children=None):
    """Count events per month; if distinct_children is given, count distinct
    children per month instead of rows."""
    keys = pd.PeriodIndex(dates.dt.to_period("M"))
    if distinct_children is not None:
        df = pd.DataFrame({"m": keys.strftime("%Y-%m"),
                           "c": distinct_children.to_numpy()})
        counts = df.drop_duplicates().groupby("m").size()
    else:
        counts = pd.Series(keys.strftime("%Y-%m")).value_counts()
    counts.index = pd.PeriodIndex(counts.index, freq="M")
    return counts.reindex(months, fill_value=0).astype(int)


def main():
    report = []
    read("header.csv")  # not needed by any measure; read only to check it loads
    ep = clean_episodes(read("episodes.csv"), report)
    ms = clean_missing(read("missing.csv"), report)

    # Months for the episode measures: earliest DECOM .. latest DECOM or DEC
    # (all retained episodes, short breaks included).
    ep_last = max(ep["start"].max(), ep["end"].max())
    ep_months = month_range(ep["start"].min(), ep_last)
    ms_months = month_range(ms["start"].min(), ms["start"].max())

    lac_ep = ep[~ep["LS"].isin(SHORT_BREAK_LS)]
    results = {}

    # lac: distinct children looked after at the end of each month.
    lac = []
    for m in ep_months:
        eom = m.to_timestamp(how="end").normalize()  # last day of month, 00:00
        open_ = lac_ep[(lac_ep["start"] <= eom) &
                       (lac_ep["end"].isna() | (lac_ep["end"] > eom))]
        lac.append(open_["CHILD"].nunique())
    results["lac"] = pd.Series(lac, index=ep_months)

    starts = lac_ep[lac_ep["RNE"] == "S"]
    results["lac_starts"] = count_by_month(
        starts["start"], ep_months, starts["CHILD"])

    ceased = lac_ep[lac_ep["end"].notna() & (lac_ep["REC"] != "X1")]
    results["lac_ceased"] = count_by_month(
        ceased["end"], ep_months, ceased["CHILD"])

    # ppo: L1 episodes starting in month, merging back-to-back L1 episodes.
    allep = ep.sort_values(["CHILD", "start"])
    g = allep.groupby("CHILD", sort=False)
    prev_ls = g["LS"].shift()
    prev_end = g["end"].shift()
    continuation = (prev_ls == "L1") & (prev_end == allep["start"])
    ppo = allep[(allep["LS"] == "L1") & ~continuation]
    results["ppo"] = count_by_month(ppo["start"], ep_months)

    mi = ms[ms["MISSING"] == "M"]
    results["missing_incidents"] = count_by_month(
        mi["start"], ms_months)

    rows = []
    for metric in ["lac", "lac_starts", "lac_ceased", "ppo", "missing_incidents"]:
        for m, v in results[metric].items():
            rows.append((metric, m.strftime("%Y-%m"), int(v)))
    pd.DataFrame(rows, columns=["metric", "month", "value"]).to_csv(OUT, index=False)

    print(f"pandas {pd.__version__}; wrote {OUT}")
    print(f"episode months {ep_months[0]}..{ep_months[-1]} ({len(ep_months)}); "
          f"missing months {ms_months[0]}..{ms_months[-1]} ({len(ms_months)})")
    for metric, s in results.items():
        print(f"  {metric}: total {int(s.sum())}")
    if report:
        for f, why, lines in report:
            print(f"  excluded/collapsed {f}: {why}: {len(lines)} rows (lines {lines})")
    else:
        print("  no rows excluded or collapsed")


if __name__ == "__main__":
    main()
