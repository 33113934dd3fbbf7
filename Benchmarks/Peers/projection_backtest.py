#!/usr/bin/env python3
"""Backtest projections of the number of looked-after children against peers, on child-level records.

    python3 Benchmarks/Peers/projection_backtest.py [--records DIR ...] [--step 1]
        [--reference-months 12] [--clinic PATH] [--clinic-uncut] [--no-demand-model]
        [--demand-model-venv DIR] [--demand-model-base-python PATH] [--demand-model-jobs N]
        [--raw FILE.csv] [--keep-work]

Needs pandas and numpy. A full run on one authority (150 monthly origins) takes about 20 minutes on two
cores, nearly all of it the demand model (one-day steps over 24 months of pandas operations per origin),
run in parallel with Clinic; with --no-demand-model about 90 seconds.

Input: a folder of SSDA903 CSV files per authority (`--records`, repeatable; default
data/records/E99999999): header.csv (CHILD, DOB used) and episodes_YYYY.csv, one per collection year
(April to March, named by the year it ends). Other files (missing.csv, cin_referrals.csv) are ignored.

Episodes. All episodes files are read; an episode open across 31 March appears in two years' files, so
rows are deduplicated on (CHILD, DECOM), keeping the row that has a DEC if any. Short breaks (LS V3 or
V4) are removed before anything is counted (DfE's rule, docs DOMAIN.md).

Actual stock. A child is looked after at a month end E if an episode has DECOM <= E and (DEC blank or
DEC > E); each child counts once (with overlapping episodes, the one that started last gives the
placement). By age band, from the age in whole years at E (DOB from the header): under_1, 1_4, 5_9,
10_15, 16_17 (a child aged 18 or more, or without a usable DOB, counts in the total only). By placement
group, from PLACE of the episode open at E: foster U1-U6; placed_for_adoption A3-A6; with_parents P1;
residential K1, K2, R1, R2, R5, S1; independent_or_supported P2, H5; other = every other code. Months
run from the April of the earliest collection year to the month of the latest DECOM or DEC in the files
(no later than the March of the latest collection year), as Clinic's own series do.

Origins. Every `--step` months (default 1, every month; `--step 3` keeps one origin in three, as the
earlier tables in docs/METHODS.md did) from the first month with 24 months of history before it (April
2014 for files from 2012-13 on; Clinic's `project` needs as much) to the last month that leaves at
least one month of actuals. At each origin the
data are cut at the origin's month end C: episodes with DECOM > C are dropped, and DEC and REC after C
are erased (the episode is open). Every method sees only the cut data; the script checks that the
history it derives from a cut equals the actual stock up to C.

Methods, each forecasting the total and every age band and placement group for the 24 month ends after
the origin:
  naive         the value at the origin's month end, carried forward.
  trend         an OLS line through the last 24 month-end values (origin included), extrapolated, never
                below 0; fitted separately for the total and for each group.
  demand_model  Social Finance's demand model, PyPI cs-demand-model 0.5.1, installed in its own venv
                (Benchmarks/.venv-demand-model by default, created on first use and reused; the package
                pins pandas < 2 and numpy < 2, so the venv's Python must be 3.10 or 3.11, see
                --demand-model-base-python). demand_model_runner.py runs it there, one origin per job,
                on the cut episodes (deduplicated, short breaks removed) and their children's header rows,
                written as header.csv + episodes.csv in a temporary folder. Settings: the package's
                bundled configuration (standard-v1.yaml), a reference period of the `--reference-months`
                months (default 12) ending at the origin's month end (its transition and entry rates),
                the projection starting from its own stock at the origin, one-day steps (as its CLI).
                It bands children by their age when the episode began and knows the placement categories
                Fostering (U1-U6), Residential (K2, R1 only), Supported (H5, P2) and Other: its age
                brackets are scored as the five age bands (16+ as 16_17), its Fostering as foster and
                Supported as independent_or_supported; its Residential and Other do not match a group
                here and are not scored. It is run only to the last month with actuals. An origin where
                it raises, or where a projected value is NaN, is a failure: NaN forecasts, counted.
  clinic        `<clinic> project lac <folder> --as-of YYYY-MM --horizon 24 --json`, its mean and its 80 %
                and 95 % intervals. <folder> is the data cut at the origin, written as the SSDA903 files
                (header.csv and episodes_YYYY.csv, later years' files dropped) in a folder named by the
                authority; `--clinic-uncut` passes the original folder instead and relies on --as-of.
                Skipped, with a message, when the binary or its `project` command does not exist.

Scores, per method and horizon h in 1, 3, 6, 12, 24 (only where the target month has an actual), over
the origins:
  MAPE   mean of |f - a| / a x 100, skipping a = 0.
  MASE   mean of |f - a| / s, where s is the in-sample mean absolute one-month naive error of the same
         series over the 24 months up to the origin: the mean of |y(t) - y(t-1)| for t = origin - 23 ...
         origin (24 changes, 25 month ends); a series with s = 0 is skipped.
  bias   mean of f - a (children; positive = over-forecast).
  for methods with intervals (clinic): coverage of the 80 % and 95 % intervals (share of actuals inside
  [lower, upper]) and the mean interval score at 95 % (Gneiting & Raftery 2007):
         (u - l) + (2/alpha)(l - a) 1[a < l] + (2/alpha)(a - u) 1[a > u], alpha = 0.05.
For the total these are over the origins; for age bands (placement groups) each score is computed per band
(group) over the origins and then averaged over the bands (groups) where it is defined, among those every
method forecasts (with the demand model: foster and independent_or_supported only). A method's NaN
forecasts (failures) are left out, so each table gives n, the origins scored.

Output: Markdown tables on stdout (total: every score; age bands and placement groups: the averaged
scores, then MAPE by band and by group); with several authorities, the same for all of them pooled.
`--raw FILE` writes every forecast with its actual: area, method, origin, month, horizon, group,
forecast, lower_80, upper_80, lower_95, upper_95, actual, scale (horizon 0 rows: the demand model's own
starting stock at the origin).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

HORIZONS = (1, 3, 6, 12, 24)
MAX_HORIZON = 24
HISTORY_MONTHS = 24
SHORT_BREAKS = {"V3", "V4"}
AGE_BANDS = ("under_1", "1_4", "5_9", "10_15", "16_17")
PLACEMENT_GROUPS = ("foster", "placed_for_adoption", "with_parents", "residential",
                    "independent_or_supported", "other")
PLACEMENT_OF_CODE = {
    **{f"U{i}": "foster" for i in range(1, 7)},
    **{f"A{i}": "placed_for_adoption" for i in range(3, 7)},
    "P1": "with_parents",
    **{code: "residential" for code in ("K1", "K2", "R1", "R2", "R5", "S1")},
    "P2": "independent_or_supported", "H5": "independent_or_supported",
}
GROUPS = ("total",) + tuple(f"age:{b}" for b in AGE_BANDS) + tuple(f"placement:{g}" for g in PLACEMENT_GROUPS)

DEMAND_MODEL_VERSION = "0.5.1"
DEMAND_MODEL_AGE = {"BIRTH_TO_ONE": "under_1", "ONE_TO_FIVE": "1_4", "FIVE_TO_TEN": "5_9",
                    "TEN_TO_SIXTEEN": "10_15", "SIXTEEN_TO_EIGHTEEN": "16_17"}
DEMAND_MODEL_PLACEMENT = {"FOSTERING": "foster", "SUPPORTED": "independent_or_supported"}
METHODS = ("naive", "trend", "demand_model", "clinic")
EPISODE_COLUMNS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                   "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------
# Records


@dataclass
class Records:
    area: str            # the folder's name (the authority code)
    label: str           # how the tables name it (the folder's name, or its path when names repeat)
    folder: str
    header: pd.DataFrame  # the header rows as read (strings), CHILD unique
    rows: pd.DataFrame    # every episodes row as read (strings), with year (the file's collection year),
                          # year_start (its 1 April), start and end (parsed DECOM and DEC)
    first_month: pd.Period
    last_month: pd.Period


def read_records(folder):
    """Reads an authority's header.csv and episodes_YYYY.csv files."""
    header_path = os.path.join(folder, "header.csv")
    if not os.path.exists(header_path):
        sys.exit(f"{folder}: no header.csv")
    header = pd.read_csv(header_path, dtype=str, keep_default_na=False)
    header = header.drop_duplicates("CHILD", keep="first")
    frames = []
    for name in sorted(os.listdir(folder)):
        match = re.fullmatch(r"episodes_(\d{4})\.csv", name, flags=re.IGNORECASE)
        if not match:
            continue
        frame = pd.read_csv(os.path.join(folder, name), dtype=str, keep_default_na=False)
        missing = [c for c in ("CHILD", "DECOM", "LS", "PLACE", "DEC", "REC") if c not in frame.columns]
        if missing:
            sys.exit(f"{folder}/{name}: no column {', '.join(missing)}")
        frame["year"] = int(match.group(1))
        frames.append(frame)
    if not frames:
        sys.exit(f"{folder}: no episodes_YYYY.csv files")
    rows = pd.concat(frames, ignore_index=True)
    rows["start"] = pd.to_datetime(rows["DECOM"], format="%d/%m/%Y")
    rows["end"] = pd.to_datetime(rows["DEC"].replace("", None), format="%d/%m/%Y")
    rows["year_start"] = pd.to_datetime((rows["year"] - 1).astype(str) + "-04-01")
    first_year, last_year = rows["year"].min(), rows["year"].max()
    first_month = pd.Period(f"{first_year - 1}-04", "M")
    latest = max(rows["start"].max(), rows["end"].max())
    last_month = min(latest.to_period("M"), pd.Period(f"{last_year}-03", "M"))
    area = os.path.basename(os.path.normpath(folder))
    return Records(area, area, folder, header, rows, first_month, last_month)


