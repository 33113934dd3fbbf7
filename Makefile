# The two commands a new user needs (see README.md):
#   make demo   build Clinic and run it on the bundled sample data
#   make test   build and run every test
# Both install the system libraries first when they are missing (Debian/Ubuntu, apt-get).

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev libsqlite3-dev libxlsxwriter-dev libmimalloc-dev
CLINIC := .build/release/clinic

.PHONY: demo tour data test render-check screenshot notebook deps deps-python deps-render deps-peers build bench bench-check bench-peers evaluate-flags fuzz clean

## Install OpenBLAS + LAPACKE headers and libraries if they are not there yet.
deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  echo "Installing $(APT_PACKAGES) with apt-get..."; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product clinic

DEMO_DB := .build/demo/clinic.sqlite

SIMULATION_SEED := 20151120

## The main job on the bundled data: the fictional authority's Performance Clinic pack in out/
## (index.html, pack.md with charts/, pack.json) and its agenda on the terminal.
demo: build
	@echo "== The Performance Clinic pack for the fictional authority (data/; injected events in data/labels.csv) =="
	@rm -rf out
	$(CLINIC) report data/aggregates/ --config data/clinic.toml --records data/records/E99999999 --as-of 2026-11 --out out
	@echo
	@echo "Open out/index.html in a browser (or read out/pack.md). 'make tour' runs every other command on the same data."

## Every other command on the bundled data: the extract checked, stored twice (nothing changes), the
## measures derived from record files, trends, flags; then least squares on NIST reference data.
tour: build
	@echo "== Check the fictional authority's monthly extract (every value accounted for) =="
	$(CLINIC) validate data/aggregates/ --as-of 2026-11
	@echo
	@echo "== Store it; the second run shows that re-ingesting a file changes nothing =="
	@rm -rf $(dir $(DEMO_DB)) && mkdir -p $(dir $(DEMO_DB))
	$(CLINIC) ingest data/aggregates/ --db $(DEMO_DB) --as-of 2026-11
	$(CLINIC) ingest data/aggregates/ --db $(DEMO_DB) --as-of 2026-11
	@echo
	@echo "== The same measures derived from the SSDA903 and CIN record files (first rows) =="
	$(CLINIC) series data/records/E99999999/ --config data/clinic.toml --as-of 2026-11 | head -8
	@echo
	@echo "== Why the number of children looked after moved in 2023-24, and where it is heading =="
	$(CLINIC) explain lac data/records/E99999999/ --config data/clinic.toml --from 2023-04 --to 2024-03 --as-of 2026-11
	$(CLINIC) project lac data/records/E99999999/ --config data/clinic.toml --as-of 2026-11 --horizon 24
	@echo
	@echo "== Trends from the store, with the intervention in data/clinic.toml =="
	$(CLINIC) fit --db $(DEMO_DB) --config data/clinic.toml --as-of 2026-11
	@echo
	@echo "== What changed, most important first (the injected events are in data/labels.csv) =="
	$(CLINIC) flags --db $(DEMO_DB) --config data/clinic.toml --as-of 2026-11
	@echo
	@echo "== Longley (NIST StRD): employment on six economic series, R-style summary =="
	$(CLINIC) regress data/nist/Longley.csv --y y
	@echo
	@echo "== Filip (NIST StRD): degree-10 polynomial, the design numpy and statsmodels get wrong =="
	$(CLINIC) regress data/nist/Filip.csv --y y --poly x:10
	@echo
	@echo "== Wampler5 (NIST StRD) as JSON; every certified coefficient is exactly 1 =="
	$(CLINIC) regress data/nist/Wampler5.csv --y y --poly x:5 --json

## Regenerate data/ (the fictional authority) with the committed seed.
data: build
	rm -rf data/aggregates data/records data/labels.csv data/clinic.toml
	$(CLINIC) simulate --out data --records --seed $(SIMULATION_SEED) --months 178

## Build the tests, then run them. SwiftPM itself has crashed (SIGSEGV while planning the build,
## before compiling anything) when another build shared its caches; one retry of the build step
## covers that without hiding a real compile error, which fails both attempts.
test: deps deps-python
	$(SWIFT) build --build-tests || $(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) render-check

## The sample pack rendered in headless Chromium (Debian's chromium, installed when missing): every
## chart and the first screen of index.html must show ink (Tests/Render/check_pack_render.py).
RENDER_OUT := .build/render-check
render-check: deps-render deps-python
	$(SWIFT) build --product clinic
	@rm -rf $(RENDER_OUT)
	$$($(SWIFT) build --show-bin-path)/clinic report data/aggregates/ --config data/clinic.toml --records data/records/E99999999 --as-of 2026-11 --out $(RENDER_OUT) >/dev/null
	python3 Tests/Render/check_pack_render.py $(RENDER_OUT)

## Refresh docs/pack.png, the screenshot of the sample pack shown in the README.
screenshot: deps-render deps-python build
	@rm -rf $(RENDER_OUT)
	$(CLINIC) report data/aggregates/ --config data/clinic.toml --records data/records/E99999999 --as-of 2026-11 --out $(RENDER_OUT) >/dev/null
	python3 Tests/Render/check_pack_render.py $(RENDER_OUT) --screenshot docs/pack.png

## Python packages the tests use: openpyxl reads the pack's workbook back; the notebook test runs the
## exported notebook (pandas, statsmodels, matplotlib) with nbclient.
PYTHON_PACKAGES := openpyxl pandas statsmodels matplotlib nbformat nbclient ipykernel pypdf
deps-python:
	@python3 -c "import openpyxl, pandas, statsmodels, matplotlib, nbformat, nbclient, ipykernel, pypdf" 2>/dev/null || \
	  python3 -m pip install -q $(PYTHON_PACKAGES)

## Export the sample data's notebook again (notebooks-export/; a test fails when it is stale).
notebook: build
	$(CLINIC) notebook data/aggregates/ --config data/clinic.toml --as-of 2026-11 --out notebooks-export/fictional-borough.ipynb

deps-render:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing chromium with apt-get (to render the pack)..."; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

## Benchmarks (package-benchmark): every suite in full (docs/performance.md lists them).
bench: deps
	cd Benchmarks && $(SWIFT) package benchmark

## The speed guard CI runs: the suites of this tree against main's, alternating in one job; fails when a
## benchmark's best-round wall clock grows beyond 1.75x or its malloc count beyond 5% (Benchmarks/bench_check.py).
bench-check: deps
	python3 Benchmarks/bench_check.py

## Python packages the peer comparison runs (bench-peers only; never the tests): the peers themselves.
PEER_PACKAGES := numpy scipy pandas polars statsmodels ruptures
deps-peers:
	@python3 -c "import numpy, scipy, pandas, polars, statsmodels, ruptures" 2>/dev/null || \
	  python3 -m pip install -q $(PEER_PACKAGES)

bench-peers: build deps-peers
	python3 Benchmarks/Peers/compare.py --scaling
	python3 Benchmarks/Peers/nist_accuracy_vs_peers.py

## The detection evaluation of docs/METHODS.md §12c (generated series, replayed month by month; a few minutes).
evaluate-flags: deps
	cd Benchmarks && $(SWIFT) run -c release Evaluation

## Fuzz the ingest path with libFuzzer for SECONDS (default 60).
fuzz: deps
	Tests/Fuzz/run.sh $(or $(SECONDS),60)

clean:
	rm -rf .build Benchmarks/.build out
