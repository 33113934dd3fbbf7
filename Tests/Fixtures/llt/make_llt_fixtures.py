#!/usr/bin/env python3
"""Reference fixtures for the local linear trend model (statsmodels).

    y_t       = mu_t + eps_t,            eps_t  ~ N(0, sigma2.irregular)
    mu_{t+1}  = mu_t + nu_t + eta_t,     eta_t  ~ N(0, sigma2.level)
    nu_{t+1}  = nu_t + zeta_t,           zeta_t ~ N(0, sigma2.trend)

fitted with statsmodels
``UnobservedComponents(y, level="local linear trend", use_exact_diffuse=True)``.
State vector is (level mu_t, slope nu_t).

Run from anywhere:  python3 Tests/Fixtures/llt/make_llt_fixtures.py
Writes llt_reference.json next to this file. Floats are written by Python's
json module (repr, shortest round-trip form), i.e. no digits are lost.

Data:
  nile                 statsmodels.datasets.nile (identical to R datasets::Nile)
  fictional_lac        data/aggregates/monthly.csv, area E99999999, metric lac
  fictional_referrals  data/aggregates/monthly.csv, area E99999999, metric referrals
  seatbelts_front_sa   seatbelts_front.csv (exported from R datasets::Seatbelts[, "front"],
                       see README) minus its calendar-month means plus its overall mean
"""
import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.datasets import nile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(HERE, "llt_reference.json")
SEATBELTS_CSV = os.path.join(HERE, "seatbelts_front.csv")

# Fixed parameters (sigma2.irregular, sigma2.level, sigma2.trend) for part (a).
# Chosen by hand near the ML estimates (3 significant digits); a variance whose
# ML estimate is ~0 (boundary) is replaced by a small positive value so that
# every variance enters the recursions.
FIXED = {
    "nile": [14700.0, 1760.0, 10.0],               # ML: 1.47e4, 1.75e3, ~0
    "fictional_lac": [1.0, 30.0, 0.00924],          # ML: ~0, 30.0, 0.00924
    "fictional_referrals": [1380.0, 10.0, 0.1],     # ML: 1.38e3, ~0, ~0
    "seatbelts_front_sa": [3110.0, 769.0, 3.11],    # ML: 3.11e3, 769, ~0
}


def f(x):
    return float(x)


def vec(a):
    return [float(v) for v in np.asarray(a).ravel()]


def mat(a):
    a = np.asarray(a)
    return [[float(v) for v in row] for row in a]


def load_series():
    out = {}
    y = nile.load_pandas().data["volume"].to_numpy(dtype=float)
    out["nile"] = dict(y=y, start="1871", frequency="annual")

    agg = pd.read_csv(os.path.join(ROOT, "data", "aggregates", "monthly.csv"))
    for name, metric in [("fictional_lac", "lac"), ("fictional_referrals", "referrals")]:
        d = agg[(agg["area"] == "E99999999") & (agg["metric"] == metric)].sort_values("month")
        per = pd.PeriodIndex(d["month"], freq="M")
        assert len(d) > 0 and (np.diff(per.asi8) == 1).all(), f"gaps in {metric}"
        out[name] = dict(y=d["value"].to_numpy(dtype=float), start=d["month"].iloc[0],
                         frequency="monthly")

    if not os.path.exists(SEATBELTS_CSV):
        subprocess.check_call([
            "Rscript", "-e",
            'x <- datasets::Seatbelts[, "front"]; write.csv(data.frame('
            'year = as.integer(floor(time(x) + 1e-8)), month = as.integer(cycle(x)), '
            f'front = as.numeric(x)), "{SEATBELTS_CSV}", row.names = FALSE, quote = FALSE)'])
    sb = pd.read_csv(SEATBELTS_CSV)
    assert (np.diff(sb["year"] * 12 + sb["month"]) == 1).all()
    raw = sb["front"].to_numpy(dtype=float)
    month_means = sb.groupby("month")["front"].mean()
    sa = raw - sb["month"].map(month_means).to_numpy() + raw.mean()
    out["seatbelts_front_sa"] = dict(
        y=sa, start=f"{sb['year'].iloc[0]:04d}-{sb['month'].iloc[0]:02d}", frequency="monthly",
        raw=raw, month_means=[float(month_means[m]) for m in range(1, 13)],
        overall_mean=float(raw.mean()))
    return out


def model(y, exact=True):
    return sm.tsa.UnobservedComponents(y, level="local linear trend",
                                       use_exact_diffuse=exact)


