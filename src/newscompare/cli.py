"""Command line: ``python -m newscompare analyze CORPUS_DIR --out OUT_DIR``,
``python -m newscompare export-passim CORPUS_DIR OUT.jsonl``,
``python -m newscompare from-passim ALIGNMENTS INPUT.jsonl DEST`` and
``python -m newscompare new-report CORPUS_DIR DEST``."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import NoReturn

from newscompare.ingest.corpus import check_outside_corpus, load_corpus
from newscompare.ingest.errors import CorpusError, CorpusWarning, ModelNotInstalledError
from newscompare.ingest.nlp import check_cache_folder
from newscompare.scaffold import AUTHOR_PLACEHOLDER, ScaffoldError, default_title, new_report
from newscompare.tables import (
    TABLES, AnalysisOptions, OutputFolder, check_catalogues, corpus_from_passim, export_passim,
    write_tables,
)


#: The shells' exit status for a program stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error of the
    commands: ``error: PROG: WHAT; expected: USAGE`` (the usage joined onto that line),
    exit status 2. ``--help`` is unchanged. Subcommands' parsers are of this class too
    (argparse makes them with the class of the parser that holds them)."""

    def error(self, message: str) -> NoReturn:
        usage = " ".join(self.format_usage().split()).removeprefix("usage: ")
        self.exit(2, f"error: {self.prog}: {message}; expected: {usage} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
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
    # A string, not a Path: Path("") is ".", which would write into the current folder.
    analyze.add_argument("--out", required=True, metavar="OUT_DIR",
                         help="folder to write the CSV files into (created if missing; an "
                         "earlier run's tables are replaced only when the new ones are complete)")
    analyze.add_argument("--claims", type=Path, default=None, metavar="FILE",
                         help="claims catalogue (YAML; this story's is story/claims.yml); without it "
                         "claims.csv is written with its header only")
    analyze.add_argument("--events", type=Path, default=None, metavar="FILE",
                         help="background events (CSV; this story's is story/events.csv); without it "
                         "events_known.csv is written with its header only")
    analyze.add_argument("--lexicon", type=Path, default=None, metavar="FILE",
                         help="framing lexicon (YAML; this story's is story/framing_lexicon.yml); "
                         "without it framing.csv is written with its header only")
    # A string, not a Path, for the same reason as --out.
    analyze.add_argument("--cache", default=None, metavar="DIR",
                         help="keep the spaCy parse in DIR and reuse it when the text, the model "
                         "and the package version are unchanged (the tables are the same)")
    passim = commands.add_parser(
        "export-passim",
        help="write the cleaned body texts as JSON lines for passim (id, series, date, text)",
    )
    passim.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR",
                        help="folder with manifest.csv and the article files")
    passim.add_argument("out_file", metavar="OUT.jsonl", help="file to write")
    back = commands.add_parser(
        "from-passim",
        help="write one group of articles passim aligned as a corpus folder (for analyze and new-report)",
        description="Reads passim's pairwise alignments (align.json, written with --pairwise) and "
        "the JSON lines passim ran on, groups the aligned articles (connected components) and "
        "writes the group holding --around (default: the largest) as DEST: ID.txt files and a "
        "manifest.csv with id, file, outlet, url, published.",
    )
    back.add_argument("alignments", type=Path, metavar="ALIGNMENTS",
                      help="passim's align.json folder (or one JSON-lines file of its records)")
    back.add_argument("records", type=Path, metavar="INPUT.jsonl",
                      help="the JSON lines passim ran on (as export-passim writes them)")
    back.add_argument("dest", metavar="DEST", help="corpus folder to create (new or empty)")
    back.add_argument("--around", default=None, metavar="ID",
                      help="an article id: write the group it belongs to (default: the largest group)")
    report = commands.add_parser(
        "new-report",
        help="make a new Jupyter Book project (chapters, Makefile, pinned software) for a corpus",
        description="DEST gets the corpus in seeds/, the chapter notebooks, the book's files and "
        "this package as a wheel with the pinned requirements; then `cd DEST && make book`.",
    )
    report.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR",
                        help="folder with manifest.csv and the article files (only read)")
    report.add_argument("dest", metavar="DEST", help="folder to create (new or empty)")
    report.add_argument("--title", default=None,
                        help="the book's title (default: from the corpus folder's name)")
    report.add_argument("--author", default=None,
                        help="the book's author, shown on every page and in CITATION.cff "
                        "(default: a placeholder to fill in)")
    report.add_argument("--claims", type=Path, default=None, metavar="FILE",
                        help="claims catalogue (YAML), copied to story/claims.yml; with it or "
                        "--events the book has a claims and timeline chapter")
    report.add_argument("--events", type=Path, default=None, metavar="FILE",
                        help="background events (CSV), copied to story/events.csv")
    report.add_argument("--lexicon", type=Path, default=None, metavar="FILE",
                        help="framing lexicon (YAML), copied to story/framing_lexicon.yml; with "
                        "it the book has a framing chapter")
    return parser


