"""Same inputs, same outputs, byte for byte: the command line and a notebook, run twice.

Each run is a fresh process with a different PYTHONHASHSEED, so any result that depends
on the iteration order of a set or dict of strings shows up as a difference.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from newscompare.ingest.paths import PROJECT_ROOT, SEEDS_DIR

pytestmark = pytest.mark.slow

HASH_SEEDS = ("1", "2")  # two different string-hash orders
NOTEBOOK_ENV = "NEWSCOMPARE_DETERMINISM_NOTEBOOK"  # run another notebook than the first
NOTEBOOK_TIMEOUT = 300  # seconds per cell; the slowest seed notebook cell takes seconds


def analyze_env(hash_seed: str) -> dict[str, str]:
    """The environment of one run: this one, with its own hash seed."""
    return {**os.environ, "PYTHONHASHSEED": hash_seed}


def test_analyze_writes_identical_csv_files_under_different_hash_seeds(tmp_path):
    outputs = [tmp_path / f"run_{seed}" for seed in HASH_SEEDS]
    # Both runs at once: two cores, half the wall time.
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "newscompare", "analyze", str(SEEDS_DIR), "--out", str(out)],
            env=analyze_env(seed),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed, out in zip(HASH_SEEDS, outputs, strict=True)
    ]
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    first, second = outputs
    names = sorted(path.name for path in first.glob("*.csv"))
    assert names, "analyze wrote no CSV file"
    assert names == sorted(path.name for path in second.glob("*.csv"))
    differing = [name for name in names if (first / name).read_bytes() != (second / name).read_bytes()]
    assert differing == []


def notebook_to_check() -> Path:
    """``$NEWSCOMPARE_DETERMINISM_NOTEBOOK``, or else the first numbered notebook."""
    chosen = os.environ.get(NOTEBOOK_ENV)
    if chosen:
        return Path(chosen).resolve()
    notebooks = sorted((PROJECT_ROOT / "notebooks").glob("[0-9]*.ipynb"))
    assert notebooks, "no numbered notebook in notebooks/"
    return notebooks[0]


async def execute(path: Path, hash_seed: str) -> list[tuple]:
    """Run the notebook at ``path`` in a fresh kernel; return each code cell's outputs."""
    notebook = nbformat.read(path, as_version=4)
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    # An inherited MPLBACKEND=Agg would make the kernel draw no figure at all, and
    # figures are the outputs most likely to differ.
    env.pop("MPLBACKEND", None)
    client = NotebookClient(
        notebook,
        timeout=NOTEBOOK_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},  # run where the book runs it
    )
    await client.async_execute(env=env)
    return [(cell.execution_count, cell.outputs) for cell in notebook.cells if cell.cell_type == "code"]


def outputs_under_both_seeds(path: Path) -> list[list[tuple]]:
    """The code-cell outputs of two runs of ``path``, one per hash seed, run side by side."""

    async def both() -> list[list[tuple]]:
        return list(await asyncio.gather(*(execute(path, seed) for seed in HASH_SEEDS)))

    return asyncio.run(both())


def differing_cells(path: Path) -> list[int]:
    """Indices of the code cells of ``path`` whose outputs differ between the two runs."""
    first, second = outputs_under_both_seeds(path)
    assert len(first) == len(second)
    return [index for index, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]


def test_notebook_outputs_identical_under_different_hash_seeds():
    path = notebook_to_check()
    assert differing_cells(path) == [], f"{path.name}: these code cells gave different outputs"


def test_hash_order_leak_is_detected(tmp_path):
    # The check above can fail: a notebook printing a set of strings differs between seeds.
    leaky = nbformat.v4.new_notebook()
    leaky.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    leaky.cells = [
        nbformat.v4.new_code_cell("print(1 + 1)"),
        nbformat.v4.new_code_cell("print(list({'modi', 'putin', 'kremlin', 'delhi', 'moscow', 'oil'}))"),
    ]
    path = tmp_path / "leaky.ipynb"
    nbformat.write(leaky, path)
    assert differing_cells(path) == [1]
