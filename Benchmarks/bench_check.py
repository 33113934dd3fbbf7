#!/usr/bin/env python3
"""The speed guard behind `make bench-check`: this tree's benchmarks against main's, in one job.

Runs the package-benchmark suites of Benchmarks/ (with CLINIC_BENCH_QUICK=1: at most 3 s a benchmark, the
slowest workloads smaller) for the code being checked and for a baseline commit (main by default),
alternating the two for --rounds rounds (default 5) and swapping which goes first each round. Then, for
every benchmark present on both sides:

- wall clock: this tree's best round (the lowest of its per-round p50s) must not exceed the baseline's
  best round by more than --tolerance (default 1.75). Why best rounds, and why 1.75: on the project's
  virtual machine a process runs at one of two speeds about 1.6x apart, fixed for its lifetime (the
  same build read the national CSV in 309 ms in one process and in 488, 506 and 501 ms in the next
  three). Other work only ever adds time. So each side's best round is its fast speed once at least one
  of its five processes got it, and 1.75 sits above the 1.6x between the speeds while a 2x slowdown of
  a hot path still fails (docs/performance.md has the measurements and the proof).
  Wall clock is guarded only for benchmarks whose baseline takes at least --min-ms (default 10 ms); the
  single-fit microbenchmarks (1-5 ms) jump by up to 2x between processes. Their times are printed and
  their malloc counts guarded.
- malloc count (and instructions, where the kernel allows perf events): these do not depend on the
  machine's speed, so the tolerance is tight: +5% and at least 20 more.
- peak resident memory (the median round): +10% and at least 8 MB more. The same build's medians agree
  within 1% from run to run; a change in what the records or fits hold moves them by more.

When the tree being checked is the baseline's tree (CI checking main itself), both sides run the same
build: the check then shows that reruns of unchanged code pass. Otherwise the baseline commit is checked
out in a git worktree under .build/bench-baseline and built there.

Exit status: 0 when nothing regressed, 1 when something did (the table says what), 2 on a usage error.
Improvements are reported, never failed.

Usage: python3 Benchmarks/bench_check.py [--baseline REF] [--rounds N] [--tolerance X] [--filter REGEX]
                                          [--skip REGEX] [--keep DIR]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Rendering-only pack benchmarks and tokenizing alone are parts of benchmarks the guard already runs whole.
DEFAULT_SKIP = r"rendering only|tokenize only"

UNIT_SCALE = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0,
              "K": 1e3, "M": 1e6, "G": 1e9, "": 1.0}

# metric → (tolerance as a ratio, minimum absolute increase that counts) ; None = use --tolerance
# Peak resident memory: the median round, +10% and at least 8 MB more (main against itself: every
# suite's median within 1%; episodes back at 120 bytes raise the quick records workload's from 91 to
# 133 MB; docs/performance.md, "Peak memory under the guard: the proof").
GUARDED = {"wallClock": None, "mallocCountTotal": (1.05, 20), "instructions": (1.05, 1000),
           "peakMemoryResident": (1.10, 8e6)}


def git(*args, cwd=ROOT):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def baseline_commit(ref):
    for candidate in (ref, f"origin/{ref}"):
        try:
            return git("rev-parse", "--verify", f"{candidate}^{{commit}}")
        except subprocess.CalledProcessError:
            continue
    sys.exit(f"bench-check: no commit named {ref!r} (nor origin/{ref}) to use as the baseline")


def same_tree_as(commit):
    """True when the working tree has no changes to tracked files and HEAD's tree is the commit's."""
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return not dirty and git("rev-parse", "HEAD^{tree}") == git("rev-parse", f"{commit}^{{tree}}")


def baseline_checkout(commit):
    """A worktree of `commit` under .build/bench-baseline; one left by an earlier check of the same
    commit is reused with its build."""
    path = os.path.join(ROOT, ".build", "bench-baseline")
    if os.path.isdir(path):
        try:
            if git("rev-parse", "HEAD", cwd=path) == commit and not git("status", "--porcelain", "--untracked-files=no", cwd=path):
                return path
        except subprocess.CalledProcessError:
            pass
        subprocess.run(["git", "worktree", "remove", "--force", path], cwd=ROOT, capture_output=True)
        shutil.rmtree(path, ignore_errors=True)
    git("worktree", "prune")
    git("worktree", "add", "--detach", "--force", path, commit)
    return path


def run_suites(package_dir, out_dir, filter_regex, skip_regex):
    """Runs every suite of the Benchmarks package in `package_dir`, exporting p-percentiles to out_dir."""
    os.makedirs(out_dir, exist_ok=True)
    command = ["swift", "package", "benchmark", "--format", "histogramPercentiles", "--path", out_dir,
               "--no-progress", "--quiet"]
    # package-benchmark matches --filter and --skip against the whole name; ours match anywhere in it.
    if filter_regex:
        command += ["--filter", f".*(?:{filter_regex}).*"]
    if skip_regex:
        command += ["--skip", f".*(?:{skip_regex}).*"]
    env = dict(os.environ, CLINIC_BENCH_QUICK="1")
    result = subprocess.run(command, cwd=os.path.join(package_dir, "Benchmarks"), env=env,
                            capture_output=True, text=True)
    # SwiftPM itself has died of a signal here (SIGSEGV in its plugin runner, seen while another build
    # shared the machine) before any benchmark ran; one retry covers that, as the Makefile's test build
    # does. A benchmark that really crashes crashes again on the retry, so it still fails below.
    if result.returncode < 0:
        sys.stderr.write(f"bench-check: swift package benchmark died of signal {-result.returncode} in {package_dir}; trying once more\n")
        result = subprocess.run(command, cwd=os.path.join(package_dir, "Benchmarks"), env=env,
                                capture_output=True, text=True)
    # A plain run exits 0; anything else is a build failure or a crash part-way, which must not pass as
    # "fewer benchmarks to compare".
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        sys.exit(f"bench-check: the benchmarks in {package_dir} failed (exit {result.returncode})")


FILE = re.compile(r"^Current_run\.(?P<name>.+)\.(?P<metric>[A-Za-z]+)\.histogram\.percentiles\.tsv$")
HEADER_UNIT = re.compile(r"\((ns|μs|us|ms|s|K|M|G)\) \*$")


def read_p50(out_dir):
    """{(benchmark, metric): p50 in base units} from one run's exported percentile files."""
    values = {}
    for file in os.listdir(out_dir):
        match = FILE.match(file)
        if not match:
            continue
        with open(os.path.join(out_dir, file), encoding="utf-8") as f:
            lines = f.read().splitlines()
        unit = HEADER_UNIT.search(lines[0])
        scale = UNIT_SCALE[unit.group(1) if unit else ""]
        p50 = next(float(v) for p, v in (line.split("\t") for line in lines[1:]) if p == "50")
        values[(match["name"], match["metric"])] = p50 * scale
    return values