def _analyze(args: argparse.Namespace) -> list[Path]:
    if not args.out.strip():
        raise CorpusError("--out", "is empty; expected the path of a folder for the tables")
    out_dir = Path(args.out)
    # Checked before anything is written (the staging folder is made beside --out).
    check_outside_corpus(out_dir, args.corpus_dir)
    cache_dir = None
    if args.cache is not None:
        if not args.cache.strip():
            # Path("") is ".": the cache would fill the current folder.
            raise CorpusError("--cache", "is empty; expected the path of a folder for the parse "
                              "cache (or leave --cache out)")
        cache_dir = Path(args.cache)
        check_outside_corpus(cache_dir, args.corpus_dir)
    options = AnalysisOptions(claims_file=args.claims, events_file=args.events,
                              lexicon_file=args.lexicon)
    check_catalogues(options)
    # The output folder is checked (and its staging folder made) before the analysis runs,
    # then the cache folder (made if missing; a refusal removes the staging folder).
    with OutputFolder(out_dir) as output:
        if cache_dir is not None:
            check_cache_folder(cache_dir)
        corpus = load_corpus(args.corpus_dir, cache_dir=cache_dir)
        names = write_tables(corpus, output.staging, options, shown_as=out_dir)
        output.commit()
    return [out_dir / name for name in names]


def main(argv: list[str] | None = None) -> int:
    try:
        # Inside the try: reading the arguments takes a moment too (argparse loads its
        # message catalogues), and a Ctrl-C then must be one line like any other.
        args = build_parser().parse_args(argv)
        # Warnings about the input are shown as one line each, like the errors.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CorpusWarning)
            if args.command == "new-report":
                if not args.dest.strip():
                    raise CorpusError("DEST", "is empty; expected the path of a new folder")
                dest = new_report(args.corpus_dir, Path(args.dest), title=args.title,
                                  claims_file=args.claims, events_file=args.events,
                                  lexicon_file=args.lexicon, author=args.author)
                written = [f"new report in {dest}: cd there and run `make book`"]
                if args.title is None:  # a book silently titled after a folder ("Corpus") misleads
                    written.append(f"no --title given: the book is titled {default_title(args.corpus_dir)!r}, "
                                   "after the corpus folder; set it with --title or in _config.yml")
                if not args.author:  # every page's footer would say "By Your name"
                    written.append(f"no --author given: every page says 'By {AUTHOR_PLACEHOLDER}'; "
                                   "set it with --author, or in _config.yml and CITATION.cff")
            elif args.command == "export-passim":
                if not args.out_file.strip():
                    raise CorpusError("OUT.jsonl", "is empty; expected the path of a file to write")
                written = [f"{export_passim(args.corpus_dir, Path(args.out_file))} articles "
                           f"-> {args.out_file}"]
            elif args.command == "from-passim":
                if not args.dest.strip():
                    raise CorpusError("DEST", "is empty; expected the path of a new folder")
                group = corpus_from_passim(args.alignments, args.records, Path(args.dest),
                                           around=args.around)
                written = [(f"{len(group)} articles -> {args.dest} (manifest.csv and the texts); "
                            f"next: python -m newscompare analyze {args.dest} --out OUT_DIR")]
            else:
                written = _analyze(args)
    except (CorpusError, ModelNotInstalledError, ScaffoldError) as error:
        _show(caught)
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # Every output is staged and its staging folder removed on the way out, so an
        # interrupted run leaves the earlier outputs as they were.
        print("interrupted (Ctrl-C); no output was changed", file=sys.stderr)
        return EXIT_INTERRUPTED
    _show(caught)
    for line in written:
        print(line)
    return 0


def _show(caught: list[warnings.WarningMessage]) -> None:
    for warning in caught:
        if issubclass(warning.category, CorpusWarning):
            print(f"warning: {warning.message}", file=sys.stderr)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
