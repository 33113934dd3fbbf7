#!/usr/bin/env python3
"""Independent reference for the monthly stock and flows of looked-after children.

Reads SSDA903 Episodes and Header CSV files and writes, for each data set,
a monthly stock/flow table and a "due to turn 18 in the next 12 months" table.
Written from the rules in docs/DOMAIN.md and the brief only (no Swift source
was read). See README.md next to this file for the definitions.

Runs from any working directory:

    python3 Tests/Fixtures/care_flows/make_reference.py
"""

from __future__ import annotations

import calendar
import datetime as dt
import glob
import os
import sys
from collections import Counter

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

BUNDLED_DIR = os.path.join(REPO, "data", "records", "E99999999")
SAMPLE_DIR = os.path.join(REPO, "Tests", "Fixtures", "records")

EPISODE_COLUMNS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER",
                   "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]

SHORT_BREAKS = {"V3", "V4"}

EXIT_GROUPS = ["aged_18", "adoption", "special_guardianship", "child_arrangements",
               "return_home", "independent_living", "other"]
REC_GROUP = {}
for code in ("E11", "E12"):
    REC_GROUP[code] = "adoption"
for code in ("E43", "E44", "E45", "E46", "E47", "E48"):
    REC_GROUP[code] = "special_guardianship"
REC_GROUP["E41"] = "child_arrangements"
for code in ("E4A", "E4B", "E13"):
    REC_GROUP[code] = "return_home"
for code in ("E5", "E6"):
    REC_GROUP[code] = "independent_living"

AGE_BANDS = ["under_1", "1_4", "5_9", "10_15", "16_17", "unknown"]

PLACEMENT_GROUPS = ["foster", "placed_for_adoption", "with_parents", "residential",
                    "independent_or_supported", "other"]
PLACE_GROUP = {}
for code in ("U1", "U2", "U3", "U4", "U5", "U6"):
    PLACE_GROUP[code] = "foster"
for code in ("A3", "A4", "A5", "A6"):
    PLACE_GROUP[code] = "placed_for_adoption"
PLACE_GROUP["P1"] = "with_parents"
for code in ("K1", "K2", "R1", "R2", "R5", "S1"):
    PLACE_GROUP[code] = "residential"
for code in ("P2", "H5"):
    PLACE_GROUP[code] = "independent_or_supported"

TIME_BANDS = ["under_3_months", "3_12_months", "1_3_years", "3_years_or_more"]

MONTHLY_COLUMNS = (["month", "stock_start", "starts"]
                   + [f"end:{g}" for g in EXIT_GROUPS]
                   + ["stock_end", "residual"]
                   + [f"age:{b}" for b in AGE_BANDS]
                   + [f"placement:{g}" for g in PLACEMENT_GROUPS]
                   + [f"time_in_care:{b}" for b in TIME_BANDS])


# --------------------------------------------------------------------------
# Dates

def parse_date(text: str):
    """dd/mm/yyyy -> datetime.date, or None when blank or unparseable."""
    if text == "":
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, n: int):
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def whole_years(born: dt.date, on: dt.date) -> int:
    """Age in whole years: a year passes on the same month and day.
    (Born 29 February: a year passes on 1 March in non-leap years.)"""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def whole_months(start: dt.date, on: dt.date) -> int:
    """Whole calendar months from start to on: a month passes on the same
    day-of-month. When that day does not exist in a month (start on the
    29th-31st), the month has not passed by that month's last day."""
    return (on.year - start.year) * 12 + (on.month - start.month) - (on.day < start.day)


def eighteenth_birthday(born: dt.date) -> dt.date:
    """First date on which whole_years(born, date) >= 18."""
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # 29 February -> 1 March (18 years after a leap year is never leap)
        return dt.date(born.year + 18, 3, 1)


# --------------------------------------------------------------------------
# Loading

