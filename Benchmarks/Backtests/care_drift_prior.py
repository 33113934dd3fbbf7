#!/usr/bin/env python3
"""How much English local authorities' entries to care and rates of leaving wander from year to year:
the national prior behind CareProjection's entry and exit drift (docs/METHODS.md §14).

    python3 Benchmarks/Backtests/care_drift_prior.py

Reads seeds/dfe_benchmarks.csv (DfE, "Children looked after in England", table by local authority:
children starting and ceasing to be looked after in each year to 31 March, and looked after on 31 March,
2021 to 2025). For each lag k = 1..4 years and each authority with all five years, the squared change of
the log count between years j and j+k, less what Poisson counts alone give (1/x_j + 1/x_{j+k}), averaged
over authorities and year pairs. A level that wanders as a random walk with yearly variance q, plus a
passing year-to-year disturbance of variance v, gives an excess of k*q + 2v at lag k: q is the slope of
the excess on k (least squares over the lags there are: k = 1..4 for starts). For leaving, the rate is
the ceased over the children looked after at the start of the year (31 March of the year before), so
years 2022 to 2025 and lags k = 1..3.

Prints q per year for each, and the monthly SD of the random walk, sqrt(q / 12).
"""
import csv
import math
import os
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read():
    counts = defaultdict(dict)        # (metric, code) -> {year: count}
    with open(os.path.join(ROOT, "seeds", "dfe_benchmarks.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["level"] != "local_authority" or row["metric"] not in ("lac_starts", "lac_ceased", "lac"):
                continue
            try:
                counts[(row["metric"], row["code"])][int(row["year"])] = float(row["value"])
            except ValueError:
                pass
    return counts


def excess_by_lag(series, noise):
    """series: {code: {year: log value}}; noise: {code: {year: Poisson variance of the log value}}."""
    out = {}
    for lag in range(1, 5):
        total, n = 0.0, 0
        for code, values in series.items():
            for year, value in values.items():
                later = values.get(year + lag)
                if later is None:
                    continue
                total += (later - value) ** 2 - noise[code][year] - noise[code][year + lag]
                n += 1
        if n:
            out[lag] = (total / n, n)
    return out


def slope(points):
    xs = [k for k, _ in points]
    ys = [e for _, e in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main():
    counts = read()
    codes = {code for (_, code) in counts}
    starts, starts_noise, leaving, leaving_noise = {}, {}, {}, {}
    for code in codes:
        s = counts.get(("lac_starts", code), {})
        if len(s) == 5 and all(v > 0 for v in s.values()):
            starts[code] = {y: math.log(v) for y, v in s.items()}
            starts_noise[code] = {y: 1 / v for y, v in s.items()}
        ceased, stock = counts.get(("lac_ceased", code), {}), counts.get(("lac", code), {})
        years = [y for y in ceased if y - 1 in stock and ceased[y] > 0 and stock[y - 1] > 0]
        if len(years) == 4:
            leaving[code] = {y: math.log(ceased[y] / stock[y - 1]) for y in years}
            leaving_noise[code] = {y: 1 / ceased[y] for y in years}
    for name, series, noise in (("entries (starts)", starts, starts_noise), ("rate of leaving (ceased / stock)", leaving, leaving_noise)):
        lags = excess_by_lag(series, noise)
        q = slope([(k, e) for k, (e, _) in lags.items()])
        print(f"{name}: {len(series)} authorities")
        for k, (e, n) in lags.items():
            print(f"  lag {k}: excess variance of the log change {e:.4f} ({n} pairs)")
        print(f"  random walk: q = {q:.4f} a year, monthly SD {math.sqrt(max(q, 0) / 12):.4f}")


if __name__ == "__main__":
    main()