def merged_episodes(rows):
    """One row per (CHILD, DECOM), the one with a DEC if any; short breaks removed."""
    ordered = rows.assign(has_end=rows["end"].notna()).sort_values(["CHILD", "start", "has_end"])
    merged = ordered.drop_duplicates(["CHILD", "start"], keep="last").drop(columns="has_end")
    return merged[~merged["LS"].str.strip().isin(SHORT_BREAKS)].reset_index(drop=True)


def cut_rows(rows, cut):
    """The rows as they stood at the end of day `cut`: later starts dropped, later ends erased, and
    the files of collection years that start after it gone."""
    kept = rows[(rows["start"] <= cut) & (rows["year_start"] <= cut)].copy()
    later = kept["end"] > cut
    kept.loc[later, ["DEC", "REC"]] = ""
    kept.loc[later, "end"] = pd.NaT
    return kept


def month_end(month):
    return month.to_timestamp(how="end").normalize()


def stock_table(episodes, header, months):
    """Month-end stock: rows are months, columns GROUPS."""
    dob = pd.to_datetime(header.set_index("CHILD")["DOB"].replace("", None), format="%d/%m/%Y", errors="coerce")
    episodes = episodes.sort_values(["CHILD", "start"])
    born = episodes["CHILD"].map(dob)
    placement = episodes["PLACE"].str.strip().map(PLACEMENT_OF_CODE).fillna("other")
    table = pd.DataFrame(0, index=pd.PeriodIndex(months, freq="M"), columns=list(GROUPS), dtype=float)
    for month in months:
        day = month_end(month)
        open_ = (episodes["start"] <= day) & (episodes["end"].isna() | (episodes["end"] > day))
        # each child once: with overlapping episodes, the one that started last
        last_open = ~episodes.loc[open_, "CHILD"].duplicated(keep="last")
        index = last_open.index[last_open.values]
        table.loc[month, "total"] = len(index)
        birth = born.loc[index]
        before_birthday = (day.month < birth.dt.month) | ((day.month == birth.dt.month) & (day.day < birth.dt.day))
        age = day.year - birth.dt.year - before_birthday.astype(int)
        band = pd.cut(age, [0, 1, 5, 10, 16, 18], right=False, labels=AGE_BANDS)
        for name, count in band.value_counts().items():
            table.loc[month, f"age:{name}"] = count
        for name, count in placement.loc[index].value_counts().items():
            table.loc[month, f"placement:{name}"] = count
    return table