def read_table(path: str, columns: list[str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(df.columns) != columns:
        raise SystemExit(f"{path}: unexpected header {list(df.columns)}")
    for c in df.columns:
        df[c] = df[c].astype(str).str.strip()
    df["FILE"] = os.path.basename(path)
    df["LINE"] = range(2, len(df) + 2)  # line number in the file (header is line 1)
    return df


def load_episodes(paths: list[str], log: list[str]) -> tuple[pd.DataFrame, dict]:
    """Returns the episodes that count (deduplicated, valid, short breaks removed)
    and a dict of counts of rows left out by reason."""
    raw = pd.concat([read_table(p, EPISODE_COLUMNS) for p in paths], ignore_index=True)
    raw["ORDER"] = range(len(raw))
    raw["decom"] = raw["DECOM"].map(parse_date)
    raw["dec"] = raw["DEC"].map(parse_date)

    stats = {"rows_read": len(raw)}

    # 1. Row-level validity (before deduplication).
    reasons = []
    for r in raw.itertuples(index=False):
        if r.CHILD == "":
            reasons.append("blank CHILD")
        elif r.decom is None:
            reasons.append("blank or unparseable DECOM")
        elif r.DEC != "" and r.dec is None:
            reasons.append("unparseable DEC")
        elif r.dec is not None and r.REC == "":
            reasons.append("DEC without REC")
        elif r.dec is not None and r.dec < r.decom:
            reasons.append("DEC before DECOM")
        else:
            reasons.append("")
    raw["WHY_OUT"] = reasons
    invalid = raw[raw["WHY_OUT"] != ""]
    for why, n in invalid["WHY_OUT"].value_counts().items():
        stats[f"left out: {why}"] = int(n)
    for r in invalid.itertuples(index=False):
        log.append(f"  left out {r.FILE}:{r.LINE} ({r.WHY_OUT}) CHILD={r.CHILD} DECOM={r.DECOM} DEC={r.DEC} REC={r.REC}")
    ep = raw[raw["WHY_OUT"] == ""].copy()

    # REC with a blank DEC: episode is open, REC ignored.
    stats["open rows with a REC (REC ignored)"] = int(((ep["dec"].isna()) & (ep["REC"] != "")).sum())

    # 2. Short breaks removed first.
    short = ep["LS"].isin(SHORT_BREAKS)
    stats["short-break rows removed (LS V3/V4)"] = int(short.sum())
    ep = ep[~short].copy()

    # 3. Deduplicate on (CHILD, DECOM): keep the row with a DEC if any;
    #    among equals keep the first in file order (files in name order).
    ep["HAS_DEC"] = ep["dec"].notna()
    ep = ep.sort_values(["CHILD", "decom", "HAS_DEC", "ORDER"], ascending=[True, True, False, True])
    dup_groups = ep.groupby(["CHILD", "decom"]).size()
    n_closed = ep[ep["HAS_DEC"]].groupby(["CHILD", "decom"])["dec"].nunique()
    stats["duplicate (CHILD, DECOM) groups"] = int((dup_groups > 1).sum())
    stats["duplicate rows collapsed"] = int((dup_groups - 1).sum())
    stats["duplicate groups with conflicting DECs (first kept)"] = int((n_closed > 1).sum())
    ep = ep.drop_duplicates(["CHILD", "decom"], keep="first")
    ep["dec"] = ep["dec"].where(ep["dec"].notna(), None)
    ep["REC"] = ep["REC"].where(ep["HAS_DEC"], "")
    stats["episodes kept"] = len(ep)
    ep = ep.sort_values(["CHILD", "decom"]).reset_index(drop=True)
    return ep[["CHILD", "decom", "dec", "RNE", "LS", "PLACE", "REC", "FILE", "LINE"]], stats, raw


def load_dob(path: str) -> dict:
    h = read_table(path, HEADER_COLUMNS)
    dob = {}
    for r in h.itertuples(index=False):
        d = parse_date(r.DOB)
        if r.CHILD in dob and dob[r.CHILD] != d:
            print(f"warning: {path}: CHILD {r.CHILD} has two DOBs; first kept", file=sys.stderr)
            continue
        dob.setdefault(r.CHILD, d)
    return dob


# --------------------------------------------------------------------------
# Periods of care

class Period:
    __slots__ = ("child", "start", "end", "reason", "episodes")

    def __init__(self, child, episodes):
        self.child = child
        self.episodes = episodes  # list of (decom, dec, PLACE, REC), sorted by decom
        self.start = episodes[0][0]
        if any(e[1] is None for e in episodes):
            self.end = None
            self.reason = None
        else:
            self.end = max(e[1] for e in episodes)
            # REC of the episode with that latest DEC (ties: the latest-starting one)
            self.reason = [e for e in episodes if e[1] == self.end][-1][3]

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end > day)

    def place_on(self, day: dt.date) -> str:
        started = [e for e in self.episodes if e[0] <= day]
        return started[-1][2]


def build_periods(ep: pd.DataFrame, stats: dict) -> list[Period]:
    periods = []
    overlaps = 0
    reason_ties = 0
    for child, g in ep.groupby("CHILD", sort=True):
        rows = [(r.decom, r.dec, r.PLACE, r.REC) for r in g.sort_values("decom").itertuples(index=False)]
        current = [rows[0]]
        reach = rows[0][1]  # None = forever
        for e in rows[1:]:
            if reach is None or e[0] <= reach:
                # overlap = starts strictly before the previous episode in the period ended
                prev = current[-1]
                if prev[1] is None or e[0] < prev[1]:
                    overlaps += 1
                current.append(e)
                if reach is not None:
                    reach = None if e[1] is None else max(reach, e[1])
            else:
                periods.append(Period(child, current))
                current = [e]
                reach = e[1]
        periods.append(Period(child, current))
    for p in periods:
        if p.end is not None and sum(1 for e in p.episodes if e[1] == p.end) > 1:
            reason_ties += 1
    stats["periods of care"] = len(periods)
    stats["periods still open"] = sum(p.end is None for p in periods)
    stats["episodes starting before the previous episode of their period ended (overlaps)"] = overlaps
    stats["periods whose latest DEC is shared by 2+ episodes"] = reason_ties
    return periods


def exit_group(p: Period, dob: dict) -> str:
    born = dob.get(p.child)
    if born is not None and whole_years(born, p.end) >= 18:
        return "aged_18"
    return REC_GROUP.get(p.reason, "other")


def age_band(born, day: dt.date, odd: Counter) -> str:
    if born is None:
        return "unknown"
    a = whole_years(born, day)
    if a < 0:
        odd["stock child-months with DOB after the month end (counted under_1)"] += 1
        return "under_1"
    if a < 1:
        return "under_1"
    if a <= 4:
        return "1_4"
    if a <= 9:
        return "5_9"
    if a <= 15:
        return "10_15"
    if a <= 17:
        return "16_17"
    odd["stock child-months aged 18+ (counted 16_17)"] += 1
    return "16_17"


def time_band(months: int) -> str:
    if months < 3:
        return "under_3_months"
    if months < 12:
        return "3_12_months"
    if months < 36:
        return "1_3_years"
    return "3_years_or_more"


# --------------------------------------------------------------------------
# Monthly tables

def stock_children(ep: pd.DataFrame, day: dt.date) -> set:
    """Distinct children with an episode open at the end of `day` (straight from
    the episodes, not from the periods)."""
    m = (ep["decom"] <= day) & ep["dec"].map(lambda d: d is None or d > day)
    return set(ep.loc[m, "CHILD"])


def monthly_tables(ep, periods, dob, first, last, odd: Counter):
    by_child = {}
    for p in periods:
        by_child.setdefault(p.child, []).append(p)

    y, m = add_months(first[0], first[1], -1)
    prev_stock = len(stock_children(ep, month_end(y, m)))

    rows, due_rows = [], []
    y, m = first
    while (y, m) <= last:
        lo = dt.date(y, m, 1)
        hi = month_end(y, m)
        starts = sum(1 for p in periods if lo <= p.start <= hi)
        ends = Counter(exit_group(p, dob) for p in periods if p.end is not None and lo <= p.end <= hi)
        stock = stock_children(ep, hi)

        age, place, tic = Counter(), Counter(), Counter()
        due = 0
        y12, m12 = add_months(y, m, 12)
        hi12 = month_end(y12, m12)
        for child in stock:
            covering = [p for p in by_child[child] if p.covers(hi)]
            assert len(covering) == 1, (child, hi)
            p = covering[0]
            born = dob.get(child)
            age[age_band(born, hi, odd)] += 1
            place[PLACE_GROUP.get(p.place_on(hi), "other")] += 1
            tic[time_band(whole_months(p.start, hi))] += 1
            if born is not None and hi < eighteenth_birthday(born) <= hi12:
                due += 1

        row = {"month": f"{y:04d}-{m:02d}", "stock_start": prev_stock, "starts": starts}
        for g in EXIT_GROUPS:
            row[f"end:{g}"] = ends[g]
        row["stock_end"] = len(stock)
        row["residual"] = len(stock) - (prev_stock + starts - sum(ends.values()))
        for b in AGE_BANDS:
            row[f"age:{b}"] = age[b]
        for g in PLACEMENT_GROUPS:
            row[f"placement:{g}"] = place[g]
        for b in TIME_BANDS:
            row[f"time_in_care:{b}"] = tic[b]
        rows.append(row)
        due_rows.append({"month": row["month"], "due_to_turn_18_next_12_months": due})

        prev_stock = len(stock)
        y, m = add_months(y, m, 1)

    monthly = pd.DataFrame(rows, columns=MONTHLY_COLUMNS)
    due = pd.DataFrame(due_rows, columns=["month", "due_to_turn_18_next_12_months"])
    # Internal consistency of the breakdowns
    for prefix in ("age:", "placement:", "time_in_care:"):
        cols = [c for c in MONTHLY_COLUMNS if c.startswith(prefix)]
        assert (monthly[cols].sum(axis=1) == monthly["stock_end"]).all(), prefix
    return monthly, due


def load_uasc(path: str) -> dict:
    """SSDA903 UASC table: CHILD -> the date the status ceased (DUC), None while it lasts."""
    u = read_table(path, ["CHILD", "SEX", "DOB", "DUC"])
    return {r.CHILD: parse_date(r.DUC) for r in u.itertuples(index=False)}


def is_uasc(ceased: dict, child, day: dt.date) -> bool:
    """Listed in the UASC table, and the status had not ceased by `day`."""
    if child not in ceased:
        return False
    return ceased[child] is None or day < ceased[child]


def uasc_table(ep, periods, ceased, first, last) -> pd.DataFrame:
    """Per month: looked after at the month end and UASC on that day; periods of
    care starting in the month whose child was UASC on the day it started."""
    rows = []
    y, m = first
    while (y, m) <= last:
        lo, hi = dt.date(y, m, 1), month_end(y, m)
        stock = sum(1 for c in stock_children(ep, hi) if is_uasc(ceased, c, hi))
        starts = sum(1 for p in periods if lo <= p.start <= hi and is_uasc(ceased, p.child, p.start))
        rows.append({"month": f"{y:04d}-{m:02d}", "uasc_starts": starts, "uasc_stock_end": stock})
        y, m = add_months(y, m, 1)
    return pd.DataFrame(rows, columns=["month", "uasc_starts", "uasc_stock_end"])


def run(name, episode_paths, header_path, first, last, out_prefix, uasc_path=None):
    log: list[str] = []
    ep, stats, raw = load_episodes(episode_paths, log)
    dob = load_dob(header_path)
    periods = build_periods(ep, stats)
    stats["children in the kept episodes without a Header DOB"] = len(set(ep["CHILD"]) - {c for c, d in dob.items() if d is not None})

    if first is None:  # month range from the valid rows (short breaks included)
        valid = raw[raw["WHY_OUT"] == ""]
        dmin = min(valid["decom"])
        dmax = max([d for d in valid["decom"]] + [d for d in valid["dec"] if d is not None])
        first, last = (dmin.year, dmin.month), (dmax.year, dmax.month)

    odd: Counter = Counter()
    monthly, due = monthly_tables(ep, periods, dob, first, last, odd)
    stats.update(odd)
    monthly.to_csv(os.path.join(HERE, f"{out_prefix}_monthly.csv"), index=False, lineterminator="\n")
    due.to_csv(os.path.join(HERE, f"{out_prefix}_due_18.csv"), index=False, lineterminator="\n")
    if uasc_path is not None:
        uasc = uasc_table(ep, periods, load_uasc(uasc_path), first, last)
        uasc.to_csv(os.path.join(HERE, f"{out_prefix}_uasc.csv"), index=False, lineterminator="\n")
        print(f"  UASC: {int(uasc.uasc_starts.sum())} periods started by unaccompanied asylum seekers; "
              f"looked after at the end of 2026-10: {int(uasc.uasc_stock_end.iloc[-1])}")

    print(f"== {name}: {len(episode_paths)} episode file(s), months {monthly.month.iloc[0]}..{monthly.month.iloc[-1]} ({len(monthly)})")
    for k, v in stats.items():
        print(f"  {k}: {v}")
    for line in log[:50]:
        print(line)
    if len(log) > 50:
        print(f"  ... {len(log) - 50} more rows left out")
    tot = monthly.drop(columns=["month"]).sum()
    print("  totals over all months: starts", tot["starts"],
          "ends", int(sum(tot[f'end:{g}'] for g in EXIT_GROUPS)),
          {g: int(tot[f'end:{g}']) for g in EXIT_GROUPS})
    print("  sum of stock_end", tot["stock_end"], "| nonzero residual months", int((monthly.residual != 0).sum()),
          "| sum of due_18", int(due.iloc[:, 1].sum()))
    return monthly, due


def year_summary(monthly: pd.DataFrame, first: str, last: str, label: str):
    sel = monthly[(monthly.month >= first) & (monthly.month <= last)]
    flows = {"starts": int(sel.starts.sum())}
    for g in EXIT_GROUPS:
        flows[g] = int(sel[f"end:{g}"].sum())
    flows["ends"] = sum(flows[g] for g in EXIT_GROUPS)
    print(f"  {label} ({first}..{last}): stock {int(sel.stock_start.iloc[0])} -> {int(sel.stock_end.iloc[-1])}; "
          + ", ".join(f"{k} {v}" for k, v in flows.items())
          + f"; residual {int(sel.residual.sum())}")


def main():
    print(f"pandas {pd.__version__}, python {sys.version.split()[0]}")
    bundled_eps = sorted(glob.glob(os.path.join(BUNDLED_DIR, "episodes_*.csv")))
    monthly, _ = run("bundled E99999999", bundled_eps, os.path.join(BUNDLED_DIR, "header.csv"),
                     (2012, 4), (2026, 10), "bundled", uasc_path=os.path.join(BUNDLED_DIR, "uasc.csv"))
    print("  sanity check:")
    year_summary(monthly, "2022-04", "2023-03", "2022-23")
    year_summary(monthly, "2023-04", "2024-03", "2023-24")
    for mth in ("2023-03", "2024-03"):
        print(f"  stock at end of {mth}: {int(monthly.loc[monthly.month == mth, 'stock_end'].iloc[0])}")

    run("sample Tests/Fixtures/records", [os.path.join(SAMPLE_DIR, "episodes.csv")],
        os.path.join(SAMPLE_DIR, "header.csv"), None, None, "sample")


if __name__ == "__main__":
    main()
