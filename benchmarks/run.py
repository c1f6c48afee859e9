"""`make bench`: time the book build, the tests and the analysis methods.

Speed targets (issue "Foundation") are checked here, not in timed tests:
``make book`` from a clean ``_build`` <= 60 s, a rebuild with nothing changed <= 10 s,
``make test`` <= 120 s; and (with ``--from-scratch``) ``make book`` including the install
<= 5 minutes. Results are printed and written to benchmarks/results/.

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
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)

    rows = []
    if args.from_scratch:
        subprocess.run(["make", "distclean"], cwd=ROOT, check=True)
        rows.append(timed("make book, from nothing (install included)", ["make", "book"], 300))
    subprocess.run(["rm", "-rf", "_build"], cwd=ROOT, check=True)
    rows.append(timed("make book, clean _build", ["make", "book"], 60))
    rows.append(timed("make book, nothing changed", ["make", "book"], 10))
    rows.append(timed("make test", ["make", "test"], 120))
    timings = pd.DataFrame(rows)
    print(timings.to_string(index=False))
    timings.to_csv(RESULTS / "build_timings.csv", index=False, lineterminator="\n")

    from reuse_scaling import run as run_reuse_scaling  # benchmarks/ is this script's folder

    sizes = tuple(int(size) for size in args.sizes.split(","))
    scaling = run_reuse_scaling(sizes)
    print(scaling.to_string(index=False))
    scaling.to_csv(RESULTS / "reuse_scaling.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