# ---------------------------------------------------------------------------------------------------
# Origins and the simple methods


def origins_of(records, step):
    first = records.first_month + HISTORY_MONTHS
    last = records.last_month - 1
    origins = []
    month = first
    while month <= last:
        origins.append(month)
        month += step
    return origins


def history_at(records, origin):
    """The cut at the origin's month end: (deduplicated episodes, header rows, raw cut rows, stock up to
    the origin)."""
    cut = month_end(origin)
    rows = cut_rows(records.rows, cut)
    episodes = merged_episodes(rows)
    header = records.header[records.header["CHILD"].isin(set(rows["CHILD"]))]
    months = pd.period_range(records.first_month, origin, freq="M")
    return episodes, header, rows, stock_table(episodes, header, months)


def naive_forecast(history, origin):
    last = history.loc[origin]
    return {h: last.to_dict() for h in range(1, MAX_HORIZON + 1)}


def trend_forecast(history, origin):
    window = history.loc[origin - (HISTORY_MONTHS - 1):origin].to_numpy()
    x = np.arange(HISTORY_MONTHS, dtype=float)
    design = np.column_stack([np.ones_like(x), x])
    coefficients, *_ = np.linalg.lstsq(design, window, rcond=None)
    out = {}
    for h in range(1, MAX_HORIZON + 1):
        values = np.maximum(coefficients[0] + coefficients[1] * (HISTORY_MONTHS - 1 + h), 0.0)
        out[h] = dict(zip(history.columns, values))
    return out


