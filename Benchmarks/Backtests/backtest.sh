#!/usr/bin/env bash
# Rolling-origin forecast backtests behind the table in docs/METHODS.md ("Forecast quality").
#
#   Benchmarks/Backtests/backtest.sh [CLINIC_BINARY]
#
# Runs `clinic backtest` (24 origins, horizons 1, 3, 6, 12) on the bundled fictional authority
# (data/aggregates with data/clinic.toml) and on ten simulated authorities (clinic simulate, fixed
# seed, 120 months), and prints both tables in Markdown. Takes a few minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
CLINIC=${1:-.build/release/clinic}
[ -x "$CLINIC" ] || { echo "build first: swift build -c release --product clinic (or pass the binary)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "## data/aggregates (the fictional authority, $(date -u +%Y-%m-%d))"
"$CLINIC" backtest data/aggregates/ --config data/clinic.toml --as-of 2026-11 --origins 24
echo
"$CLINIC" simulate --out "$WORK/sim" --areas 10 --months 120 --seed 20261129 >/dev/null
echo "## ten simulated authorities (clinic simulate --areas 10 --months 120 --seed 20261129)"
# The simulated extract's validation warnings go to a log, not into the table.
"$CLINIC" backtest "$WORK/sim/aggregates/" --config "$WORK/sim/clinic.toml" --as-of 2026-11 --origins 24 2>"$WORK/stderr.log"
echo "($(grep -c 'warning:' "$WORK/stderr.log" || true) validation warnings on the simulated extract, not shown)"
