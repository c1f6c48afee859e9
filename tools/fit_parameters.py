"""Fit the analysis's learned parameters on the development events and write them (make fit).

Usage: python tools/fit_parameters.py

Writes ``src/newscompare/ingest/data/line_model.json`` (the line model of cleaning) and
``src/newscompare/analysis/data/pair_model.json`` (the pair model of reuse, with its claim
floor): weights, the cross-validated figures and the checksum of the data each
(``newscompare.evaluation.fitting``).
The book build reads the file and never refits; ``tests/test_fitting.py`` refits and must get
the same bytes, so the file cannot go stale when the annotations change.
"""

from __future__ import annotations

from newscompare.evaluation.fitting import write_line_model, write_pair_model


def main() -> None:
    # The line model first: the pair model's features come from the cleaned texts.
    print(f"wrote {write_line_model()}")
    print(f"wrote {write_pair_model()}")


if __name__ == "__main__":
    main()
