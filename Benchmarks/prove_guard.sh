#!/usr/bin/env bash
# Proves that `make bench-check` neither flaps nor misses a real slowdown (issues 13 and 22, "done means"):
#   1. three checks of unchanged code in a row must pass;
#   2. a commit that makes the batched fit do its work twice (a 2x slowdown of that hot path) must fail;
#   3. a commit that makes `clinic flags` fit every whole series twice (a doubled engine pass) must fail.
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

echo "== injected doubling of the engine pass (every whole series fitted twice by clinic flags) =="
git checkout -q main
git checkout -q -b doubled-engine-pass
python3 - <<'PY'
path = "Sources/ClinicDetection/Exceptions.swift"
text = open(path).read()
whole = "        var fits = TrendModel.fitAll(series, options: base, catalogue: catalogue, interventions: interventions,\n"
assert text.count(whole) == 1, "the whole-series fits of Exceptions.find were not found"
text = text.replace(whole, "        _ = TrendModel.fitAll(series, options: base, catalogue: catalogue, interventions: interventions,\n"
                    "                              population: population, adjust: specification)\n" + whole)
open(path, "w").write(text)
PY
git commit -q -am "Inject a doubled engine pass in clinic flags (proof of the guard)"
# The national flags benchmarks are the ones this touches; the malloc count is what catches it (the pass
# is about a fifth of the job's time, inside the wall-clock tolerance).
if python3 Benchmarks/bench_check.py "${rounds[@]}" --filter "clinic flags"; then
  echo "PROOF FAILED: the doubled engine pass passed the check"; exit 1
fi
echo "PROOF PASSED: three unchanged checks passed, the injected slowdown and the doubled engine pass failed (scratch clone: $scratch)"
