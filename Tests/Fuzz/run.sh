#!/usr/bin/env bash
# Builds the libFuzzer target for the ingest path (aggregate extracts and record files) and runs it.
#   Tests/Fuzz/run.sh [SECONDS]        (default 60; corpus kept in .build-fuzz/corpus)
# Needs the project's apt packages (make deps). The seed corpus is the malformed-file corpus of the
# CLI tests plus the bundled data.
#
# The fuzz target is not part of the SwiftPM package: it is compiled with swiftc, together with the
# sources of the modules the ingest path needs, into ONE module (so `package` and internal API are
# reachable). The `import` lines between those modules are stripped in a copy of the sources, and
# ClinicSeeds' generated file is produced by running the SeedEmbed tool as the build plugin would.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
out=.build-fuzz
modules=(ClinicNumerics ClinicSeeds ClinicData ClinicIngest ClinicMeasures)   # record reading and what it depends on

mkdir -p "$out/corpus"
cp Tests/Fixtures/cli/malformed/*.csv Tests/Fixtures/cli/*.csv "$out/corpus/" 2>/dev/null || true
for f in Tests/Fixtures/records/*.csv; do head -c 4000 "$f" > "$out/corpus/records-$(basename "$f")"; done

# The modules' sources, with `import ClinicX` of our own modules removed.
rm -rf "$out/src"
for module in "${modules[@]}"; do
  find "Sources/$module" -name '*.swift' | while read -r file; do
    mkdir -p "$out/src/$(dirname "$file")"
    sed -E '/^[[:space:]]*(@[[:alnum:]_]+[[:space:]]+)*((public|package|internal)[[:space:]]+)?import[[:space:]]+Clinic[[:alnum:]_]+[[:space:]]*$/d' \
      "$file" > "$out/src/$file"
  done
done

# ClinicSeeds' EmbeddedSeeds.swift, from seeds/*.csv (the SeedEmbedderPlugin's job in a SwiftPM build).
swiftc -O Sources/SeedEmbed/main.swift -o "$out/SeedEmbed"
"$out/SeedEmbed" "$out/src/Sources/ClinicSeeds/EmbeddedSeeds.swift" seeds/*.csv

swiftc -sanitize=fuzzer,address -parse-as-library -module-name ClinicFuzz -package-name clinic -O \
  -I Sources/CLapack -lopenblas -llapacke -lm \
  Tests/Fuzz/FuzzIngest.swift $(find "$out/src" -name '*.swift') \
  -o "$out/fuzz-ingest"
"$out/fuzz-ingest" "$out/corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10
