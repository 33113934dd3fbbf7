#!/usr/bin/env python3
"""The prior and the calibration behind CareProjection's reading of a shift in entries
(CareProjection.entryShiftPosterior; docs/METHODS.md §14).

    python3 Benchmarks/Backtests/entry_shift_calibration.py

1. The prior probability of a shift, from DfE's published starts by local authority (seeds/dfe_benchmarks.csv,
   years to 31 March 2021 to 2025): the share of consecutive years, among authorities with at least 50
   starts in both, whose starts changed by more than a quarter and by more than 2.5 Poisson standard
   errors of the change of log count (sqrt(1/x0 + 1/x1)). A 24-month window spans two such changes.
2. The posterior on windows without a shift: 24 months of Poisson counts at 8, 13 and 20 a month with a 12%
   winter rise (November to February, as the simulator has it), 2,000 windows each: the mean posterior
   probability of a shift, how often it exceeds one half, and the spread of the entry rate the paths
   expect (the posterior mean over the readings, each reading's months since its shift with one more
   month at the window's mean) against the true mean, beside the window's own mean.

The posterior is worked here independently of the Swift code, from the formula in its documentation:
each segment Poisson with a Gamma(x̄, 1) prior on its rate (x̄ the window's mean), "no shift" with prior
1 - prior, a shift before each month k (3 <= k <= n - 3) with prior / (number of such months, 19).
"""
import csv
import math
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def dfe_share():
    starts = {}
    with open(os.path.join(ROOT, "seeds", "dfe_benchmarks.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["level"] != "local_authority" or row["metric"] != "lac_starts":
                continue
            try:
                starts.setdefault(row["code"], {})[int(row["year"])] = float(row["value"])
            except ValueError:
                pass
    pairs = large = 0
    for years in starts.values():
        for year, x0 in years.items():
            x1 = years.get(year + 1)
            if x1 is None or x0 < 50 or x1 < 50:
                continue
            change, se = math.log(x1 / x0), math.sqrt(1 / x0 + 1 / x1)
            pairs += 1
            if abs(change) > math.log(1.25) and abs(change) > 2.5 * se:
                large += 1
    return pairs, large


def posterior(x, prior, minimum=3):
    n, total = len(x), float(sum(x))
    if prior <= 0 or total <= 0 or n < 2 * minimum:
        return [0], np.array([1.0])
    mean = total / n

    def log_marginal(s, m):
        return math.lgamma(mean + s) - math.lgamma(mean) - (mean + s) * math.log(1 + m)

    starts = list(range(minimum, n - minimum + 1))
    logs = [math.log(1 - prior) + log_marginal(total, n)]
    logs += [math.log(prior / len(starts)) + log_marginal(sum(x[:k]), k) + log_marginal(sum(x[k:]), n - k) for k in starts]
    w = np.exp(np.array(logs) - max(logs))
    return [0] + starts, w / w.sum()


def main():
    pairs, large = dfe_share()
    share = large / pairs
    print(f"DfE starts, 2021-2025: {large} of {pairs} consecutive-year pairs changed by more than 25% and 2.5 Poisson SEs "
          f"({share:.1%}); over two years {1 - (1 - share) ** 2:.0%}")
    rng = np.random.default_rng(20261206)
    months = np.arange(24)
    winter = np.where(np.isin(months % 12, [0, 1, 10, 11]), 1.12, 1.0)
    print("\n| entrants a month | prior | mean P(shift) | P(shift) > 0.5 | rate error (SD) | window mean's error |")
    print("|---|---|---|---|---|---|")
    for rate in (8, 13, 20):
        for prior in (0.1, 0.25):
            probabilities, errors, plain = [], [], []
            truth = rate * winter.mean()
            for _ in range(2000):
                x = rng.poisson(rate * winter)
                starts, w = posterior(x, prior)
                probabilities.append(1 - w[0])
                expected = sum(wi * (x[s:].sum() + x.mean()) / (len(x) - s + 1) for s, wi in zip(starts, w))
                errors.append(expected / truth - 1)
                plain.append(x.mean() / truth - 1)
            p = np.array(probabilities)
            print(f"| {rate} | {prior} | {p.mean():.3f} | {(p > 0.5).mean():.1%} | {np.std(errors):.1%} | {np.std(plain):.1%} |")


if __name__ == "__main__":
    main()
