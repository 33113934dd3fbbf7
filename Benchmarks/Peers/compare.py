#!/usr/bin/env python3
"""Clinic against the strongest peer a practitioner would write, on the same data, in one run.

Every workload is generated once (deterministically, by Benchmarks' PeerWorkload or the `clinic`
binary's own input file), then Clinic and its peer alternate for `--rounds` rounds (default 3). Each
arm runs as its own child process, so its peak RSS is that process's own ru_maxrss (from os.wait4 on
its pid): the whole process, interpreter, libraries and loaded data included, nothing subtracted.
Times are medians: within an arm, the median of its repeats (upper median, as PeerWorkload reports);
across rounds, the median of the arms' medians. Ratios are peer time / Clinic time, so > 1 means
Clinic is faster.

Workloads (`--only a,b` selects; `--scaling` adds the scaling study; default all seven workloads):

ols      Batched OLS, 60,000 series x 120 months x 15 terms (intercept, trend, 11 month dummies, level
         step, slope change). Clinic: PeerWorkload `ols` times BatchedLinearModel.fit in process, 15
         repeats (coefficients, standard errors, residual SDs; data already in memory). Peer: numpy
         "factor once": Q, R = qr(X) once; C = Q'Y; B = solve_triangular(R, C); E = Y - QC;
         sigma = sqrt(sum(E^2) / (n - p)); SE = sigma * ||row of R^-1||. Timed over the same 15 repeats
         on the same bytes, the QR included. Run on the whole matrix and blocked by series (256, 1024,
         4096 columns a block), and numpy.linalg.lstsq (plus inv(X'X) for the SEs) for reference; the
         fastest of them all is THE peer and every route is printed. Every route must agree with Clinic to 1e-10
         (coefficients normwise per series, residual SDs and SEs elementwise), or the script fails.
robust   Huber M-estimation on the same workload, statsmodels RLM's defaults (HuberT c = 1.345, MAD
         scale about 0 re-estimated every iteration, convergence on the change in the deviance < 1e-8,
         at most 50 iterations, H1 covariance). Clinic: PeerWorkload `robust` times
         BatchedRobustLinearModel.fit, 3 repeats (estimates and SEs). THE peer: a vectorised numpy
         IRLS over all series at once, following statsmodels' rule step for step per series: the
         weighted normal equations of all still-active series come from one GEMM (weights' x
         products of design columns) and one batched np.linalg.solve on the (m, p, p) stack; MAD and
         deviance per series; a series stops when its own deviance has converged. Same 3 repeats,
         same scope (estimates and H1 SEs). Must agree with Clinic to 1e-6. For context, statsmodels
         RLM one series at a time on 200 evenly spaced series, scaled to all of them.
ingest   The national long CSV (152 authorities x 12 metrics x 8 breakdowns x 120 months, 1.75 M
         rows, ~72 MB). Clinic: PeerWorkload `ingest` times reading it into a validated Panel (the
         months x series float64 matrix, with statuses), 7 repeats. THE peer: polars read_csv,
         then the months x series float64 matrix (numpy; dense codes of key and month in polars and
         one numpy scatter, as polars' own pivot is far slower), 7 repeats after one untimed warm-up
         call (polars is slow on its first call in a process). pandas read_csv + pivot for context.
         The peers' matrices must equal Clinic's (same series, months and values, NaN where missing).
records  SSDA903 files of a simulated authority (12 M population, ~1.23 M episode rows over ten years)
         -> monthly measures. The files are simulated once (PeerWorkload `records`); then Clinic
         (PeerWorkload `records-read`, a process that only reads) times reading, validating,
         merging and all 13 measures, 3 repeats. Peer: pandas reading the same files and computing
         6 of the measures (lac, lac_starts, lac_ceased, missing_incidents, away_incidents,
         missing_children) the straightforward way, 3 repeats; its values must equal Clinic's.
         Both peak RSS figures are of processes that only read the files and compute.
flags    Whole processes on the national CSV, wall time from spawn to exit:
         `clinic flags national.csv --as-of 2026-11 --json > out` against a pandas + numpy
         pipeline that does less (read_csv, pivot, one QR of the shared seasonal design for all
         series, latest month against its 95 %/99 % prediction interval, XmR on the residuals,
         json.dump). Clinic's peak RSS is also given as a multiple of the file size (target <= 3x).
fit      The same with `clinic fit national.csv --as-of 2026-11 --json > out` against read_csv,
         pivot, the shared-design QR fit, coefficients + SEs + residual SD per series to JSON (no
         validation, model choice or error model on the peer side).
samework The same `clinic flags` process against what a practitioner would write with statsmodels to do
         the same work, one series at a time: OLS of trend + 11 month dummies; Clinic's error-model
         choice (Ljung–Box, 12 lags, on the OLS residuals; if p < 0.05, SARIMAX(y, exog=X,
         order=(p,0,q)) with independent, AR(1), AR(2) and ARMA(1,1) errors, the lowest AICc chosen);
         acorr_ljungbox (12 lags) on the chosen model's residuals; the latest month against the
         99 %/99.9 % prediction interval of the chosen model refitted without it; ruptures.Pelt(
         model="linear", min_size=6, jump=1) on the seasonally adjusted series, penalty 2 sigma^2 log n
         (sigma the residual SD); Benjamini-Hochberg q-values (multipletests fdr_bh) of the latest-month
         p-values; json.dump. That is slow, so the peer runs on `--sample` evenly spaced series (default
         100 of the 14,592) and the time of its per-series part (BH included) is scaled to all series;
         the rest of its process (start-up, imports, read_csv + pivot of the whole file) is added
         unscaled. Its peak RSS is that of the sampled run.

--scaling: batched OLS at 1k, 10k, 60k series x 120 months and 10k series x 36, 120, 240 months (the
workload's intervention is three fifths of the way in: month 72 of 120, as in DESIGN), and robust at
1k, 10k, 60k series x 120 months (60k: the robust workload's own run when it ran): Clinic's median, the
best numpy route's median (all routes in one child process here, no RSS), the ratio, Clinic's GB/s (bytes of Y read once / time)
and GFLOP/s ((2 n p + 2 p^2) m / time: the flops of its two GEMMs); and, in the same run, the machine's reference points: copying Y
(60k x 120) with np.copyto into a preallocated array (bytes of Y / time), and a 4000 x 4000 dgemm
through numpy's OpenBLAS and through the system OpenBLAS that Clinic links (ctypes), all cores.

Usage: python3 Benchmarks/Peers/compare.py [--rounds N] [--only ols,robust,...] [--scaling]
           [--markdown FILE] [--series N] [--population N] [--sample N]
--series and --population shrink the ols/robust and records workloads for quick development runs;
--sample sets the number of series the samework peer runs on.
Both sides inherit the same environment (OPENBLAS_* variables included).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORKLOADS = ["ols", "robust", "ingest", "records", "flags", "fit", "samework"]
OLS_ROUTES = ["whole", "block256", "block1024", "block4096"]
AS_OF = "2026-11"


# ---------------------------------------------------------------------------------------------------
# Shared helpers


def median(values):
    """The upper median, as PeerWorkload reports it."""
    values = sorted(values)
    return values[len(values) // 2]


def timed(function, repeats, warmup=False):
    """Median seconds of `repeats` calls of `function` and its last result (after one untimed call if `warmup`)."""
    if warmup:
        function()
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return median(times), result


def run_child(command, stdout_path=None, cwd=None):
    """Runs `command` as a child (in `cwd`); returns (wall seconds, its own peak RSS in MB, its stdout unless redirected)."""
    with tempfile.TemporaryFile() as err, \
            (open(stdout_path, "wb") if stdout_path else tempfile.TemporaryFile()) as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            sys.exit(f"FAILED ({child.returncode}): {' '.join(command)}\n{err.read().decode(errors='replace')}")
        text = ""
        if not stdout_path:
            out.seek(0)
            text = out.read().decode()
    return seconds, usage.ru_maxrss / 1024, text


def python_arm(arm, *arguments):
    """This script run as a peer arm in a child process; returns (its peak RSS in MB, its JSON report)."""
    _, rss, text = run_child([sys.executable, os.path.abspath(__file__), "--arm", arm] + [str(a) for a in arguments])
    return rss, json.loads(text)


def peer_workload(*arguments):
    """PeerWorkload in a child process; returns (its peak RSS in MB, its JSON report)."""
    _, rss, text = run_child([CONTEXT["peer_workload"]] + [str(a) for a in arguments])
    return rss, json.loads(text)


def rounds_of(function, rounds):
    """Calls function(round) `rounds` times (it runs Clinic then the peer) and returns the list of results."""
    results = []
    for r in range(rounds):
        results.append(function(r))
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr, flush=True)
    return results


def load_f64(directory, name, shape=None):
    """A raw float64 file written by PeerWorkload; `shape` (rows, columns) reads it column-major."""
    import numpy as np
    values = np.fromfile(os.path.join(directory, name))
    return values if shape is None else values.reshape((shape[1], shape[0])).T


def fmt_s(seconds):
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def row(workload, clinic, peer, clinic_s, peer_s, clinic_rss, peer_rss, agreement):
    return dict(workload=workload, clinic=clinic, peer=peer, clinic_s=clinic_s, peer_s=peer_s,
                clinic_rss=clinic_rss, peer_rss=peer_rss, agreement=agreement)


# ---------------------------------------------------------------------------------------------------
# Peers (run inside `--arm` child processes)


def ols_factor_once(X, Y, block):
    """numpy factor-once OLS of every column of Y on X; `block` columns at a time (None: all at once).

    Returns coefficients (p x m), residual SDs (m) and standard errors (p x m)."""
    import numpy as np
    from scipy.linalg import solve_triangular
    n, p = X.shape
    m = Y.shape[1]
    Q, R = np.linalg.qr(X)
    row_norms = np.sqrt((solve_triangular(R, np.eye(p)) ** 2).sum(axis=1))  # sqrt(diag((X'X)^-1))
    step = m if block is None else block
    B, sigma = np.empty((p, m)), np.empty(m)
    for j in range(0, m, step):
        Yb = Y[:, j:j + step]
        C = Q.T @ Yb
        B[:, j:j + step] = solve_triangular(R, C)
        E = Yb - Q @ C
        sigma[j:j + step] = np.sqrt(np.einsum("ij,ij->j", E, E) / (n - p))
    return B, sigma, row_norms[:, None] * sigma[None, :]


def ols_lstsq(X, Y):
    """numpy.linalg.lstsq (SVD-based), plus inv(X'X) for the standard errors: the reference route."""
    import numpy as np
    n = X.shape[0]
    B, rss, rank, _ = np.linalg.lstsq(X, Y, rcond=None)
    sigma = np.sqrt(rss / (n - rank))
    return B, sigma, np.sqrt(np.diag(np.linalg.inv(X.T @ X)))[:, None] * sigma[None, :]


def normwise(estimate, reference):
    """Max over series of max |difference| / max |reference| (a coefficient near 0 has no relative error of its own)."""
    import numpy as np
    return float(np.max(np.max(np.abs(estimate - reference), axis=0) / np.max(np.abs(reference), axis=0)))


def elementwise(estimate, reference):
    import numpy as np
    return float(np.max(np.abs(estimate - reference) / np.abs(reference)))


def arm_ols(directory, repeats, routes, series, months, terms):
    X = load_f64(directory, "design.f64", (months, terms))
    Y = load_f64(directory, "responses.f64", (months, series))
    clinic_B = load_f64(directory, "clinic_coefficients.f64", (terms, series))
    clinic_sigma = load_f64(directory, "clinic_sigma.f64")
    clinic_se = load_f64(directory, "clinic_std_errors.f64", (terms, series))
    report = {}
    for route in routes:
        if route == "lstsq":
            seconds, (B, sigma, se) = timed(lambda: ols_lstsq(X, Y), repeats)
        else:
            block = None if route == "whole" else int(route[len("block"):])
            seconds, (B, sigma, se) = timed(lambda: ols_factor_once(X, Y, block), repeats)
        report[route] = {"median_s": seconds, "coefficients": normwise(B, clinic_B),
                         "sigma": elementwise(sigma, clinic_sigma), "std_errors": elementwise(se, clinic_se)}
    return report


HUBER_T = 1.345
MAD_NORMAL = 0.6744897501960817  # scipy.stats.norm.ppf(0.75), statsmodels' default for mad()


def huber_rho_sum(a):
    """Sum over each row of Huber's rho of |z| = a (overwritten): min(a, c) * (a - min(a, c) / 2)."""
    import numpy as np
    clipped = np.minimum(a, HUBER_T)
    a -= 0.5 * clipped
    a *= clipped
    return a.sum(axis=1)


def huber_irls(X, Y, tol=1e-8, maxiter=50):
    """Huber M-estimates of every column of Y on X, statsmodels RLM's algorithm vectorised over series.

    Per series, as RLM.fit: OLS start; scale = median(|r|) / 0.6745; then repeat: weights
    min(1, c / |r / scale|), weighted LS, scale from the new residuals, deviance = sum rho(r / s2) with
    s2 = weighted RSS / (n - p) (statsmodels' _MinimalWLS "scale"); stop when |deviance - previous|
    <= tol or after maxiter - 1 reweightings. Then the H1 covariance. Works series-major (Y.T, one
    series a row, the bytes as PeerWorkload wrote them) so that medians and sums run along rows.
    Returns (estimates p x m, SEs p x m, iterations m)."""
    import numpy as np
    n, p = X.shape
    Yt = Y.T  # m x n, C-contiguous
    m = Yt.shape[0]
    df = n - p
    products = (X[:, :, None] * X[:, None, :]).reshape(n, p * p)  # x_i x_i' for each month, flattened
    Q, R = np.linalg.qr(X)
    B = np.linalg.solve(R, (Yt @ Q).T).T  # m x p
    resid = Yt - B @ X.T
    scale = np.median(np.abs(resid), axis=1) / MAD_NORMAL
    deviance = huber_rho_sum(np.abs(resid) / ((resid * resid).sum(axis=1) / df)[:, None])
    iterations = np.ones(m, dtype=int)
    active = np.arange(m)
    iteration = 1
    while active.size:
        everything = active.size == m
        y = Yt if everything else Yt[active]
        r = resid if everything else resid[active]
        w = np.abs(r)
        w /= scale[active, None]
        np.maximum(w, HUBER_T, out=w)
        np.divide(HUBER_T, w, out=w)  # min(1, c / |z|)
        normal = (w @ products).reshape(-1, p, p)  # X' W X for every active series: one GEMM
        beta = np.linalg.solve(normal, ((w * y) @ X)[:, :, None])[:, :, 0]
        r = y - beta @ X.T
        w *= r
        s2 = np.einsum("ij,ij->i", w, r) / df  # weighted RSS / (n - p)
        z = np.abs(r)
        z /= s2[:, None]
        new_deviance = huber_rho_sum(z)
        iteration += 1
        B[active], resid[active] = beta, r
        scale[active] = np.median(np.abs(r), axis=1) / MAD_NORMAL
        iterations[active] = iteration
        done = (np.abs(new_deviance - deviance[active]) <= tol) | (iteration >= maxiter)
        deviance[active] = new_deviance
        active = active[~done]
    # H1: k^2 * (sum psi^2 / df) * scale^2 / mean(psi')^2 * (X'X)^-1, k = 1 + p/n * var(psi') / mean(psi')^2.
    sres = np.abs(resid) / scale[:, None]
    dpsi = (sres <= HUBER_T).astype(float)
    np.minimum(sres, HUBER_T, out=sres)  # |psi|
    mean_dpsi = dpsi.mean(axis=1)
    k = 1 + p / n * dpsi.var(axis=1) / mean_dpsi ** 2
    factor = k ** 2 * (sres * sres).sum(axis=1) / df * scale ** 2 / mean_dpsi ** 2
    se = np.sqrt(np.diag(np.linalg.inv(X.T @ X))[:, None] * factor[None, :])
    return B.T, se, iterations


def arm_robust(directory, repeats, series, months, terms):
    X = load_f64(directory, "design.f64", (months, terms))
    Y = load_f64(directory, "responses.f64", (months, series))
    seconds, (B, se, iterations) = timed(lambda: huber_irls(X, Y), repeats)
    return {"median_s": seconds, "mean_iterations": float(iterations.mean()),
            "coefficients": normwise(B, load_f64(directory, "clinic_coefficients.f64", (terms, series))),
            "std_errors": elementwise(se, load_f64(directory, "clinic_std_errors.f64", (terms, series)))}


def arm_statsmodels(directory, sample, series, months, terms):
    import numpy as np
    import statsmodels.api as sm
    X = load_f64(directory, "design.f64", (months, terms))
    Y = load_f64(directory, "responses.f64", (months, series))
    clinic_B = load_f64(directory, "clinic_coefficients.f64", (terms, series))
    clinic_se = load_f64(directory, "clinic_std_errors.f64", (terms, series))
    columns = np.unique(np.linspace(0, series - 1, sample).astype(int))
    start = time.perf_counter()
    fits = [sm.RLM(Y[:, j], X, M=sm.robust.norms.HuberT()).fit() for j in columns]
    per_series = (time.perf_counter() - start) / len(columns)
    B = np.column_stack([f.params for f in fits])
    se = np.column_stack([f.bse for f in fits])
    return {"per_series_s": per_series, "sample": len(columns), "scaled_s": per_series * series,
            "coefficients": normwise(B, clinic_B[:, columns]), "std_errors": elementwise(se, clinic_se[:, columns])}


def polars_matrix(path):
    """polars: read the long CSV, then the months x series matrix; returns (month labels, series keys, matrix).

    polars' own DataFrame.pivot is far slower here (14,592 output columns of 120 rows each; 78 s in
    one run on the loaded project machine), so the fast way a practitioner would take is used instead: dense
    codes of the series key and of the month in polars, then one numpy scatter into a NaN matrix."""
    import numpy as np
    import polars as pl
    frame = pl.read_csv(path, schema_overrides={"value": pl.Float64})
    month = pl.col("month").str.slice(0, 4).cast(pl.Int32) * 12 + pl.col("month").str.slice(5, 2).cast(pl.Int32)
    codes = frame.select(key=pl.concat_str(["area", "metric", "breakdown"], separator="\t"), month=month,
                         value=pl.col("value")).with_columns(series=pl.col("key").rank("dense") - 1)
    first = codes["month"].min()
    columns = codes.select("series", "key").unique(subset="series").sort("series")["key"].to_list()
    rows = codes["month"].max() - first + 1
    matrix = np.full((rows, len(columns)), np.nan)
    matrix[(codes["month"] - first).to_numpy(), codes["series"].to_numpy()] = codes["value"].to_numpy()
    return [f"{(first + i - 1) // 12:04d}-{(first + i - 1) % 12 + 1:02d}" for i in range(rows)], columns, matrix


def pandas_matrix(path):
    """pandas: the same, read_csv + pivot."""
    import pandas as pd
    frame = pd.read_csv(path, dtype={"month": str, "area": str, "metric": str, "breakdown": str, "value": float})
    wide = frame.pivot(index="month", columns=["area", "metric", "breakdown"], values="value").sort_index()
    return list(wide.index), ["\t".join(k) for k in wide.columns], wide.to_numpy()


def arm_ingest(directory, repeats, library):
    import numpy as np
    path = os.path.join(directory, "national.csv")
    build = polars_matrix if library == "polars" else pandas_matrix
    seconds, (months, keys, matrix) = timed(lambda: build(path), repeats, warmup=True)
    clinic_keys = open(os.path.join(directory, "clinic_keys.txt")).read().split("\n")
    clinic = load_f64(directory, "clinic_panel.f64", (len(months), len(clinic_keys)))
    column = {k: j for j, k in enumerate(keys)}
    same_keys = sorted(keys) == sorted(clinic_keys)
    differing = -1
    if same_keys and clinic.shape == matrix.shape:
        ordered = matrix[:, [column[k] for k in clinic_keys]]
        differing = int(np.sum(~((ordered == clinic) | (np.isnan(ordered) & np.isnan(clinic)))))
    return {"median_s": seconds, "series": len(keys), "months": len(months), "first_month": str(months[0]),
            "same_keys": same_keys, "differing_values": differing}


def pandas_measures(folder):
    """The straightforward pandas implementation of six of Clinic's monthly measures from SSDA903 files."""
    import glob
    import pandas as pd
    episodes = pd.concat([pd.read_csv(f, dtype=str) for f in sorted(glob.glob(os.path.join(folder, "episodes_*.csv")))])
    # Repeated across years: keep the ended version of each (CHILD, DECOM).
    episodes["ended"] = episodes["DEC"].notna()
    episodes = episodes.sort_values("ended").drop_duplicates(["CHILD", "DECOM"], keep="last")
    episodes["start"] = pd.to_datetime(episodes["DECOM"], format="%d/%m/%Y")
    episodes["end"] = pd.to_datetime(episodes["DEC"], format="%d/%m/%Y")
    months = pd.period_range("2015-01", "2024-12", freq="M")
    care = episodes[~episodes["LS"].isin(["V3", "V4"])]  # short breaks leave every looked-after measure
    out = {}
    lac = {}
    for m in months:
        month_end = m.to_timestamp(how="end").normalize()
        open_ = care[(care["start"] <= month_end) & (care["end"].isna() | (care["end"] > month_end))]
        lac[str(m)] = open_["CHILD"].nunique()
    out["lac"] = lac
    starts = care[care["RNE"] == "S"]
    out["lac_starts"] = starts.groupby(starts["start"].dt.to_period("M"))["CHILD"].nunique()
    ceased = care[care["end"].notna() & (care["REC"] != "X1")]
    out["lac_ceased"] = ceased.groupby(ceased["end"].dt.to_period("M"))["CHILD"].nunique()
    missing = pd.read_csv(os.path.join(folder, "missing.csv"), dtype=str)
    missing["start"] = pd.to_datetime(missing["MIS_START"], format="%d/%m/%Y").dt.to_period("M")
    m_rows = missing[missing["MISSING"] == "M"]
    out["missing_incidents"] = m_rows.groupby("start").size()
    out["away_incidents"] = missing[missing["MISSING"] == "A"].groupby("start").size()
    out["missing_children"] = m_rows.groupby("start")["CHILD"].nunique()
    labels = set(map(str, months))
    return {k: {str(p): float(v) for p, v in s.items() if str(p) in labels} for k, s in out.items()}


def arm_records(directory, repeats):
    import pandas as pd
    seconds, ours = timed(lambda: pandas_measures(os.path.join(directory, "records")), repeats)
    theirs = pd.read_csv(os.path.join(directory, "clinic_measures.csv"), dtype={"value": float})
    mismatches = 0
    for metric, values in ours.items():
        rows = theirs[theirs["metric"] == metric]
        clinic_values = dict(zip(rows["month"], rows["value"]))
        mismatches += sum(clinic_values.get(month, 0.0) != v for month, v in values.items())
    return {"median_s": seconds, "mismatches": mismatches}


def seasonal_design(months):
    """Intercept, trend and 11 month dummies for a list of 'YYYY-MM' labels."""
    import numpy as np
    n = len(months)
    month_of_year = np.array([int(m[5:7]) for m in months])
    return np.column_stack([np.ones(n), np.arange(n, dtype=float)]
                           + [(month_of_year == k).astype(float) for k in range(2, 13)])


def wide_national(path):
    import pandas as pd
    frame = pd.read_csv(path, dtype={"month": str, "area": str, "metric": str, "breakdown": str, "value": float})
    return frame.pivot(index="month", columns=["area", "metric", "breakdown"], values="value").sort_index()


def peer_flags(path, out):
    """The pandas + numpy flags pipeline (a whole process): latest month vs prediction interval, plus XmR."""
    import numpy as np
    from scipy import stats
    wide = wide_national(path)
    y = wide.to_numpy()
    assert not np.isnan(y).any(), "the peer assumes a complete extract"
    x = seasonal_design(list(wide.index))
    n, k = x.shape
    # The fit without the latest month: one QR for every series.
    q, r = np.linalg.qr(x[:-1])
    beta = np.linalg.solve(r, q.T @ y[:-1])
    residuals = y[:-1] - x[:-1] @ beta
    df = n - 1 - k
    sigma = np.sqrt((residuals ** 2).sum(axis=0) / df)
    latest = x[-1]
    leverage = np.sum(np.linalg.solve(r.T, latest) ** 2)
    se = sigma * np.sqrt(1 + leverage)
    predicted = latest @ beta
    gap = np.abs(y[-1] - predicted)
    t95, t99 = stats.t.ppf(0.975, df), stats.t.ppf(0.995, df)
    # XmR on the residuals of the full fit.
    q_full, r_full = np.linalg.qr(x)
    full = y - x @ np.linalg.solve(r_full, q_full.T @ y)
    centre = full.mean(axis=0)
    moving_range = np.abs(np.diff(full, axis=0)).mean(axis=0)
    outside = np.abs(full[-1] - centre) > 2.66 * moving_range
    flags = []
    keys = list(wide.columns)
    month = str(wide.index[-1])
    for j in np.nonzero((gap > t95 * se) | outside)[0]:
        area, metric, breakdown = keys[j]
        flags.append({"area": area, "metric": metric, "dimensions": {"breakdown": breakdown}, "month": month,
                      "method": "forecast" if gap[j] > t95 * se[j] else "spc",
                      "observed": float(y[-1, j]), "expected": float(predicted[j]),
                      "severity": "red" if gap[j] > t99 * se[j] else "amber"})
    with open(out, "w") as handle:
        json.dump({"flags": flags}, handle)


def peer_fit(path, out):
    """The pandas + numpy fit pipeline (a whole process): shared-design QR fit, coefficients + SEs per series."""
    import numpy as np
    from scipy.linalg import solve_triangular
    wide = wide_national(path)
    y = wide.to_numpy()
    assert not np.isnan(y).any(), "the peer assumes a complete extract"
    x = seasonal_design(list(wide.index))
    n, p = x.shape
    q, r = np.linalg.qr(x)
    beta = solve_triangular(r, q.T @ y)
    e = y - q @ (q.T @ y)
    sigma = np.sqrt(np.einsum("ij,ij->j", e, e) / (n - p))
    se = np.sqrt((solve_triangular(r, np.eye(p)) ** 2).sum(axis=1))[:, None] * sigma[None, :]
    terms = ["intercept", "trend"] + [f"month{k}" for k in range(2, 13)]
    fits = [{"area": a, "metric": m, "dimensions": {"breakdown": b},
             "coefficients": dict(zip(terms, beta[:, j].tolist())),
             "standard_errors": dict(zip(terms, se[:, j].tolist())), "sigma": float(sigma[j])}
            for j, (a, m, b) in enumerate(wide.columns)]
    with open(out, "w") as handle:
        json.dump({"fits": fits}, handle)


ERROR_ORDERS = {"iid": (0, 0, 0), "ar1": (1, 0, 0), "ar2": (2, 0, 0), "arma11": (1, 0, 1)}  # Clinic's candidates
LJUNG_BOX_LAGS = 12  # Clinic's min(12, n / 5) at 120 months


def samework_series(y, x):
    """One series of the samework peer, statsmodels + ruptures: Clinic's error-model choice, Ljung–Box on the
    chosen model's residuals, the latest month against the chosen model refitted without it, and PELT."""
    import warnings
    import numpy as np
    import ruptures
    from scipy import stats
    from statsmodels.regression.linear_model import OLS
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from statsmodels.tsa.statespace.sarimax import SARIMAX
    # SARIMAX warns of non-convergence and starting values fit after fit; after the imports, as importing
    # statsmodels sets its own warnings to "always".
    warnings.simplefilter("ignore")

    def ljung_box(residuals):
        return float(acorr_ljungbox(residuals, lags=[LJUNG_BOX_LAGS])["lb_pvalue"].iloc[0])

    n, k = x.shape
    ols = OLS(y, x).fit()
    ljung_box_p, errors = ljung_box(ols.resid), "iid"
    # Clinic's gate: independent errors unless the OLS residuals fail Ljung–Box at 5%; then the lowest AICc
    # among the four error models, each a regression with ARMA errors fitted by maximum likelihood.
    searched = ljung_box_p < 0.05
    if searched:
        fits = {name: SARIMAX(y, exog=x, order=order).fit(disp=False) for name, order in ERROR_ORDERS.items()}
        errors = min(fits, key=lambda name: fits[name].aicc)
    if errors == "iid":
        beta, sigma = ols.params, np.sqrt(ols.scale)
        fit = OLS(y[:-1], x[:-1]).fit()
        prediction = fit.get_prediction(x[-1:])
        expected, se = prediction.predicted_mean[0], np.sqrt(prediction.se_mean[0] ** 2 + fit.scale)
        distribution = stats.t(fit.df_resid)
    else:
        chosen = fits[errors]
        ljung_box_p = ljung_box(chosen.resid)
        beta, sigma = chosen.params[:k], np.sqrt(chosen.params[-1])  # params: exog coefficients, ARMA, sigma2
        forecast = SARIMAX(y[:-1], exog=x[:-1], order=ERROR_ORDERS[errors]).fit(disp=False).get_forecast(1, exog=x[-1:])
        expected, se = forecast.predicted_mean[0], forecast.se_mean[0]
        distribution = stats.norm
    p = 2 * distribution.sf(abs(y[-1] - expected) / se)
    half_width = distribution.ppf(0.995) * se
    # PELT, linear-trend cost, on the seasonally adjusted series (ruptures' "linear": column 0 regressed on the rest).
    adjusted = y - x[:, 2:] @ beta[2:]
    ends = ruptures.Pelt(model="linear", min_size=6, jump=1).fit(np.column_stack([adjusted, x[:, :2]])) \
        .predict(pen=2 * sigma ** 2 * np.log(n))
    return {"searched": searched, "errors": errors, "ljung_box_p": ljung_box_p, "expected": float(expected),
            "lower_99": float(expected - half_width), "upper_99": float(expected + half_width), "p": float(p),
            "severity": "red" if p < 0.001 else "amber" if p < 0.01 else None, "changepoints": ends[:-1]}


def peer_samework(path, sample, out):
    """What a practitioner would write with statsmodels for the work of `clinic flags` (a whole process),
    on `sample` evenly spaced series. Reports the seconds of the per-series part, which the driver scales."""
    import numpy as np
    from statsmodels.stats.multitest import multipletests
    start = time.perf_counter()
    wide = wide_national(path)
    read_s = time.perf_counter() - start
    y = wide.to_numpy()
    assert not np.isnan(y).any(), "the peer assumes a complete extract"
    x = seasonal_design(list(wide.index))
    columns = np.unique(np.linspace(0, y.shape[1] - 1, sample).astype(int))
    start = time.perf_counter()
    checks = [samework_series(y[:, j], x) for j in columns]
    q = multipletests([c["p"] for c in checks], method="fdr_bh")[1]
    model_s = time.perf_counter() - start
    months, keys = list(wide.index), list(wide.columns)
    series = [{"area": keys[j][0], "metric": keys[j][1], "dimensions": {"breakdown": keys[j][2]}, "month": months[-1],
               "observed": float(y[-1, j]), **c, "q": float(q_j), "changepoints": [months[e] for e in c["changepoints"]]}
              for j, c, q_j in zip(columns, checks, q)]
    with open(out, "w") as handle:
        json.dump({"series": series}, handle)
    return {"read_s": read_s, "model_s": model_s, "sample": len(columns), "series": y.shape[1],
            "searched": sum(c["searched"] for c in checks), "flagged": sum(c["severity"] is not None for c in checks),
            "changepoints": sum(len(c["changepoints"]) for c in checks)}


def arm_machine():
    """Reference points: copying Y (60k x 120 float64) and a 4000 x 4000 dgemm (numpy's and the system OpenBLAS)."""
    import ctypes
    import ctypes.util
    import numpy as np
    rng = np.random.default_rng(1)
    y = rng.standard_normal((120, 60_000))
    target = np.empty_like(y)
    copy_s, _ = timed(lambda: np.copyto(target, y), 15, warmup=True)  # 60k x 120 float64
    size = 4000
    a, b = rng.standard_normal((size, size)), rng.standard_normal((size, size))
    c = np.empty((size, size))
    numpy_s, _ = timed(lambda: np.matmul(a, b, out=c), 3)
    report = {"copy_gbs": y.nbytes / copy_s / 1e9, "dgemm_numpy_gflops": 2 * size ** 3 / numpy_s / 1e9}
    library = ctypes.util.find_library("openblas")
    if library:
        blas = ctypes.CDLL(library)
        pointer = ctypes.POINTER(ctypes.c_double)
        args = [a.ctypes.data_as(pointer), b.ctypes.data_as(pointer), c.ctypes.data_as(pointer)]

        def dgemm():  # CblasRowMajor = 101, CblasNoTrans = 111
            blas.cblas_dgemm(101, 111, 111, size, size, size, ctypes.c_double(1.0), args[0], size,
                             args[1], size, ctypes.c_double(0.0), args[2], size)
        system_s, _ = timed(dgemm, 3)
        report["dgemm_system_gflops"] = 2 * size ** 3 / system_s / 1e9
        report["system_library"] = library
    return report


def run_arm(args):
    """`--arm NAME ...`: one peer arm in this (child) process; prints its JSON report."""
    a = args.arm_args
    if args.arm == "ols":
        report = arm_ols(a[0], int(a[1]), a[2].split(","), *map(int, a[3:6]))
    elif args.arm == "robust":
        report = arm_robust(a[0], int(a[1]), *map(int, a[2:5]))
    elif args.arm == "statsmodels":
        report = arm_statsmodels(a[0], int(a[1]), *map(int, a[2:5]))
    elif args.arm in ("polars", "pandas"):
        report = arm_ingest(a[0], int(a[1]), args.arm)
    elif args.arm == "records":
        report = arm_records(a[0], int(a[1]))
    elif args.arm == "flags":
        peer_flags(a[0], a[1])
        return
    elif args.arm == "fit":
        peer_fit(a[0], a[1])
        return
    elif args.arm == "samework":
        report = peer_samework(a[0], int(a[1]), a[2])
    elif args.arm == "machine":
        report = arm_machine()
    elif args.arm == "count":
        document = json.load(open(a[0]))
        if isinstance(document, dict):  # the named list, else the document's only (or first) list
            lists = [document[k] for k in (a[1], "series") if isinstance(document.get(k), list)] \
                or [v for v in document.values() if isinstance(v, list)]
            report = len(lists[0]) if lists else -1
        else:
            report = len(document) if isinstance(document, list) else -1
    elif args.arm == "versions":
        report = arm_versions()
    else:
        sys.exit(f"unknown arm {args.arm}")
    print(json.dumps(report))


# ---------------------------------------------------------------------------------------------------
# Workloads (the driver): one function each, returning rows for the table


CONTEXT = {}
ROBUST_DONE = {}  # series -> the robust workload's row, reused by the scaling study


def check(ok, message):
    if not ok:
        sys.exit(f"DISAGREEMENT: {message}")


def workload_ols(args, out, series=None, months=120, repeats=15, routes=None, quiet=False):
    """Batched OLS: Clinic (PeerWorkload ols) vs numpy factor-once routes; returns the row (and the runs)."""
    series = series or args.series
    routes = routes or OLS_ROUTES + ["lstsq"]

    def one_round(_):
        clinic_rss, clinic = peer_workload("ols", out, series, months, repeats)
        shape = (clinic["series"], clinic["months"], clinic["terms"])
        if quiet:  # the scaling study: all routes in one child
            _, report = python_arm("ols", out, repeats, ",".join(routes), *shape)
            peers = {k: (v, float("nan")) for k, v in report.items()}
        else:
            peers = {}
            for route in routes:
                rss, report = python_arm("ols", out, repeats, route, *shape)
                peers[route] = (report[route], rss)
        return clinic, clinic_rss, peers

    runs = rounds_of(one_round, args.rounds)
    clinic = runs[0][0]
    clinic_s = median([r[0]["median_s"] for r in runs])
    clinic_rss = max(r[1] for r in runs)
    by_route = {}
    for route in routes:
        reports = [r[2][route][0] for r in runs]
        worst = max(max(x["coefficients"], x["sigma"], x["std_errors"]) for x in reports)
        check(worst < 1e-10, f"ols route {route} differs from Clinic by {worst:.1e} (relative)")
        by_route[route] = dict(median_s=median([x["median_s"] for x in reports]), rss=max(r[2][route][1] for r in runs),
                               worst=worst)
    best = min(routes, key=lambda r: by_route[r]["median_s"])  # lstsq too, should it ever be the fastest
    if not quiet:
        print(f"\n== ols: {clinic['series']:,} series x {clinic['months']} months x {clinic['terms']} terms; "
              f"{repeats} repeats per arm, {args.rounds} rounds; Clinic's OpenBLAS threads {clinic.get('openblas_threads')}")
        print(f"   clinic BatchedLinearModel     median {fmt_s(clinic_s):>10}   peak RSS {clinic_rss:6.0f} MB")
        for route in routes:
            r = by_route[route]
            label = "numpy.linalg.lstsq + inv(X'X)" if route == "lstsq" else f"numpy factor-once, {route}"
            print(f"   {label:<30} median {fmt_s(r['median_s']):>10}   peak RSS {r['rss']:6.0f} MB   "
                  f"ratio {r['median_s'] / clinic_s:5.2f}x   agreement {r['worst']:.1e}" + ("   <- THE peer" if route == best else ""))
    b = by_route[best]
    result = row("batched OLS, %d x %d x %d" % (clinic["series"], clinic["months"], clinic["terms"]),
                 "BatchedLinearModel", "numpy.linalg.lstsq" if best == "lstsq" else f"numpy factor-once QR ({best})", clinic_s, b["median_s"], clinic_rss, b["rss"],
                 f"{b['worst']:.0e} (all routes < 1e-10)")
    result.update(clinic_info=clinic, routes=by_route, best=best)
    return result


def workload_robust(args, out, series=None, repeats=3, quiet=False):
    """Huber M-estimation: Clinic (PeerWorkload robust) vs vectorised numpy IRLS; statsmodels RLM for context."""
    series = series or args.series

    def one_round(_):
        clinic_rss, clinic = peer_workload("robust", out, series, 120, repeats)
        rss, peer = python_arm("robust", out, repeats, clinic["series"], clinic["months"], clinic["terms"])
        return clinic, clinic_rss, peer, rss

    runs = rounds_of(one_round, args.rounds)
    clinic = runs[0][0]
    clinic_s, peer_s = median([r[0]["median_s"] for r in runs]), median([r[2]["median_s"] for r in runs])
    clinic_rss, peer_rss = max(r[1] for r in runs), max(r[3] for r in runs)
    worst = max(max(r[2]["coefficients"], r[2]["std_errors"]) for r in runs)
    check(worst < 1e-6, f"robust: numpy IRLS differs from Clinic by {worst:.1e}")
    result = row("robust (Huber), %d x %d x %d" % (clinic["series"], clinic["months"], clinic["terms"]),
                 "BatchedRobustLinearModel", "numpy IRLS, all series at once", clinic_s, peer_s, clinic_rss, peer_rss,
                 f"{worst:.0e}")
    result.update(clinic_info=clinic)
    if quiet:
        return result
    ROBUST_DONE[series] = result
    _, sm = python_arm("statsmodels", out, 200, clinic["series"], clinic["months"], clinic["terms"])
    sm_worst = max(sm["coefficients"], sm["std_errors"])
    check(sm_worst < 1e-6, f"robust: statsmodels differs from Clinic by {sm_worst:.1e}")
    print(f"\n== robust: {clinic['series']:,} series x {clinic['months']} months x {clinic['terms']} terms, Huber "
          f"(c = 1.345, MAD, H1); {repeats} repeats per arm, {args.rounds} rounds")
    print(f"   clinic BatchedRobustLinearModel  median {fmt_s(clinic_s):>10}   peak RSS {clinic_rss:6.0f} MB   "
          f"mean iterations {clinic['mean_iterations']:.2f}")
    print(f"   numpy IRLS (all series at once)  median {fmt_s(peer_s):>10}   peak RSS {peer_rss:6.0f} MB   "
          f"mean iterations {runs[0][2]['mean_iterations']:.2f}   ratio {peer_s / clinic_s:5.2f}x   agreement {worst:.1e}   <- THE peer")
    print(f"   statsmodels RLM, one at a time   {sm['per_series_s'] * 1e3:.2f} ms a series on {sm['sample']} series "
          f"-> {fmt_s(sm['scaled_s'])} for {clinic['series']:,}   ratio {sm['scaled_s'] / clinic_s:5.0f}x   agreement {sm_worst:.1e}")
    result["context"] = f"statsmodels RLM {sm['scaled_s'] / clinic_s:.0f}x (scaled from {sm['sample']} series)"
    return result


def workload_ingest(args, out, repeats=7):
    """National CSV -> months x series matrix: Clinic (PeerWorkload ingest) vs polars (pandas for context)."""
    peer_workload("ingest", out, 1)  # writes national.csv once, outside the rounds

    def one_round(_):
        clinic_rss, clinic = peer_workload("ingest", out, repeats)
        polars_rss, polars = python_arm("polars", out, repeats)
        pandas_rss, pandas = python_arm("pandas", out, max(3, repeats // 2))
        return clinic, clinic_rss, polars, polars_rss, pandas, pandas_rss

    runs = rounds_of(one_round, args.rounds)
    clinic, polars, pandas = runs[0][0], runs[0][2], runs[0][4]
    for name, peer in (("polars", polars), ("pandas", pandas)):
        check(peer["same_keys"] and peer["series"] == clinic["series"] and peer["months"] == clinic["months"]
              and peer["first_month"] == clinic["start"] and peer["differing_values"] == 0,
              f"ingest: the {name} matrix differs from Clinic's: {peer} vs {clinic}")
    clinic_s = median([r[0]["median_s"] for r in runs])
    polars_s, pandas_s = median([r[2]["median_s"] for r in runs]), median([r[4]["median_s"] for r in runs])
    clinic_rss, polars_rss, pandas_rss = (max(r[i] for r in runs) for i in (1, 3, 5))
    mb = clinic["file_bytes"] / 1e6
    print(f"\n== ingest: {mb:.1f} MB, {clinic['rows']:,} rows -> {clinic['series']:,} series x {clinic['months']} months; "
          f"{repeats} repeats per arm (pandas {max(3, repeats // 2)}), {args.rounds} rounds")
    print(f"   clinic (read + validate + Panel)  median {fmt_s(clinic_s):>10}   peak RSS {clinic_rss:6.0f} MB")
    print(f"   polars read_csv -> matrix         median {fmt_s(polars_s):>10}   peak RSS {polars_rss:6.0f} MB   "
          f"ratio {polars_s / clinic_s:5.2f}x   <- THE peer")
    print(f"   pandas read_csv + pivot           median {fmt_s(pandas_s):>10}   peak RSS {pandas_rss:6.0f} MB   "
          f"ratio {pandas_s / clinic_s:5.2f}x")
    print("   agreement: polars and pandas matrices equal Clinic's (same keys, months and values)")
    result = row(f"ingest, national CSV {mb:.0f} MB -> matrix", "read + validate -> Panel", "polars read_csv -> matrix",
                 clinic_s, polars_s, clinic_rss, polars_rss, "identical matrix")
    result["context"] = f"pandas read_csv + pivot {pandas_s / clinic_s:.2f}x, {pandas_rss:.0f} MB"
    return result


def workload_records(args, out, repeats=3):
    """SSDA903 records -> monthly measures: Clinic (PeerWorkload records-read) vs pandas.

    The files are simulated once (PeerWorkload records, which also writes Clinic's measures for the
    agreement check); each round then times Clinic reading them (records-read) and pandas reading the same
    files, each repeat a process of its own, alternating: so that a peak RSS is one reading's, not the
    simulation's nor what the allocator keeps between repeats in one process."""
    _, clinic = peer_workload("records", out, args.population, 1)

    def one_round(_):
        clinic_runs, peer_runs = [], []
        for _ in range(repeats):
            clinic_runs.append(peer_workload("records-read", out, 1))
            peer_runs.append(python_arm("records", out, 1))
        timing = {"median_s": median([t["median_s"] for _, t in clinic_runs])}
        peer = {"median_s": median([t["median_s"] for _, t in peer_runs]), "mismatches": max(t["mismatches"] for _, t in peer_runs)}
        return timing, max(r for r, _ in clinic_runs), peer, max(r for r, _ in peer_runs)

    runs = rounds_of(one_round, args.rounds)
    mismatches = max(r[2]["mismatches"] for r in runs)
    check(mismatches == 0, f"records: pandas and Clinic differ in {mismatches} month(s)")
    clinic_s, peer_s = median([r[0]["median_s"] for r in runs]), median([r[2]["median_s"] for r in runs])
    clinic_rss, peer_rss = max(r[1] for r in runs), max(r[3] for r in runs)
    print(f"\n== records: {clinic['episode_rows']:,} episode rows ({clinic['episodes']:,} distinct, {clinic['merged']:,} "
          f"repeats merged), {clinic['missing']:,} missing incidents, {clinic['children']:,} children; "
          f"{repeats} repeats per arm (each a process of its own), {args.rounds} rounds")
    print(f"   clinic (validate, merge, 13 measures)  median {fmt_s(clinic_s):>10}   peak RSS {clinic_rss:6.0f} MB")
    print(f"   pandas (merge, 6 measures)             median {fmt_s(peer_s):>10}   peak RSS {peer_rss:6.0f} MB   "
          f"ratio {peer_s / clinic_s:5.2f}x")
    print("   agreement: the 6 measures are identical in every month")
    return row(f"records, {clinic['episode_rows'] / 1e6:.2f} M episode rows -> measures", "13 measures, validated",
               "pandas, 6 measures", clinic_s, peer_s, clinic_rss, peer_rss, "identical")


def national_csv(out):
    path = os.path.join(out, "national.csv")
    if not os.path.exists(path):
        peer_workload("ingest", out, 1)
    return path


def clinic_process(command, path, stdout_path, out):
    """`clinic COMMAND PATH --as-of ... --json > stdout_path` as a child; returns run_child's (seconds, peak RSS MB, "")."""
    # In the scratch folder, so that no clinic.toml of the caller's folder is picked up.
    return run_child([CONTEXT["clinic"], command, path, "--as-of", AS_OF, "--json"], stdout_path, cwd=out)


def whole_process(args, out, command):
    """`clinic COMMAND national.csv --as-of ... --json` vs the pandas peer of the same name, whole processes."""
    path = national_csv(out)
    size = os.path.getsize(path) / 1e6
    # Peak RSS comes in MiB (ru_maxrss / 1024), so "x the file" divides by the file's size in MiB too.
    size_mib = os.path.getsize(path) / 2**20
    clinic_out, peer_out = os.path.join(out, f"clinic_{command}.json"), os.path.join(out, f"peer_{command}.json")

    def one_round(_):
        clinic = clinic_process(command, path, clinic_out, out)
        peer = run_child([sys.executable, os.path.abspath(__file__), "--arm", command, path, peer_out], os.devnull, cwd=out)
        return clinic, peer

    runs = rounds_of(one_round, args.rounds)
    clinic_s, peer_s = median([r[0][0] for r in runs]), median([r[1][0] for r in runs])
    clinic_rss, peer_rss = max(r[0][1] for r in runs), max(r[1][1] for r in runs)
    key = "flags" if command == "flags" else "fits"
    # Counted in a child: loading Clinic's JSON here would raise the driver's RSS, which every later child inherits.
    clinic_n, peer_n = python_arm("count", clinic_out, key)[1], python_arm("count", peer_out, key)[1]
    print(f"\n== {command}: whole processes on the national CSV ({size:.1f} MB), {args.rounds} alternating rounds")
    print(f"   clinic {command} --json            wall median {fmt_s(clinic_s):>10}   peak RSS {clinic_rss:6.0f} MB "
          f"({clinic_rss / size_mib:.1f}x the file; target <= 3x)   {clinic_n} {key}")
    print(f"   pandas + numpy (does less)     wall median {fmt_s(peer_s):>10}   peak RSS {peer_rss:6.0f} MB "
          f"({peer_rss / size_mib:.1f}x the file)   {peer_n} {key}   ratio {peer_s / clinic_s:5.2f}x")
    result = row(f"`clinic {command}` on the national CSV (whole process)", f"clinic {command} --json",
                 "pandas + numpy (does less)", clinic_s, peer_s, clinic_rss, peer_rss,
                 f"{clinic_n} vs {peer_n} {key} (not comparable)")
    result["context"] = f"Clinic peak RSS {clinic_rss / size_mib:.1f}x the file (target <= 3x)"
    return result


def workload_flags(args, out):
    return whole_process(args, out, "flags")


def workload_fit(args, out):
    return whole_process(args, out, "fit")


def workload_samework(args, out):
    """`clinic flags` (whole process) vs statsmodels + ruptures doing the same work, on a sample of series, scaled."""
    path = national_csv(out)
    size = os.path.getsize(path) / 1e6
    clinic_out, peer_out = os.path.join(out, "clinic_flags.json"), os.path.join(out, "peer_samework.json")

    def one_round(_):
        clinic = clinic_process("flags", path, clinic_out, out)
        seconds, rss, text = run_child([sys.executable, os.path.abspath(__file__), "--arm", "samework", path,
                                        str(args.sample), peer_out], cwd=out)
        report = json.loads(text)
        # The per-series part scaled from the sample to every series; the rest of the process (start-up,
        # imports, read_csv + pivot of the whole file, json.dump) counted once, as it ran.
        scaled = seconds + report["model_s"] * (report["series"] / report["sample"] - 1)
        return clinic, (scaled, rss, report)

    runs = rounds_of(one_round, args.rounds)
    clinic_s, peer_s = median([r[0][0] for r in runs]), median([r[1][0] for r in runs])
    clinic_rss, peer_rss = max(r[0][1] for r in runs), max(r[1][1] for r in runs)
    peer = runs[0][1][2]
    per_series = median([r[1][2]["model_s"] / r[1][2]["sample"] for r in runs])
    read_s = median([r[1][2]["read_s"] for r in runs])
    scaled_from = f"scaled from {peer['sample']} series"
    print(f"\n== samework: `clinic flags` vs the same work per series in statsmodels + ruptures, national CSV "
          f"({size:.1f} MB, {peer['series']:,} series), {args.rounds} alternating rounds")
    print(f"   clinic flags --json                  wall median {fmt_s(clinic_s):>10}   peak RSS {clinic_rss:6.0f} MB")
    print(f"   statsmodels + ruptures (same work)   wall median {fmt_s(peer_s):>10}   peak RSS {peer_rss:6.0f} MB   "
          f"ratio {peer_s / clinic_s:5.2f}x   ({scaled_from}: {per_series * 1e3:.0f} ms a series; "
          f"read_csv + pivot {fmt_s(read_s)} in full, unscaled; peak RSS of the sampled run)")
    print(f"   peer's sample (round 1): {peer['searched']} of {peer['sample']} series failed Ljung–Box on the OLS "
          f"residuals (four error models fitted), {peer['flagged']} latest months flagged, {peer['changepoints']} changepoints")
    result = row("`clinic flags` on the national CSV vs the same work (whole process)", "clinic flags --json",
                 "statsmodels + ruptures, one series at a time", clinic_s, peer_s, clinic_rss, peer_rss,
                 "same work (sampled, scaled)")
    result["context"] = f"peer {scaled_from} ({per_series * 1e3:.0f} ms a series; read_csv + pivot {fmt_s(read_s)} unscaled)"
    return result


def scaling(args, out):
    """Batched OLS and robust at several sizes, with the machine's copy and dgemm rates from the same run."""
    print(f"\n== scaling (120 months unless said; months varied at {min(10_000, args.series):,} series)", flush=True)
    _, machine = python_arm("machine")
    rows = []
    sizes = sorted({s for s in (1_000, 10_000, 60_000) if s < args.series} | {args.series})  # --series caps them
    middle = min(10_000, args.series)
    # PeerWorkload puts the intervention three fifths of the way in (month 72 of 120, 21 of 36).
    for series, months in [(s, 120) for s in sizes] + [(middle, 36), (middle, 240)]:
        r = workload_ols(args, out, series=series, months=months, routes=OLS_ROUTES, quiet=True)
        n, m, p = months, series, r["clinic_info"]["terms"]
        rows.append(dict(kind="OLS", series=m, months=n, clinic_s=r["clinic_s"], peer=r["best"], peer_s=r["peer_s"],
                         gbs=8 * n * m / r["clinic_s"] / 1e9, gflops=(2 * n * p + 2 * p * p) * m / r["clinic_s"] / 1e9))
        print(f"   OLS {m:>6,} x {n:>3}: clinic {fmt_s(r['clinic_s']):>9}  numpy {r['best']:<9} {fmt_s(r['peer_s']):>9}  "
              f"ratio {r['peer_s'] / r['clinic_s']:5.2f}x  clinic {rows[-1]['gbs']:5.1f} GB/s {rows[-1]['gflops']:5.1f} GFLOP/s", flush=True)
    for series in sizes:
        if series == args.series and series in ROBUST_DONE:  # the robust workload's run, not repeated
            r = ROBUST_DONE[series]
        else:
            r = workload_robust(args, out, series=series, quiet=True)
        rows.append(dict(kind="robust", series=series, months=120, clinic_s=r["clinic_s"], peer="IRLS", peer_s=r["peer_s"],
                         gbs=float("nan"), gflops=float("nan")))
        print(f"   robust {series:>6,} x 120: clinic {fmt_s(r['clinic_s']):>9}  numpy IRLS {fmt_s(r['peer_s']):>9}  "
              f"ratio {r['peer_s'] / r['clinic_s']:5.2f}x", flush=True)
    print(f"   machine: copy of Y (60,000 x 120) {machine['copy_gbs']:.1f} GB/s (bytes of Y / time); 4000 x 4000 dgemm "
          f"{machine['dgemm_numpy_gflops']:.1f} GFLOP/s via numpy's OpenBLAS"
          + (f", {machine['dgemm_system_gflops']:.1f} GFLOP/s via the system OpenBLAS Clinic links" if "dgemm_system_gflops" in machine else ""))
    return rows, machine


# ---------------------------------------------------------------------------------------------------
# Machine description and tables


def arm_versions():
    """The peers' library versions and numpy's BLAS (in a child, so that the driver stays small)."""
    import numpy as np
    report = {"python": sys.version.split()[0], "numpy": np.__version__}
    for name in ("scipy", "pandas", "polars", "statsmodels", "ruptures"):
        try:
            report[name] = __import__(name).__version__
        except ImportError:
            report[name] = "missing"
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        report["numpy_blas"] = f"{blas.get('name')} {blas.get('version')}"
    except Exception:  # older numpy: no dict mode
        report["numpy_blas"] = "unknown"
    report["numpy_core"] = report["system_core"] = "unknown"
    import ctypes
    import ctypes.util
    import glob
    # The kernels each OpenBLAS chose at run time for this CPU (DYNAMIC_ARCH builds pick them by CPU model).
    for path in glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*")):
        function = getattr(ctypes.CDLL(path), "scipy_openblas_get_corename64_", None)
        if function:
            function.restype = ctypes.c_char_p
            report["numpy_core"] = function().decode()
    library = ctypes.util.find_library("openblas")
    if library:
        function = ctypes.CDLL(library).openblas_get_corename
        function.restype = ctypes.c_char_p
        report["system_core"] = function().decode()
    return report


def machine_lines():
    cpu = "unknown CPU"
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1).strip()
    except (OSError, AttributeError):
        pass
    if "versions" not in CONTEXT:
        CONTEXT["versions"] = python_arm("versions")[1]
    v = CONTEXT["versions"]
    system_blas = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libopenblas0-pthread"],
                                 capture_output=True, text=True).stdout.strip() or "unknown"
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().split("\n")[0]
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    load = " / ".join(open("/proc/loadavg").read().split()[:3])
    return [f"Machine: {cpu}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), Linux {platform_release()}; "
            f"load average {load} (1 / 5 / 15 min) when this line was written",
            f"Python {v['python']}; " + ", ".join(f"{k} {v[k]}" for k in ("numpy", "scipy", "pandas", "polars", "statsmodels", "ruptures")),
            f"BLAS: Clinic links the system OpenBLAS {system_blas} (pthreads; kernels chosen for this CPU: "
            f"{v['system_core']}{clinic_kernels(v['system_core'])}); numpy uses {v['numpy_blas']} (kernels: {v['numpy_core']}); "
            f"OPENBLAS_NUM_THREADS {threads}", f"Swift: {swift}"]


def clinic_kernels(chosen):
    """What `clinic` and PeerWorkload run instead: when OpenBLAS fell back to Prescott they restart with
    OPENBLAS_CORETYPE=SkylakeX on a CPU with AVX-512 F, CD, BW, DQ and VL, else Haswell on one with AVX2
    and FMA (Sources/ClinicNumerics/LinearAlgebra/BLASKernels.swift)."""
    if os.environ.get("OPENBLAS_CORETYPE"):
        return f", OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} set"
    try:
        flags = set(re.search(r"^flags\s*:\s*(.*)$", open("/proc/cpuinfo").read(), re.M).group(1).split())
    except (OSError, AttributeError):
        return ""
    if chosen == "Prescott" and {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma"} <= flags:
        return "; Clinic restarts itself with SkylakeX's"
    if chosen == "Prescott" and {"avx2", "fma"} <= flags:
        return "; Clinic restarts itself with Haswell's"
    return ""


def driver_rss():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def platform_release():
    import platform
    return platform.release()


def markdown_table(rows, scaling_rows, machine, rounds):
    lines = ["<!-- generated by Benchmarks/Peers/compare.py on " + time.strftime("%Y-%m-%d") + " -->", ""]
    lines += [f"- {line}" for line in machine_lines()]
    lines += [f"- {rounds} alternating rounds; times are medians (of each arm's repeats, then of the rounds); "
              "ratio = peer time / Clinic time (> 1: Clinic is faster); peak RSS is each arm's whole process "
              "(ru_maxrss via wait4: interpreter or binary, libraries and data included), the max over rounds; "
              f"a child's ru_maxrss cannot be below its parent's RSS when it was spawned (the driver: "
              f"{driver_rss():.0f} MB).", ""]
    if rows:
        lines += ["| workload | Clinic | peer | Clinic median | peer median | ratio | Clinic peak RSS | peer peak RSS | agreement |",
                  "|---|---|---|---:|---:|---:|---:|---:|---|"]
        for r in rows:
            lines.append(f"| {r['workload']} | {r['clinic']} | {r['peer']} | {fmt_s(r['clinic_s'])} | {fmt_s(r['peer_s'])} | "
                         f"{r['peer_s'] / r['clinic_s']:.2f}× | {r['clinic_rss']:.0f} MB | {r['peer_rss']:.0f} MB | {r['agreement']} |")
        notes = [f"{r['workload']}: {r['context']}" for r in rows if r.get("context")]
        if notes:
            lines += [""] + [f"- {n}" for n in notes]
    if scaling_rows:
        lines += ["", "| fit | series | months | Clinic median | best numpy route | numpy median | ratio | Clinic GB/s | Clinic GFLOP/s |",
                  "|---|---:|---:|---:|---|---:|---:|---:|---:|"]
        for r in scaling_rows:
            gbs = "–" if r["gbs"] != r["gbs"] else f"{r['gbs']:.1f}"
            gflops = "–" if r["gflops"] != r["gflops"] else f"{r['gflops']:.1f}"
            lines.append(f"| {r['kind']} | {r['series']:,} | {r['months']} | {fmt_s(r['clinic_s'])} | {r['peer']} | "
                         f"{fmt_s(r['peer_s'])} | {r['peer_s'] / r['clinic_s']:.2f}× | {gbs} | {gflops} |")
        reference = f"- Same run, same machine: copying Y (60,000 × 120 float64) {machine['copy_gbs']:.1f} GB/s (bytes of Y / time); " \
                    f"4000 × 4000 dgemm {machine['dgemm_numpy_gflops']:.1f} GFLOP/s (numpy's OpenBLAS)"
        if "dgemm_system_gflops" in machine:
            reference += f", {machine['dgemm_system_gflops']:.1f} GFLOP/s (the system OpenBLAS Clinic links)"
        lines += ["", reference + ". GB/s = 8·n·m / time; GFLOP/s = (2·n·p + 2·p²)·m / time, the flops of Clinic's two GEMMs (p = 15 terms)."]
    return "\n".join(lines) + "\n"


def build_binaries():
    sys.path.insert(0, HERE)
    import peer_workload as pw
    CONTEXT["peer_workload"] = pw.binary()
    subprocess.run(["swift", "build", "-c", "release", "--product", "clinic"], cwd=ROOT, check=True, stdout=sys.stderr)
    CONTEXT["clinic"] = os.path.join(ROOT, ".build", "release", "clinic")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated: " + ", ".join(WORKLOADS))
    parser.add_argument("--scaling", action="store_true", help="also run the scaling study")
    parser.add_argument("--markdown", metavar="FILE", help="also write the Markdown table(s) to FILE")
    parser.add_argument("--series", type=int, default=60_000, help="series of the ols and robust workloads")
    parser.add_argument("--population", type=int, default=12_000_000, help="population of the records workload")
    parser.add_argument("--sample", type=int, default=100, help="series the samework peer runs on (its time is scaled to all)")
    parser.add_argument("--arm", help=argparse.SUPPRESS)
    parser.add_argument("arm_args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.arm:
        run_arm(args)
        return
    selected = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(selected) - set(WORKLOADS)
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(sorted(unknown))}")
    build_binaries()
    rows, scaling_rows, machine = [], [], {}
    print("\n".join(machine_lines()))
    with tempfile.TemporaryDirectory(prefix="clinic-peers-") as out:
        for name in selected:
            rows.append(globals()[f"workload_{name}"](args, out))
            sys.stdout.flush()
        if args.scaling:
            scaling_rows, machine = scaling(args, out)
    table = markdown_table(rows, scaling_rows, machine, args.rounds)
    print("\n" + table)
    if args.markdown:
        with open(args.markdown, "w") as handle:
            handle.write(table)


if __name__ == "__main__":
    main()