def fit_ml(y):
    """Several optimiser runs (statsmodels' start_params and a grid of starts); keep the best llf."""
    mod = model(y)
    attempts, results = [], []

    def run(label, fn):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            try:
                res = fn()
            except Exception as e:  # noqa: BLE001
                attempts.append(dict(method=label, error=repr(e)))
                return None
        rv = res.mle_retvals or {}
        a = dict(method=label, llf=f(res.llf), params=vec(res.params),
                 converged=bool(rv.get("converged", False)),
                 warnings=sorted({str(x.message) for x in w}))
        for k in ("iterations", "warnflag"):
            if rv.get(k) is not None:
                a[k] = int(rv[k])
        attempts.append(a)
        results.append((label, res))
        return res

    r_lbfgs = run("lbfgs", lambda: mod.fit(method="lbfgs", maxiter=10000, disp=0,
                                           factr=10.0, pgtol=1e-12))
    r_nm = run("nm", lambda: mod.fit(method="nm", maxiter=20000, disp=0,
                                     xtol=1e-12, ftol=1e-14))
    if r_nm is not None:
        run("nm+bfgs", lambda: mod.fit(start_params=r_nm.params, method="bfgs",
                                       maxiter=10000, disp=0, gtol=1e-10))
    if r_lbfgs is not None:
        run("lbfgs+bfgs", lambda: mod.fit(start_params=r_lbfgs.params, method="bfgs",
                                          maxiter=10000, disp=0, gtol=1e-10))
    # statsmodels' default start can end on a local optimum with the level variance at zero (it did
    # for fictional_referrals, 12 log-likelihood units below the best); also start Nelder-Mead from a
    # small grid of variance splits of var(diff(y)) and keep the best of everything.
    scale = float(np.var(np.diff(y)))
    for split in ((0.5, 1e-4, 1e-6), (0.5, 0.5, 0.01), (0.05, 0.9, 0.01), (0.25, 0.25, 1e-4)):
        start = np.array([scale * w for w in split])
        run("nm-grid%s" % (split,), lambda start=start: mod.fit(start_params=start, method="nm", maxiter=20000,
                                                            disp=0, xtol=1e-12, ftol=1e-14))
    best_label, best = max(results, key=lambda lr: lr[1].llf)
    return best_label, best, attempts


def describe_fixed(y, params):
    res = model(y).smooth(params)
    fc = res.get_forecast(12)
    last = len(y) - 1
    fr = res.filter_results
    d = int(res.nobs_diffuse)
    # llf convention: compare with the approximate-diffuse filter (P0 = 1e6 I,
    # loglikelihood_burn = k_states = 2) on the same parameters.
    res_ad = model(y, exact=False).smooth(params)
    llf_obs = np.asarray(res.llf_obs)
    return dict(
        params=dict(zip(res.model.param_names, vec(params))),
        llf=f(res.llf),
        nobs_diffuse=d,
        filtered_state_last=vec(res.filtered_state[:, last]),
        filtered_state_cov_last=mat(res.filtered_state_cov[:, :, last]),
        predicted_state_last=vec(res.predicted_state[:, last]),      # a_{t|t-1} for t = n-1
        smoothed_state_last=vec(res.smoothed_state[:, last]),
        smoothed_state_cov_last=mat(res.smoothed_state_cov[:, :, last]),
        smoothed_state_first=vec(res.smoothed_state[:, 0]),
        smoothed_state_cov_first=mat(res.smoothed_state_cov[:, :, 0]),
        forecast_mean=vec(fc.predicted_mean),
        forecast_var=vec(fc.var_pred_mean),
        llf_convention=dict(
            llf_obs_first=vec(llf_obs[: max(d, 2) + 1]),
            forecast_error_diffuse_cov_first=vec(fr.forecasts_error_diffuse_cov[0, 0, :d]),
            sum_llf_obs_after_diffuse=f(llf_obs[d:].sum()),
            diffuse_terms=f(llf_obs[:d].sum()),
            minus_half_log_2pi_times_d=f(-0.5 * d * math.log(2 * math.pi)),
            approx_diffuse_llf=f(res_ad.llf),
            approx_diffuse_loglikelihood_burn=int(res_ad.loglikelihood_burn),
            approx_diffuse_initial_variance=f(res_ad.model.ssm.initialization.approximate_diffuse_variance),
        ),
    )


def main():
    series = load_series()
    cases = []
    for name, s in series.items():
        y = s["y"]
        print(f"{name}: n={len(y)}", file=sys.stderr)
        best_label, best, attempts = fit_ml(y)
        p_ml = np.asarray(best.params)
        fixed = np.asarray(FIXED[name], dtype=float)
        last = len(y) - 1
        ml = dict(
            method=best_label,
            params=dict(zip(best.model.param_names, vec(p_ml))),
            llf=f(best.llf),
            smoothed_state_last=vec(best.smoothed_state[:, last]),
            smoothed_state_var_last=vec(np.diag(best.smoothed_state_cov[:, :, last])),
            smoothed_state_cov_last=mat(best.smoothed_state_cov[:, :, last]),
            attempts=attempts,
        )
        case = dict(name=name, n=len(y), start=s["start"], frequency=s["frequency"],
                    y=vec(y), fixed=describe_fixed(y, fixed), ml=ml)
        if "raw" in s:
            case["deseasonalisation"] = dict(
                raw=vec(s["raw"]), month_means=s["month_means"], overall_mean=s["overall_mean"],
                rule="y_sa[t] = raw[t] - month_means[calendar_month(t)-1] + overall_mean")
        cases.append(case)

    doc = dict(
        generator="Tests/Fixtures/llt/make_llt_fixtures.py",
        model="UnobservedComponents(y, level='local linear trend', use_exact_diffuse=True)",
        state=["level", "slope"],
        param_names=["sigma2.irregular", "sigma2.level", "sigma2.trend"],
        versions=dict(statsmodels=statsmodels.__version__, numpy=np.__version__,
                      scipy=scipy.__version__, pandas=pd.__version__,
                      python=sys.version.split()[0]),
        cases=cases,
    )
    with open(OUT, "w") as fh:
        json.dump(doc, fh, indent=1, allow_nan=False)
        fh.write("\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
