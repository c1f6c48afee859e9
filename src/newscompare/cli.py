"""Command line: ``python -m newscompare analyze CORPUS_DIR --out OUT_DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import load_corpus
from .errors import CorpusError, ModelNotInstalledError
from .exports import TABLES, AnalysisOptions, export_all


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscompare", description="Compare how several news articles tell one story."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze",
        help="write every table of a corpus folder as CSV",
        description="Tables written: " + ", ".join(f"{name}.csv" for name in TABLES),
    )
    analyze.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR",
                         help="folder with manifest.csv and the article files")
    analyze.add_argument("--out", type=Path, required=True, metavar="OUT_DIR",
                         help="folder to write the CSV files into (created if missing)")
    analyze.add_argument("--claims", type=Path, default=None, metavar="FILE",
                         help="claims catalogue (YAML; this story's is story/claims.yml); without it "
                         "claims.csv is written with its header only")
    analyze.add_argument("--events", type=Path, default=None, metavar="FILE",
                         help="background events (CSV; this story's is story/events.csv); without it "
                         "events_known.csv is written with its header only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        corpus = load_corpus(args.corpus_dir)
        written = export_all(
            corpus, args.out, AnalysisOptions(claims_file=args.claims, events_file=args.events)
        )
    except (CorpusError, ModelNotInstalledError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0
