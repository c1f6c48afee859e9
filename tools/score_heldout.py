"""Score the held-out collection for one task group and log it (heldout/README.md).

Usage: python tools/score_heldout.py GROUP NAME

GROUP is ``reuse`` (pairs, direction, sentences, line roles) or ``voices`` (quotations,
entities); NAME describes the rules scored (e.g. ``baseline_rules_8f21935``). Writes
``heldout/scoring_log/<n>_<GROUP>_<NAME>.csv`` and prints only the aggregate figures of
that group, so that one group's scoring shows nothing of the other's test figures.
"""

from __future__ import annotations

import argparse

from newscompare.evaluation.heldout import TASK_GROUPS, analyse_collection, write_scoring_log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("group", choices=sorted(TASK_GROUPS))
    parser.add_argument("name")
    args = parser.parse_args()
    path = write_scoring_log(analyse_collection(), args.group, args.name)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
