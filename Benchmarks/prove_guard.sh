#!/usr/bin/env bash
# Proves that `make bench-check` neither flaps nor misses a real slowdown (issue 13's "done means"):
#   1. three checks of unchanged code in a row must pass;
#   2. a commit that makes the batched fit do its work twice (a 2x slowdown of that hot path) must fail.
# Works in a throwaway clone of this repository, so the checkout you run it from is not touched.
# Usage: Benchmarks/prove_guard.sh [ROUNDS]   (ROUNDS defaults to bench_check.py's; about 45 minutes on two cores)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=()
[ $# -ge 1 ] && rounds=(--rounds "$1")
scratch="$(mktemp -d -t clinic-prove-guard.XXXXXX)"   # under $TMPDIR
git clone -q "$root" "$scratch/clinic"
cd "$scratch/clinic"
git checkout -q -B main HEAD

for run in 1 2 3; do
  echo "== unchanged code, check $run of 3 =="
  python3 Benchmarks/bench_check.py "${rounds[@]}" || { echo "PROOF FAILED: unchanged code failed check $run"; exit 1; }
done

echo "== injected 2x slowdown of the batched fit =="
git checkout -q -b injected-slowdown
python3 - <<'PY'
path = "Sources/ClinicModels/BatchedLinearModel.swift"
text = open(path).read()
first_pass = "        let deferred = try fitGroup(x, terms: design.terms, rows: nil, series: Array(0..<m), responses: responses,\n"
assert text.count(first_pass) == 1, "the batched fit's first pass was not found"
# The whole first pass runs once more beforehand on a scratch result: the same work, twice.
text = text.replace(first_pass, "        var scratch = result\n"
                    "        _ = try fitGroup(x, terms: design.terms, rows: nil, series: Array(0..<m), responses: responses,\n"
                    "                         rankTolerance: rankTolerance, into: &scratch)\n" + first_pass)
open(path, "w").write(text)
PY
git commit -q -am "Inject a 2x slowdown of the batched fit (proof of the guard)"
if python3 Benchmarks/bench_check.py "${rounds[@]}"; then
  echo "PROOF FAILED: the injected slowdown passed the check"; exit 1
fi
echo "PROOF PASSED: three unchanged checks passed and the injected slowdown failed (scratch clone: $scratch)"