def describe(metric, value):
    if metric == "wallClock":
        return f"{value * 1e3:,.1f} ms" if value >= 1e-3 else f"{value * 1e6:,.0f} µs"
    if metric == "peakMemoryResident":
        return f"{value / 1e6:,.0f} MB"
    return f"{value:,.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tolerance", type=float, default=1.75,
                        help="largest allowed ratio of best rounds' wall clock, this tree / baseline (default 1.75)")
    parser.add_argument("--min-ms", type=float, default=10,
                        help="guard wall clock only where the baseline takes at least this long (default 10 ms)")
    parser.add_argument("--filter", default=None, help="only benchmarks whose name contains a match of this regex")
    parser.add_argument("--skip", default=DEFAULT_SKIP, help=f"leave out matching benchmarks (default {DEFAULT_SKIP!r})")
    parser.add_argument("--keep", default=None, help="keep the exported percentiles in this folder")
    args = parser.parse_args()
    if args.rounds < 1 or args.tolerance <= 1:
        parser.error("--rounds must be at least 1 and --tolerance above 1")

    commit = baseline_commit(args.baseline)
    shared = same_tree_as(commit)
    baseline_dir = ROOT if shared else baseline_checkout(commit)
    print(f"bench-check: {'this tree is' if shared else 'this tree against'} {args.baseline} at {commit[:10]}"
          f"{' (same sources: both sides run one build)' if shared else ''}; {args.rounds} alternating rounds,"
          f" wall-clock tolerance {args.tolerance:.2f}x", flush=True)

    work = args.keep or tempfile.mkdtemp(prefix="clinic-bench-check-")
    runs = {"baseline": [], "current": []}
    for r in range(args.rounds):
        order = [("baseline", baseline_dir), ("current", ROOT)]
        if r % 2:
            order.reverse()
        for side, package_dir in order:
            out = os.path.join(work, f"round{r + 1}-{side}")
            shutil.rmtree(out, ignore_errors=True)
            print(f"  round {r + 1}: {side}", flush=True)
            run_suites(package_dir, out, args.filter, args.skip)
            runs[side].append(read_p50(out))

    def per_round(side, key):
        return [run[key] for run in runs[side] if key in run]

    keys = sorted({k for run in runs["baseline"] for k in run} & {k for run in runs["current"] for k in run})
    if not keys:
        sys.exit("bench-check: no benchmark ran on both sides")
    failures, compared = [], 0
    print()
    print(f"{'benchmark':<88} {'metric':<17} {'baseline':>14} {'this tree':>14} {'ratio':>7}")
    for name, metric in keys:
        if metric not in GUARDED:
            continue
        base_rounds, cur_rounds = per_round("baseline", (name, metric)), per_round("current", (name, metric))
        # Wall clock: the best round of each side (noise only adds time). Counts: the median (they barely move).
        pick = min if metric == "wallClock" else statistics.median
        base, cur = pick(base_rounds), pick(cur_rounds)
        ratio = cur / base if base > 0 else (1.0 if cur == 0 else float("inf"))
        tolerance, minimum = GUARDED[metric] or (args.tolerance, 0)
        guarded = metric != "wallClock" or base >= args.min_ms / 1e3
        regressed = guarded and ratio > tolerance and cur - base > minimum
        verdict = ("REGRESSED" if regressed else "not guarded (too short)" if not guarded
                   else "faster" if metric == "wallClock" and ratio < 1 / args.tolerance else "")
        print(f"{name[:88]:<88} {metric:<17} {describe(metric, base):>14} {describe(metric, cur):>14} {ratio:>6.2f}x {verdict}")
        compared += guarded
        if regressed:
            spread = ", ".join(describe(metric, v) for v in cur_rounds)
            failures.append(f"{name}: {metric} {ratio:.2f}x the baseline (allowed {tolerance:.2f}x; this tree's rounds: {spread})")
    names = {side: {n for run in runs[side] for n, _ in run} for side in runs}
    for name in sorted(names["current"] - names["baseline"]):
        print(f"{name[:88]:<88} new in this tree, not compared")
    for name in sorted(names["baseline"] - names["current"]):
        print(f"{name[:88]:<88} only in the baseline (renamed or removed here), not compared")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print()
    if failures:
        print("bench-check FAILED:")
        for failure in failures:
            print(f"  {failure}")
        return 1
    print(f"bench-check passed: {compared} measurements within tolerance")
    return 0


if __name__ == "__main__":
    sys.exit(main())