def naive_scale(history, origin):
    """Per group: the mean absolute one-month change over the 24 months up to the origin."""
    window = history.loc[origin - HISTORY_MONTHS:origin]
    scale = window.diff().abs().iloc[1:].mean()
    return scale.where(scale > 0)


# ---------------------------------------------------------------------------------------------------
# The demand model (in its own venv)


def demand_model_python(venv_dir, base_python):
    """The venv's interpreter, with cs-demand-model installed; created on first use from base_python."""
    python = os.path.join(venv_dir, "bin", "python")
    check = [python, "-c", "import importlib.metadata as m, cs_demand_model; print(m.version('cs-demand-model'))"]
    if os.path.exists(python):
        done = subprocess.run(check, capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip() == DEMAND_MODEL_VERSION:
            return python
    log(f"demand model: creating {venv_dir} and installing cs-demand-model=={DEMAND_MODEL_VERSION} ...")
    if not os.path.exists(python):
        subprocess.run([base_python, "-m", "venv", venv_dir], check=True)
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                              f"cs-demand-model=={DEMAND_MODEL_VERSION}"], capture_output=True, text=True)
    if install.returncode != 0:
        raise RuntimeError(f"pip install cs-demand-model=={DEMAND_MODEL_VERSION} failed:\n{install.stderr[-2000:]}")
    done = subprocess.run(check, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"cs-demand-model does not import in {venv_dir}:\n{done.stderr[-2000:]}")
    return python


def write_demand_model_input(folder, episodes, header):
    os.makedirs(folder, exist_ok=True)
    columns = [c for c in EPISODE_COLUMNS if c in episodes.columns]
    episodes[columns].to_csv(os.path.join(folder, "episodes.csv"), index=False)
    header.to_csv(os.path.join(folder, "header.csv"), index=False)


def start_demand_model(python, jobs, workdir, workers):
    """Starts demand_model_runner.py on the jobs in the background; finish_demand_model collects."""
    jobs_path, out_path = os.path.join(workdir, "jobs.json"), os.path.join(workdir, "out.json")
    with open(jobs_path, "w") as f:
        json.dump(jobs, f)
    process = subprocess.Popen([python, os.path.join(HERE, "demand_model_runner.py"), jobs_path, out_path,
                                "--jobs", str(workers)], stdout=subprocess.DEVNULL)
    return process, out_path


def finish_demand_model(started):
    """Waits for the runner; returns {origin: result} as it writes it."""
    process, out_path = started
    if process.wait() != 0:
        raise RuntimeError(f"demand_model_runner.py failed (exit {process.returncode}; its messages are above)")
    with open(out_path) as f:
        return json.load(f)


def demand_model_forecasts(result, origin):
    """{horizon: {group: value}} from one origin's runner result (horizon 0: its starting stock).
    NaN everywhere when the origin failed."""
    out = {}
    for row in result.get("rows", []):
        horizon = pd.Period(row["date"][:7], "M").ordinal - origin.ordinal
        if row["kind"] == "total":
            group = "total"
        elif row["kind"] == "age" and row["key"] in DEMAND_MODEL_AGE:
            group = f"age:{DEMAND_MODEL_AGE[row['key']]}"
        elif row["kind"] == "placement" and row["key"] in DEMAND_MODEL_PLACEMENT:
            group = f"placement:{DEMAND_MODEL_PLACEMENT[row['key']]}"
        else:
            continue
        value = row["value"]
        out.setdefault(horizon, {})[group] = np.nan if value is None else float(value)
    return out


