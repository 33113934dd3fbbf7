#!/usr/bin/env python3
"""Exact leave-one-out predictions for TrendDiagnosticsTests (run from the repository root).

The series is the bundled authority's police referrals (data/aggregates/monthly.csv, April 2012 to
October 2026, 175 whole numbers), copied to referrals_police.csv. The model is the one `clinic fit`
chooses for it: intercept, a linear trend in months (0, 1, 2, ...) and eleven month dummies (February
to December). Every quantity is computed in exact rational arithmetic (fractions.Fraction): the OLS
residuals e, the leverages h = diag(X (X'X)^-1 X'), and each month's leave-one-out prediction
y - e / (1 - h), which equals the prediction of the fit without that month. Written as the nearest
double (Python's float of a Fraction rounds correctly) with repr's shortest round-trip text.
"""
import csv
import os
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
rows = [r for r in csv.DictReader(open("data/aggregates/monthly.csv"))
        if r["metric"] == "referrals_police" and r["month"] <= "2026-10"]
rows.sort(key=lambda r: r["month"])
with open(os.path.join(HERE, "referrals_police.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["month", "value"])
    for r in rows:
        w.writerow([r["month"], r["value"]])

y = [F(int(r["value"])) for r in rows]
n = len(y)
X = [[F(1), F(i)] + [F(1 if int(rows[i]["month"][5:7]) == m else 0) for m in range(2, 13)] for i in range(n)]
p = len(X[0])
A = [[sum(X[i][a] * X[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
# (X'X)^-1 by Gauss-Jordan on [A | I].
M = [A[r] + [F(int(r == c)) for c in range(p)] for r in range(p)]
for c in range(p):
    pivot = next(r for r in range(c, p) if M[r][c] != 0)
    M[c], M[pivot] = M[pivot], M[c]
    M[c] = [v / M[c][c] for v in M[c]]
    for r in range(p):
        if r != c and M[r][c] != 0:
            factor = M[r][c]
            M[r] = [M[r][j] - factor * M[c][j] for j in range(2 * p)]
inverse = [row[p:] for row in M]
xty = [sum(X[i][a] * y[i] for i in range(n)) for a in range(p)]
beta = [sum(inverse[a][b] * xty[b] for b in range(p)) for a in range(p)]
with open(os.path.join(HERE, "referrals_police_leave_one_out.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["month", "leave_one_out"])
    for i in range(n):
        e = y[i] - sum(X[i][a] * beta[a] for a in range(p))
        h = sum(X[i][a] * inverse[a][b] * X[i][b] for a in range(p) for b in range(p))
        w.writerow([rows[i]["month"], repr(float(y[i] - e / (1 - h)))])
