"""The book a chapter shows: its folder, its corpus and catalogues, and every analysis of
them, computed once per kernel (:class:`BookAnalysis`)."""

from __future__ import annotations

import functools
import warnings
from functools import cached_property
from pathlib import Path

import pandas as pd

from newscompare.analysis import claims, edits, entities, framing, quotes, reuse, sources, timeline
from newscompare.ingest.corpus import Corpus, load_corpus
from newscompare.ingest.errors import CorpusError, CorpusWarning

#: Where a book keeps its corpus and its story's catalogues, relative to the book folder.
CORPUS_FOLDER = "seeds"
CLAIMS_FILE = Path("story") / "claims.yml"
EVENTS_FILE = Path("story") / "events.csv"
LEXICON_FILE = Path("story") / "framing_lexicon.yml"


def book_root(start: Path | str | None = None) -> Path:
    """The book folder: the first of ``start`` (default: the working directory) and its
    parents that holds ``_config.yml``."""
    here = Path.cwd() if start is None else Path(start)
    for folder in [here.resolve(), *here.resolve().parents]:
        if (folder / "_config.yml").is_file():
            return folder
    raise CorpusError(here, "no _config.yml here or in any parent folder; expected to run "
                      "inside a Jupyter Book folder")


def _labels(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> the name readers see: the outlet, or "outlet (id)" when the corpus
    has several articles of one outlet, so that no two articles look the same."""
    outlets = articles["outlet"].astype(str)
    repeated = set(outlets[outlets.duplicated()])
    return {str(i): (f"{o} ({i})" if o in repeated else o)
            for i, o in zip(articles["id"].astype(str), outlets, strict=True)}


class BookAnalysis:
    """A book's corpus, its catalogues and every analysis of them, each computed once."""

    def __init__(self, corpus: Corpus, warnings_seen: list[str],
                 claim_catalogue: list[claims.Claim] | None, events: pd.DataFrame | None,
                 lexicon: framing.Lexicon | None = None):
        self.corpus = corpus
        #: One message per article the model cannot read well (``CorpusWarning``).
        self.warnings_seen = warnings_seen
        self.claims = claim_catalogue
        self.events = events
        #: The story's framing lexicon; None when the book has none (no framing chapter).
        self.lexicon = lexicon
        self.labels = _labels(corpus.articles)

    @cached_property
    def alignments(self) -> pd.DataFrame:
        return reuse.align_sentences(self.corpus)

    @cached_property
    def pairs(self) -> pd.DataFrame:
        return reuse.article_pairs(self.corpus, alignments=self.alignments)

    @cached_property
    def related(self) -> pd.DataFrame:
        return self.pairs[self.pairs["relation"].isin(reuse.RELATED_PAIR_RELATIONS)].reset_index(drop=True)

    @cached_property
    def unsure_pairs(self) -> pd.DataFrame:
        """Pairs the pair model leaves undetermined: neither stated related nor unrelated."""
        return self.pairs[self.pairs["relation"] == reuse.UNDETERMINED].reset_index(drop=True)

    @cached_property
    def borderline(self) -> pd.DataFrame:
        return reuse.borderline_pairs(self.corpus, self.alignments, self.pairs)

    @cached_property
    def families(self) -> pd.DataFrame:
        return reuse.copy_families(self.corpus, pairs=self.pairs)

    @cached_property
    def family_order(self) -> list[str]:
        """Every article id, the members of a copy family together (largest family first,
        each by name), then the articles in no family, by name: the order of the rows of
        the book's figures, so that a family reads as one block."""
        families = self.families
        sizes = families.loc[families["family"] != "", "family"].value_counts()

        def key(row) -> tuple:
            family = (0, -int(sizes[row.family]), row.family) if row.family else (1, 0, "")
            return family, self.labels[row.article], row.article

        return [row.article for row in sorted(families.itertuples(), key=key)]

    @cached_property
    def blocks(self) -> pd.DataFrame:
        return reuse.unmatched_blocks(self.corpus, alignments=self.alignments)

    @cached_property
    def edits(self) -> pd.DataFrame:
        return edits.sentence_edits(self.corpus, alignments=self.alignments, pairs=self.pairs)

    @cached_property
    def omissions(self) -> pd.DataFrame:
        return edits.omissions_and_additions(self.corpus, alignments=self.alignments,
                                             pairs=self.pairs, edits=self.edits)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return quotes.extract_quotes(self.corpus)

    @cached_property
    def fidelity(self) -> pd.DataFrame:
        return quotes.quote_fidelity(self.quotes, self.corpus)

    @cached_property
    def entities(self) -> pd.DataFrame:
        return entities.entity_table(self.corpus)

    @cached_property
    def sources(self) -> pd.DataFrame:
        return sources.source_mentions(self.corpus)

    @cached_property
    def frames(self) -> pd.DataFrame:
        """Lexicon hits; no rows when the book has no lexicon."""
        if self.lexicon is None:
            return framing.empty_framing_table()
        return framing.framing_table(self.corpus, self.lexicon)

    @cached_property
    def copy_sources(self) -> dict[str, str]:
        """Copy -> the text it is read against: its likely source where the direction is
        decided, else a sibling reprint of the same outside text (for reading changes)."""
        return framing.sources_from_pairs(self.pairs)

    @cached_property
    def sibling_copies(self) -> set[str]:
        """Copies of :attr:`copy_sources` read against a sibling, not a stated source."""
        return framing.siblings_from_pairs(self.pairs)

    @cached_property
    def stated_sources(self) -> dict[str, str]:
        """Copy -> its likely source, only where a direction is stated: a date window moves
        on a stated direction, never on a sibling."""
        return {copy: source for copy, source in self.copy_sources.items()
                if copy not in self.sibling_copies}

    @cached_property
    def frame_changes(self) -> pd.DataFrame:
        return framing.frame_changes(self.frames, self.alignments, self.copy_sources)

    @cached_property
    def claim_table(self) -> pd.DataFrame:
        if self.claims is None:
            return claims.empty_claim_table()
        return claims.claim_table(self.corpus, self.claims)

    @cached_property
    def windows(self) -> pd.DataFrame:
        return timeline.publication_windows(self.corpus, self.stated_sources)

    @cached_property
    def known(self) -> pd.DataFrame:
        if self.events is None:
            return pd.DataFrame(columns=timeline.KNOWN_COLUMNS)
        return timeline.events_known(self.corpus, self.events, self.stated_sources)


def book_analysis(root: Path | str) -> BookAnalysis:
    """The :class:`BookAnalysis` of the book folder ``root`` (see :func:`book_root`): its
    corpus in ``seeds/``, and ``story/claims.yml``, ``story/events.csv`` and
    ``story/framing_lexicon.yml`` when present.
    Kept for the kernel, so every cell of a notebook reads the same analysis."""
    return _book_analysis(Path(root).resolve())


@functools.lru_cache(maxsize=2)
def _book_analysis(root: Path) -> BookAnalysis:
    folder = root / CORPUS_FOLDER
    # An article the model reads badly is reported in the book ("What to check by
    # hand"), not on the notebook's stderr, which a strict build treats as an error.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        corpus = load_corpus(folder)
    messages = []
    for warning in caught:
        if issubclass(warning.category, CorpusWarning):
            messages.append(str(warning.message).replace(f"{folder}/", ""))
        else:  # not ours to report: raised again as it came
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    claim_catalogue = claims.load_claims(root / CLAIMS_FILE) if (root / CLAIMS_FILE).is_file() else None
    events = timeline.load_events(root / EVENTS_FILE) if (root / EVENTS_FILE).is_file() else None
    lexicon = framing.load_lexicon(root / LEXICON_FILE) if (root / LEXICON_FILE).is_file() else None
    return BookAnalysis(corpus, messages, claim_catalogue, events, lexicon)
