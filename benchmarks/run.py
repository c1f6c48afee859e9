"""`make bench`: time the book build, the tests and the analysis methods.

Speed targets (issue "Foundation") are checked here, not in timed tests:
``make book`` from a clean ``_build`` <= 60 s, a rebuild with nothing changed <= 10 s,
``make test`` <= 120 s; and (with ``--from-scratch``) ``make book`` including the install
<= 5 minutes. Issue 10: the whole ``analyze`` command on copy-heavy corpora of real
English (``analysis_scaling.py``) takes at most twice the parse alone at 1,000 articles
and grows linearly to 5,000. Results are printed and written to benchmarks/results/.

Note: the build timings remove ``_build`` first, so run this when a rebuild is acceptable.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def timed(label: str, command: list[str], target: float | None) -> dict:
    """Run ``command`` in the project root and return its wall time as a result row."""
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise SystemExit(f"{label}: {' '.join(command)} failed")
    return {
        "what": label,
        "seconds": round(seconds, 1),
        "target_seconds": target,
        "within_target": None if target is None else seconds <= target,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-scratch", action="store_true",
                        help="also time `make book` after removing .venv (slow: reinstalls)")
    parser.add_argument("--sizes", default="50,500,5000",
                        help="generated corpus sizes for the text-reuse scaling benchmark")
    parser.add_argument("--analysis-sizes", default="100,1000,5000",
                        help="corpus sizes for the whole-command benchmark against the parse floor")
    parser.add_argument("--only", choices=["build", "reuse", "analysis"], default=None,
                        help="run one part only")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "build"):
        time_build(args.from_scratch)
    if args.only in (None, "reuse"):
        from reuse_scaling import run as run_reuse_scaling  # benchmarks/ is this script's folder

        scaling = run_reuse_scaling(tuple(int(size) for size in args.sizes.split(",")))
        print(scaling.to_string(index=False))
        scaling.to_csv(RESULTS / "reuse_scaling.csv", index=False, lineterminator="\n")
    if args.only in (None, "analysis"):
        from analysis_scaling import run as run_analysis_scaling

        analysis = run_analysis_scaling(tuple(int(size) for size in args.analysis_sizes.split(",")))
        print(analysis.to_string(index=False))
        analysis.to_csv(RESULTS / "analysis_scaling.csv", index=False, lineterminator="\n")


def time_build(from_scratch: bool) -> None:
    """Time the book build and the tests (removes ``_build`` first)."""
    rows = []
    if from_scratch:
        subprocess.run(["make", "distclean"], cwd=ROOT, check=True)
        rows.append(timed("make book, from nothing (install included)", ["make", "book"], 300))
    subprocess.run(["rm", "-rf", "_build"], cwd=ROOT, check=True)
    rows.append(timed("make book, clean _build", ["make", "book"], 60))
    rows.append(timed("make book, nothing changed", ["make", "book"], 10))
    rows.append(timed("make test", ["make", "test"], 120))
    timings = pd.DataFrame(rows)
    print(timings.to_string(index=False))
    timings.to_csv(RESULTS / "build_timings.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
