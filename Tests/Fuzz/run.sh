#!/usr/bin/env bash
# Builds the libFuzzer target for the ingest path and runs it.
#   Tests/Fuzz/run.sh [SECONDS]        (default 60; corpus kept in .build-fuzz/corpus)
# Needs the project's apt packages (make deps). The seed corpus is the malformed-file corpus of the
# CLI tests plus the bundled data.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
out=.build-fuzz
mkdir -p "$out/corpus"
cp Tests/Fixtures/cli/malformed/*.csv Tests/Fixtures/cli/*.csv "$out/corpus/" 2>/dev/null || true
swiftc -sanitize=fuzzer,address -parse-as-library -module-name ClinicFuzz -O \
  -I Sources/CLapack -lopenblas -llapacke -lm \
  Tests/Fuzz/FuzzIngest.swift $(find Sources/ClinicCore -name '*.swift') \
  -o "$out/fuzz-ingest"
"$out/fuzz-ingest" "$out/corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10