# ---------------------------------------------------------------------------------------------------
# Clinic


def clinic_has_project(clinic):
    """(True, "") when the binary exists and lists a `project` command; else (False, why)."""
    if not os.path.exists(clinic):
        return False, f"no binary at {clinic}"
    done = subprocess.run([clinic, "--help"], capture_output=True, text=True)
    if not re.search(r"^\s+project\s", done.stdout, flags=re.MULTILINE):
        return False, f"{clinic} has no `project` command"
    return True, ""


def write_clinic_input(folder, rows, header):
    """The cut as SSDA903 files: header.csv and one episodes_YYYY.csv per collection year."""
    os.makedirs(folder, exist_ok=True)
    header.to_csv(os.path.join(folder, "header.csv"), index=False)
    columns = [c for c in EPISODE_COLUMNS if c in rows.columns]
    for year, part in rows.groupby("year"):
        part[columns].to_csv(os.path.join(folder, f"episodes_{year}.csv"), index=False)


def run_clinic(clinic, folder, origin):
    """{horizon: {group: (mean, l80, u80, l95, u95)}} or raises RuntimeError."""
    command = [clinic, "project", "lac", folder, "--as-of", str(origin), "--horizon", str(MAX_HORIZON), "--json"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:] or ''}")
    document = json.loads(done.stdout)
    if document.get("origin") != str(origin):
        raise RuntimeError(f"projected from {document.get('origin')}, not {origin}")
    out = {}
    for row in document["projection"]:
        horizon = pd.Period(row["month"], "M").ordinal - origin.ordinal
        if row["group"] in GROUPS and 1 <= horizon <= MAX_HORIZON:
            out.setdefault(horizon, {})[row["group"]] = tuple(
                float(row[k]) if row.get(k) is not None else np.nan
                for k in ("mean", "lower_80", "upper_80", "lower_95", "upper_95"))
    return out


# ---------------------------------------------------------------------------------------------------
# Scores


def interval_score(lower, upper, actual, alpha=0.05):
    return ((upper - lower) + (2 / alpha) * (lower - actual) * (actual < lower)
            + (2 / alpha) * (actual - upper) * (actual > upper))


def add_errors(raw):
    """Per-row error terms (NaN where undefined)."""
    f, a = raw["forecast"], raw["actual"]
    raw = raw.copy()
    raw["ape"] = ((f - a).abs() / a * 100).where(a > 0)
    raw["ase"] = (f - a).abs() / raw["scale"]
    raw["error"] = f - a
    raw["in80"] = ((raw["lower_80"] <= a) & (a <= raw["upper_80"])).astype(float).where(raw["lower_80"].notna())
    raw["in95"] = ((raw["lower_95"] <= a) & (a <= raw["upper_95"])).astype(float).where(raw["lower_95"].notna())
    raw["is95"] = interval_score(raw["lower_95"], raw["upper_95"], a)
    return raw


SCORES = (("MAPE %", "ape", "{:.1f}"), ("MASE", "ase", "{:.2f}"), ("bias", "error", "{:+.1f}"),
          ("cover 80 %", "in80", "{:.0%}"), ("cover 95 %", "in95", "{:.0%}"), ("IS 95", "is95", "{:.1f}"))


def common_groups(raw, kind):
    """The groups of `kind` that every method with any forecast of that kind forecasts (the demand
    model has only two of the placement groups)."""
    forecast = raw[raw["forecast"].notna() & raw["group"].str.startswith(kind + ":") & (raw["horizon"] > 0)]
    sets = [set(part["group"]) for _, part in forecast.groupby("method")]
    return sorted(set.intersection(*sets), key=GROUPS.index) if sets else []


