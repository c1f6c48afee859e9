"""Check the form of a held-out event's hand annotation against its raw texts.

Usage: python tools/check_annotations.py CORPUS_DIR [ANNOTATION_DIR]

CORPUS_DIR is an event folder (``heldout/<event>``); ANNOTATION_DIR defaults to
``heldout/annotations/<event>`` (give ``heldout/double/<event>/second`` for a second
annotation). Prints one line per problem and exits 1 if there is any; runs no method of
the package on the texts (``newscompare.evaluation.gold_checks``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newscompare.evaluation.gold_checks import check_event


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("annotation_dir", type=Path, nargs="?")
    args = parser.parse_args()
    annotation_dir = args.annotation_dir or args.corpus_dir.parent / "annotations" / args.corpus_dir.name
    problems = check_event(args.corpus_dir, annotation_dir)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {annotation_dir}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
