"""Every table the command line writes, in one place.

Each entry maps a CSV name to a function of the loaded corpus (and the options) that
returns a DataFrame. Later analyses add their tables here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from . import claims, edits, entities, framing, quotes, reuse, sources, timeline
from .corpus import Corpus


@dataclass(frozen=True)
class AnalysisOptions:
    """Optional inputs of the command for corpora other than the seeds."""

    claims_file: Path | None = None
    events_file: Path | None = None


class _ReuseResults(NamedTuple):
    alignments: pd.DataFrame
    pairs: pd.DataFrame


@functools.lru_cache(maxsize=1)
def _reuse(corpus: Corpus) -> _ReuseResults:
    """The sentence alignment and the pairs, computed once for the four tables built on
    them (the cache holds the last corpus only)."""
    alignments = reuse.align_sentences(corpus)
    return _ReuseResults(alignments, reuse.article_pairs(corpus, alignments=alignments))


TableMaker = Callable[[Corpus, AnalysisOptions], pd.DataFrame]

TABLES: dict[str, TableMaker] = {
    "articles": lambda corpus, options: corpus.articles,
    "lines": lambda corpus, options: corpus.lines,
    "sentences": lambda corpus, options: corpus.sentences,
    "framing": lambda corpus, options: framing.framing_table(corpus),
    "claims": claims.claims_export,
    "events_known": timeline.events_export,
    "pairs": lambda corpus, options: _reuse(corpus).pairs,
    "alignments": lambda corpus, options: _reuse(corpus).alignments,
    "edits": lambda corpus, options: edits.sentence_edits(
        corpus, alignments=_reuse(corpus).alignments, pairs=_reuse(corpus).pairs
    ),
    "unmatched_blocks": lambda corpus, options: reuse.unmatched_blocks(
        corpus, alignments=_reuse(corpus).alignments
    ),
    "entities": lambda corpus, options: entities.entity_table(corpus),
    "quotes": lambda corpus, options: quotes.quotes_table(corpus),
    "sources": lambda corpus, options: sources.source_mentions(corpus),
}


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` deterministically: UTF-8, "\\n" line ends, no index, fixed float format."""
    table.to_csv(path, index=False, lineterminator="\n", float_format="%.6g", encoding="utf-8")


def export_all(corpus: Corpus, out_dir: Path, options: AnalysisOptions) -> list[Path]:
    """Compute every table and write it as ``out_dir/NAME.csv``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in TABLES.items():
        path = out_dir / f"{name}.csv"
        write_csv(make(corpus, options), path)
        written.append(path)
    return written