def scores(raw, kind, groups=None):
    """Scores per method, horizon and group (mean over origins), for the groups of `kind`
    ("total", "age" or "placement"), or only `groups`; plus n, the origins with a forecast and an actual."""
    scored = raw[raw["horizon"].isin(HORIZONS) & raw["actual"].notna() & raw["forecast"].notna()]
    scored = scored[scored["group"] == "total"] if kind == "total" else scored[scored["group"].str.startswith(kind + ":")]
    if groups is not None:
        scored = scored[scored["group"].isin(groups)]
    columns = [column for _, column, _ in SCORES]
    per_group = scored.groupby(["method", "horizon", "group"])[columns].mean()
    per_group["n"] = scored.groupby(["method", "horizon", "group"]).size()
    return per_group


def formatted(value, pattern):
    return "–" if value is None or not np.isfinite(value) else pattern.format(value)


def methods_in(raw):
    return [m for m in METHODS if m in set(raw["method"])]


def summary_table(raw, kind, title):
    """Markdown: rows score × method, columns horizons; for age and placement, scores averaged over the
    groups that every method forecasts."""
    groups = None if kind == "total" else common_groups(raw, kind)
    per_group = scores(raw, kind, groups)
    if per_group.empty:
        return f"{title}: nothing to score\n"
    if groups is not None:
        title += f" (each score averaged over {', '.join(g.split(':')[1] for g in groups)})"
    averaged = per_group.groupby(["method", "horizon"]).mean()
    counts = per_group["n"].groupby(["method", "horizon"]).max()
    methods = methods_in(raw)
    lines = [title, "", "| score | method | " + " | ".join(f"h={h}" for h in HORIZONS) + " |",
             "|---|---|" + "---:|" * len(HORIZONS)]
    for label, column, pattern in SCORES + (("n origins", "n", "{:.0f}"),):
        for method in methods:
            values = [averaged[column].get((method, h)) if column != "n" else counts.get((method, h))
                      for h in HORIZONS]
            if all(v is None or not np.isfinite(v) for v in values):
                continue
            lines.append(f"| {label} | {method} | " + " | ".join(formatted(v, pattern) for v in values) + " |")
    return "\n".join(lines) + "\n"


def detail_table(raw, kind, names, title):
    """Markdown: MAPE per group, rows method × horizon; mean over the groups every method forecasts."""
    per_group = scores(raw, kind)["ape"]
    if per_group.empty:
        return f"{title}: nothing to score\n"
    common = common_groups(raw, kind)
    if len(common) < len(names):
        title += f" (mean: over {', '.join(g.split(':')[1] for g in common)}, which every method forecasts)"
    lines = [title, "", "| method | h | " + " | ".join(names) + " | mean |", "|---|---:|" + "---:|" * (len(names) + 1)]
    for method in methods_in(raw):
        for h in HORIZONS:
            values = [per_group.get((method, h, f"{kind}:{name}")) for name in names]
            if all(v is None or not np.isfinite(v) for v in values):
                continue
            shared = [per_group.get((method, h, g)) for g in common]
            shared = [v for v in shared if v is not None and np.isfinite(v)]
            mean = np.mean(shared) if shared else None
            lines.append(f"| {method} | {h} | " + " | ".join(formatted(v, "{:.1f}") for v in values)
                         + f" | {formatted(mean, '{:.1f}')} |")
    return "\n".join(lines) + "\n"


def report(raw, label, notes):
    origins = sorted(raw["origin"].unique())
    out = [f"## {label}", "",
           f"Origins {origins[0]} to {origins[-1]} ({len(origins)}); " + "; ".join(notes), ""]
    out.append(summary_table(raw, "total", "### Total looked after"))
    out.append(summary_table(raw, "age", "### Age bands"))
    out.append(summary_table(raw, "placement", "### Placement groups"))
    out.append(detail_table(raw, "age", AGE_BANDS, "### MAPE % by age band"))
    out.append(detail_table(raw, "placement", PLACEMENT_GROUPS, "### MAPE % by placement group"))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------
# The backtest of one authority


def forecast_rows(area, method, origin, forecasts, actuals, scale, with_intervals=False):
    rows = []
    for horizon, groups in forecasts.items():
        month = origin + horizon
        for group, value in groups.items():
            mean, l80, u80, l95, u95 = value if with_intervals else (value, np.nan, np.nan, np.nan, np.nan)
            actual = actuals.at[month, group] if month in actuals.index else np.nan
            rows.append((area, method, str(origin), str(month), horizon, group, mean, l80, u80, l95, u95,
                         actual, scale.get(group, np.nan)))
    return rows


RAW_COLUMNS = ["area", "method", "origin", "month", "horizon", "group", "forecast", "lower_80", "upper_80",
               "lower_95", "upper_95", "actual", "scale"]


def backtest(records, options, demand_python, clinic_ready, workdir):
    """Every method at every origin of one authority: (raw forecast rows, notes for its tables)."""
    months = pd.period_range(records.first_month, records.last_month, freq="M")
    log(f"{records.label}: {len(records.rows)} episode rows, months {months[0]} to {months[-1]}")
    actuals = stock_table(merged_episodes(records.rows), records.header, months)
    origins = origins_of(records, options.step)
    if not origins:
        sys.exit(f"{records.label}: fewer than {HISTORY_MONTHS + 1} months of records")
    notes = [f"every {options.step} months", f"actuals {months[0]} to {months[-1]}"]
    rows, jobs, failures, scales, clinic_folders = [], [], {}, {}, {}

    # The cut at each origin, the simple methods, and the peers' input files.
    for origin in origins:
        episodes, header, cut, history = history_at(records, origin)
        if not history.equals(actuals.loc[:origin]):
            sys.exit(f"{records.label} {origin}: the stock derived from the cut differs from the actual stock")
        scale = scales[origin] = naive_scale(history, origin)
        rows += forecast_rows(records.area, "naive", origin, naive_forecast(history, origin), actuals, scale)
        rows += forecast_rows(records.area, "trend", origin, trend_forecast(history, origin), actuals, scale)
        if demand_python:
            folder = os.path.join(workdir, "demand_model", str(origin))
            write_demand_model_input(folder, episodes, header)
            targets = pd.period_range(origin + 1, min(origin + MAX_HORIZON, records.last_month), freq="M")
            jobs.append({"origin": str(origin), "dir": folder,
                         "reference_start": f"{month_end(origin - options.reference_months):%Y-%m-%d}",
                         "reference_end": f"{month_end(origin):%Y-%m-%d}",
                         "targets": [f"{month_end(m):%Y-%m-%d}" for m in targets]})
        if clinic_ready and not options.clinic_uncut:
            clinic_folders[origin] = os.path.join(workdir, "clinic", str(origin), records.area)
            write_clinic_input(clinic_folders[origin], cut, header)
    log(f"{records.label}: {len(origins)} origins cut, naive and trend done")

    # The demand model runs in the background while Clinic runs here.
    started = None
    if demand_python:
        log(f"{records.label}: demand model at {len(jobs)} origins ({options.demand_model_jobs} at a time) ...")
        started = start_demand_model(demand_python, jobs, workdir, options.demand_model_jobs)
    if clinic_ready:
        for i, origin in enumerate(origins):
            try:
                projection = run_clinic(options.clinic, clinic_folders.get(origin, records.folder), origin)
            except (RuntimeError, ValueError, KeyError) as error:
                failures.setdefault("clinic", []).append(f"{origin}: {error}")
                projection = {h: {g: (np.nan,) * 5 for g in GROUPS} for h in range(1, MAX_HORIZON + 1)}
            rows += forecast_rows(records.area, "clinic", origin, projection, actuals, scales[origin],
                                  with_intervals=True)
            log(f"{records.label}: clinic {origin} ({i + 1}/{len(origins)})")
    if started:
        results = finish_demand_model(started)
        for job in jobs:
            origin = pd.Period(job["origin"], "M")
            result = results.get(job["origin"], {"status": "error", "error": "no result"})
            forecasts = demand_model_forecasts(result, origin)
            if result["status"] != "ok":
                failure = result["error"]
            elif result.get("states_with_nan"):
                failure = f"NaN in the states {', '.join(result['states_with_nan'])}"
            else:
                failure = None
            if failure:
                # the whole origin counts as failed: NaN for every group it would have forecast
                failures.setdefault("demand_model", []).append(f"{origin}: {failure}")
                groups = {g for h, values in forecasts.items() for g in values} or {"total"}
                forecasts = {**{h: v for h, v in forecasts.items() if h == 0},
                             **{pd.Period(t[:7], "M").ordinal - origin.ordinal: {g: np.nan for g in groups}
                                for t in job["targets"]}}
            rows += forecast_rows(records.area, "demand_model", origin, forecasts, actuals, scales[origin])
    raw = pd.DataFrame(rows, columns=RAW_COLUMNS)
    for method, messages in failures.items():
        notes.append(f"{method} failed at {len(messages)} of {len(origins)} origins")
        for message in messages:
            log(f"{records.label}: {method} failed at {message}")
    return raw, notes


def demand_model_start_note(raw):
    """How far the demand model's own starting stock is from the actual at the origins."""
    start = raw[(raw["method"] == "demand_model") & (raw["horizon"] == 0) & raw["forecast"].notna()]
    if start.empty:
        return None
    total = start[start["group"] == "total"]
    ages = start[start["group"].str.startswith("age:")]
    mape = lambda part: ((part["forecast"] - part["actual"]).abs() / part["actual"] * 100).where(part["actual"] > 0).mean()
    return (f"demand model's own stock at the origins vs the actual: total MAPE {mape(total):.1f} %, "
            f"age bands MAPE {mape(ages):.1f} % (it bands by age at episode start)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", action="append", metavar="DIR",
                        help="folder of SSDA903 files (repeatable; default data/records/E99999999)")
    parser.add_argument("--step", type=int, default=1, help="months between origins (default 1)")
    parser.add_argument("--reference-months", type=int, default=12,
                        help="the demand model's reference period, months before the origin (default 12)")
    parser.add_argument("--clinic", default=os.path.join(ROOT, ".build", "release", "clinic"),
                        help="the clinic binary (default .build/release/clinic)")
    parser.add_argument("--clinic-uncut", action="store_true",
                        help="give Clinic the original folder with --as-of instead of the cut files")
    parser.add_argument("--no-demand-model", action="store_true", help="skip the demand model")
    parser.add_argument("--demand-model-venv", default=os.path.join(ROOT, "Benchmarks", ".venv-demand-model"),
                        help="its virtual environment (created if missing)")
    parser.add_argument("--demand-model-base-python", default=sys.executable,
                        help="the Python that creates its venv (3.10 or 3.11: its pinned pandas 1.5 has "
                             "no wheels for later ones; default: this one)")
    parser.add_argument("--demand-model-jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="origins run at once by the demand model (default: CPUs, at most 4)")
    parser.add_argument("--raw", metavar="FILE", help="write every forecast with its actual to this CSV")
    parser.add_argument("--keep-work", action="store_true", help="keep the temporary folder of cut files")
    options = parser.parse_args()
    if options.step < 1 or options.reference_months < 1:
        parser.error("--step and --reference-months must be at least 1")

    folders = options.records or [os.path.join(ROOT, "data", "records", "E99999999")]
    authorities = [read_records(folder) for folder in folders]
    names = [a.area for a in authorities]
    for a in authorities:
        if names.count(a.area) > 1:
            a.label = os.path.normpath(a.folder)

    demand_python = None
    if options.no_demand_model:
        log("demand model: skipped (--no-demand-model)")
    else:
        demand_python = demand_model_python(options.demand_model_venv, options.demand_model_base_python)
    clinic_ready, why = clinic_has_project(options.clinic)
    if not clinic_ready:
        log(f"clinic: skipped ({why})")

    workdir = tempfile.mkdtemp(prefix="projection_backtest_")
    try:
        raws, notes = [], {}
        for records in authorities:
            own = tempfile.mkdtemp(prefix=f"{records.area}_", dir=workdir)
            raw, notes[records.label] = backtest(records, options, demand_python, clinic_ready, own)
            raws.append(raw.assign(area=records.label))
    finally:
        if options.keep_work:
            log(f"cut files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    raw = add_errors(pd.concat(raws, ignore_index=True))

    print("# Projection backtest: children looked after at month end\n")
    for records in authorities:
        part = raw[raw["area"] == records.label]
        extra = [demand_model_start_note(part)] if demand_model_start_note(part) else []
        if not clinic_ready:
            extra.append(f"clinic skipped: {why}")
        print(report(part, records.label, notes[records.label] + extra))
    if len(authorities) > 1:
        print(report(raw, "All authorities pooled", ["every origin of every authority"]))
    if options.raw:
        raw[RAW_COLUMNS].to_csv(options.raw, index=False)
        log(f"raw forecasts: {options.raw}")


if __name__ == "__main__":
    main()
