"""What each chapter of a book shows, for any corpus: one function per table, figure,
reading view or set of glued facts, each called in one line from a notebook cell.

The chapters of a generated book (the template notebooks in ``newscompare/templates``)
and the chapters of this report call the same functions, so the code that shows a
corpus, its related pairs, its edits, voices and frames exists once. Every function takes
a :class:`BookAnalysis`: the corpus of a book folder and every analysis of it, each
computed once, on first use, and kept for the notebook's kernel.

A book folder holds ``_config.yml``, the corpus in ``seeds/`` (article files and
``manifest.csv``) and, optionally, the story's catalogues in ``story/claims.yml`` and
``story/events.csv``. Notebooks run with their own folder as the working directory, so
:func:`book_root` finds the book by searching upward for ``_config.yml``.

Tables are :func:`~newscompare.report.presentation.reader_table` objects (escaped HTML);
where a table would be empty a :class:`~newscompare.report.presentation.Note` says so in
words, and where it would be long (a corpus of hundreds of articles) it is cut at
:data:`MAX_ROWS` rows with a caption naming how many are not shown and the CSV that has
them all. Sentences that name facts are generated from the tables they summarise.
"""

from __future__ import annotations

import functools
import html
import warnings
from functools import cached_property
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from newscompare.analysis import claims, edits, entities, framing, pair_model, quotes, reuse, sources, timeline
from newscompare.ingest.corpus import Corpus, load_corpus
from newscompare.ingest.errors import CorpusError, CorpusWarning
from newscompare.report import figures, overview, reuse_plots, voices_plots
from newscompare.report.presentation import Note, ReaderTable, join_words, plural, reader_table, source_name
from newscompare.report.reading_view import reading_view_html

#: Rows of a reader table before the rest is left to the CSV: a table of a few dozen rows
#: is read or scanned, a longer one is scrolled past (the five-article report's longest,
#: its wording edits, has about thirty).
MAX_ROWS = 40
#: Articles up to which a figure with one row or column per article is drawn: beyond about
#: a dozen, the labels on an axis of the book's 7.5-inch figures overlap.
MAX_FIGURE_ARTICLES = 12
#: Side-by-side reading views shown, of the most contained copy pairs: each is as long as
#: its two articles, so a few are read; the others are in ``edits.csv``.
MAX_READING_VIEWS = 3
#: Where a book keeps its corpus and its story's catalogues, relative to the book folder.
CORPUS_FOLDER = "seeds"
CLAIMS_FILE = Path("story") / "claims.yml"
EVENTS_FILE = Path("story") / "events.csv"
LEXICON_FILE = Path("story") / "framing_lexicon.yml"
#: The output of a view with nothing to show that the chapter's generated sentence has not
#: already said (no catalogue given, no copy with a decided source).
NOTHING_TO_ADD = Note("")
#: The command that writes the CSV files holding every row a cut table leaves out.
ANALYZE_COMMAND = "python -m newscompare analyze"


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


# ---------------------------------------------------------------------------
# Shared presentation helpers


def _outlet_headers(book: BookAnalysis) -> dict[str, str]:
    """Column headers that are articles' names, kept as written ("i24NEWS", not the
    capitalised default header)."""
    return {label: label for label in book.labels.values()}


def _table(table: pd.DataFrame, csv_name: str, empty: str, **options) -> ReaderTable | Note:
    """``table`` as a reader table, cut at :data:`MAX_ROWS` rows with a caption saying how
    many are left out and where they all are; a :class:`Note` saying ``empty`` when it
    has no rows."""
    if table.empty:
        return Note(empty)
    if table.index.name is None and table.index.nlevels == 1:  # a filter's leftover row numbers
        table = table.reset_index(drop=True)
    caption = None
    if len(table) > MAX_ROWS:
        caption = (f"The first {MAX_ROWS} of {len(table):,} rows; all are in {csv_name}, "
                   f"written by {ANALYZE_COMMAND}.")
        table = table.head(MAX_ROWS)
    return reader_table(table, caption=caption, **options)


def _figure(book: BookAnalysis, draw, what: str, instead) -> Figure | ReaderTable | Note:
    """The figure ``draw()`` makes, closed so that a cell shows it once. When the corpus
    has more articles than a per-article figure can label, ``instead``: a sentence saying
    where the same facts are, or a function giving a table of them (captioned to say why)."""
    count = len(book.corpus.ids)
    if count > MAX_FIGURE_ARTICLES:
        why = (f"With {count:,} articles, {what} would be too crowded to read (it is drawn for up "
               f"to {MAX_FIGURE_ARTICLES})")
        if isinstance(instead, str):
            return Note(f"{why}; {instead}.")
        table, headers, shown = instead()
        return reader_table(table, headers, caption=f"{why}; {shown} instead.")
    figure = draw()
    plt.close(figure)
    return figure


def _with_phrases(facts: dict[str, object], nouns: dict[str, tuple[str, str]]) -> dict[str, object]:
    """``facts`` plus, for each count named in ``nouns`` (name -> singular, plural), a
    ``<name without n_>_phrase``: the count with its noun in the right number, so that a
    template reads "1 article" and "2 articles" alike."""
    phrases = {f"{name.removeprefix('n_')}_phrase": plural(int(facts[name]), *forms)
               for name, forms in nouns.items()}
    return {**facts, **phrases}


def _count_phrase(counts: pd.Series, names: dict[str, tuple[str, str]]) -> str:
    """"2 copies, 1 partial copy and 1 rewrite": each nonzero count with its noun."""
    return join_words(plural(int(counts.get(key, 0)), *names[key]) for key in names if counts.get(key, 0))


# ---------------------------------------------------------------------------
# The articles: corpus and cleaning


def corpus_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the corpus chapter glues: counts of articles, outlets, removed lines and
    words, the longest and shortest article, the publication days covered."""
    articles = book.corpus.articles
    removed = overview.removed_lines(book.corpus)
    roles = overview.role_counts(book.corpus)
    longest = articles.loc[articles["words"].idxmax()]
    shortest = articles.loc[articles["words"].idxmin()]
    return _with_phrases({
        "n_articles": len(articles),
        "n_outlets": articles["outlet"].nunique(),
        "first_day": str(articles["published_start"].min()),
        "last_day": str(articles["published_end"].max()),
        "n_removed": len(removed),
        "n_untouched": int((roles.drop(columns="body", errors="ignore").sum(axis=1) == 0).sum()),
        "n_sentences": int(articles["sentences"].sum()),
        "n_words": int(articles["words"].sum()),
        "longest_outlet": book.labels[str(longest["id"])],
        "longest_words": int(longest["words"]),
        "shortest_outlet": book.labels[str(shortest["id"])],
        "shortest_words": int(shortest["words"]),
        "n_warnings": len(book.warnings_seen),
    }, {"n_articles": ("article", "articles"), "n_outlets": ("outlet", "outlets"),
        "n_removed": ("line", "lines"), "n_sentences": ("body sentence", "body sentences"),
        "n_words": ("word", "words"), "longest_words": ("word", "words"),
        "shortest_words": ("word", "words")})


def provenance_view(book: BookAnalysis) -> ReaderTable | Note:
    """Where each article comes from: the manifest's provenance columns that exist."""
    table = overview.provenance_table(book.corpus)
    shown = [c for c in ["id", "outlet", "published", "published_confidence", "outlet_confidence",
                         "wire_source"] if c in table.columns]
    return _table(table, "articles.csv", "The manifest lists no article.",
                  headers={"published_confidence": "Date confidence", "outlet_confidence": "Outlet confidence",
                           "wire_source": "Wire source named"},
                  columns=shown)


def evidence_view(book: BookAnalysis) -> ReaderTable | Note:
    """Where each text was found (its address) and, when the manifest records it, the
    evidence behind its attribution."""
    table = overview.provenance_table(book.corpus)
    shown = [c for c in ["outlet", "evidence", "url"] if c in table.columns]
    return _table(table, "articles.csv", "The manifest lists no article.",
                  headers={"url": "Address"}, columns=shown)


def removed_lines_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every line the cleaner did not keep as body text, with the rule that decided."""
    return _table(overview.removed_lines(book.corpus), "lines.csv",
                  "The cleaner removed no line: every non-blank line of every file is body text.",
                  headers={"article": "Outlet", "line_number": "Line", "text": "Line as written"},
                  integers=["line_number"], names=book.labels)


def role_view(book: BookAnalysis) -> ReaderTable | Note:
    """Non-blank lines per article and role (body, headline, site furniture...)."""
    return _table(overview.role_counts(book.corpus).reset_index(), "lines.csv", "No article has a line.",
                  headers={"article": "Outlet", "chrome": "Site furniture", "promo": "Promotion"},
                  names=book.labels)


def length_view(book: BookAnalysis) -> ReaderTable | Note:
    """Per article: paragraphs, sentences, words, mean words per sentence, quotations."""
    counts = book.quotes.groupby("article").size()
    statistics = overview.article_statistics(book.corpus, counts)
    statistics["outlet"] = statistics["id"].map(book.labels)
    return _table(statistics, "articles.csv", "No article.",
                  headers={"mean_sentence_words": "Words per sentence (mean)"},
                  columns=["outlet", "paragraphs", "sentences", "words", "mean_sentence_words",
                           "direct_quotations"],
                  decimals={"mean_sentence_words": 1})


def sentence_length_figure(book: BookAnalysis) -> Figure | Note:
    """Words per body sentence, one row of dots per article."""
    return _figure(book, lambda: overview.plot_sentence_lengths(book.corpus),
                   "a row of sentence lengths per article",
                   "each article's sentences and mean sentence length are in the table above")


# ---------------------------------------------------------------------------
# Who copied whom

#: A pair relation as readers read it in a table (the CSV keeps the code).
PAIR_RELATION_NAMES = {"copy": "copy", "partial_copy": "partial copy", "paraphrase": "rewrite",
                       "undetermined": "undetermined", "unrelated": "unrelated"}


def _relation_words(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with the pair relations of ``columns`` in readers' words."""
    return table.assign(**{column: table[column].map(PAIR_RELATION_NAMES).fillna(table[column])
                           for column in columns})


#: How a pair relation reads in a sentence, singular and plural.
PAIR_RELATION_WORDS = {"copy": ("copy", "copies"), "partial_copy": ("partial copy", "partial copies"),
                       "paraphrase": ("rewrite", "rewrites")}


def reuse_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the reuse chapter glues, with ``related_sentence``: how many pairs are
    related and how, generated from the pairs table (it says so when none is)."""
    pairs, related = book.pairs, book.related
    families = book.families
    best = reuse_plots.strongest_relation(book.alignments)
    unrelated = pairs.loc[pairs["relation"] == "unrelated", ["containment_a_in_b", "containment_b_in_a"]]
    n_articles = len(book.corpus.ids)
    all_pairs = n_articles * (n_articles - 1) // 2
    if related.empty and all_pairs == 1:
        sentence = "The 2 articles do not share enough wording to count as a copy or a rewrite of each other"
    elif all_pairs == 1:
        sentence = (f"The 2 articles are related: "
                    f"{_count_phrase(related['relation'].value_counts(), PAIR_RELATION_WORDS)}")
    elif related.empty:
        sentence = (f"None of the {all_pairs:,} pairs of the {n_articles:,} articles shares enough "
                    "wording to count as a copy or a rewrite")
    else:
        kinds = _count_phrase(related["relation"].value_counts(), PAIR_RELATION_WORDS)
        sentence = (f"Of the {all_pairs:,} pairs of the {n_articles:,} articles, {len(related):,} "
                    f"{'is' if len(related) == 1 else 'are'} related: {kinds}")
    unsure = len(book.unsure_pairs)
    if unsure:
        sentence += (f"; {plural(unsure, 'pair')} {'is' if unsure == 1 else 'are'} left undetermined, "
                     "with too little evidence to state either way, and listed to check by hand")
    max_unrelated = f"{(unrelated.max().max() if len(unrelated) else 0.0) * 100:.1f}%"
    unrelated_sentence = (("Every pair is related" if all_pairs > 1 else "There is no other pair")
                          if unrelated.empty else
                          f"No unrelated pair shares more than {max_unrelated} of its word sequences")
    facts = {
        "n_articles": n_articles,
        "n_pairs": all_pairs,
        "n_related": len(related),
        "n_unsure_pairs": len(book.unsure_pairs),
        "related_sentence": sentence,
        **_pair_model_facts(),
        "n_families": families.loc[families["family"] != "", "family"].nunique(),
        "n_independent": int((families["role"] == "independent").sum()),
        "n_undetermined": int((related["likely_source"] == "").sum()),
        "ngram_size": reuse.DEFAULT_THRESHOLDS.ngram_size,
        # One rounding for every page, the same as the tables': a share is never shown two ways.
        "max_unrelated": max_unrelated,
        "unrelated_sentence": unrelated_sentence,
        "n_sentences": len(best),
        "n_unmatched_sentences": int((best["relation"] == "none").sum()),
        "n_blocks": len(book.blocks),
        "block_min": reuse.DEFAULT_THRESHOLDS.unmatched_min_sentences,
    }
    return _with_phrases(facts, {"n_sentences": ("body sentence", "body sentences"),
                                 "n_blocks": ("run", "runs")})


def _pair_model_facts() -> dict[str, object]:
    """What the reuse chapters say of the fitted pair model: the events and pairs it was
    fitted on, its claim floor, and the false links it made and the links it stated right
    on events left out of its fit."""
    fit = pair_model.fit_summary()
    linked, unrelated = fit.false_links
    right, stated = fit.links_right
    return {"pair_model_events": fit.events, "pair_model_pairs": f"{fit.pairs:,}",
            "claim_floor": f"{fit.claim_min_probability:.0%}",
            "cv_false_links": f"{linked} of {unrelated:,}, {linked / unrelated:.1%}",
            "cv_links_right": f"{right / stated:.0%} ({right} of {stated:,})"}


def _relation_totals(book: BookAnalysis) -> tuple[pd.DataFrame, dict, str]:
    """Body sentences by their strongest relation to another article, over the corpus."""
    best = reuse_plots.strongest_relation(book.alignments)
    counts = best["relation"].value_counts().reindex(list(reuse.SENTENCE_RELATIONS), fill_value=0)
    table = pd.DataFrame({"relation": counts.index, "sentences": counts.to_numpy(),
                          "share": [f"{n / max(len(best), 1):.1%}" for n in counts.to_numpy()]})
    return table, {"share": "Share of all sentences"}, "the sentences of all articles by their strongest relation"


def containment_figure(book: BookAnalysis) -> Figure | Note:
    """Share of each article's word sequences found in each other article (heatmap)."""
    if book.related.empty:
        return Note("No pair is related, so there is no shared wording to draw; the table below "
                    "gives each pair's shares.")
    return _figure(book, lambda: reuse_plots.containment_heatmap(book.pairs, book.labels),
                   "a matrix of every pair of articles", "the table below lists the related pairs, most contained first")


def sentence_relations_figure(book: BookAnalysis) -> Figure | ReaderTable | Note:
    """Body sentences of each article by strongest relation and by the article matched."""
    if (book.alignments["relation"] == "none").all():
        return Note("No sentence has a counterpart in another article.")
    return _figure(book, lambda: reuse_plots.sentence_relation_bars(book.alignments, book.labels),
                   "a bar per article", lambda: _relation_totals(book))


PAIR_HEADERS = {"article_a": "Text A", "article_b": "Text B",
                "containment_a_in_b": "A's word sequences found in B",
                "containment_b_in_a": "B's word sequences found in A",
                "in_order_share": "Aligned sentences in order", "likely_source": "Likely source"}
PAIR_SHOWN = ["article_a", "article_b", "containment_a_in_b", "containment_b_in_a", "in_order_share",
              "relation", "likely_source"]


def pairs_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every pair with its containment, relation and likely source when the list is
    short; else the related pairs only, most contained first."""
    pairs = book.pairs
    if len(pairs) > MAX_ROWS:
        pairs = book.related.assign(
            most=book.related[["containment_a_in_b", "containment_b_in_a"]].max(axis=1)
        ).sort_values(["most", "article_a", "article_b"], ascending=[False, True, True], kind="mergesort")
    pairs = _relation_words(pairs, "relation").assign(
        likely_source=[source_name(s, book.labels) for s in pairs["likely_source"]])
    return _table(pairs, "pairs.csv", "No pair of articles is related, so there is nothing to list.",
                  headers=PAIR_HEADERS, columns=PAIR_SHOWN,
                  percent=["containment_a_in_b", "containment_b_in_a", "in_order_share"],
                  names=book.labels)


#: A family role as readers read it (the table keeps the code, the page shows words).
FAMILY_ROLE_NAMES = {"common_source": "reprint of an outside source",
                     "undetermined": "direction undetermined"}


def families_view(book: BookAnalysis) -> ReaderTable | Note:
    """Each article's copy family and role (source, derived, common_source, undetermined,
    independent);
    in a long list, only the articles in a family."""
    families = book.families
    if (families["family"] == "").all():
        return Note("No article belongs to a copy family: every article is independent.")
    if len(families) > MAX_ROWS:
        families = families[families["family"] != ""]
    families = families.assign(role=families["role"].map(FAMILY_ROLE_NAMES).fillna(families["role"]))
    return _table(families, "pairs.csv", "",
                  headers={"article": "Text", "family_size": "Texts in family"}, names=book.labels)


def blocks_view(book: BookAnalysis) -> ReaderTable | Note:
    """Runs of consecutive sentences that match nothing in the corpus."""
    return _table(book.blocks, "unmatched_blocks.csv",
                  "No run of unmatched sentences is long enough to list.",
                  headers={"article": "Text", "first_sentence_index": "From sentence",
                           "last_sentence_index": "To sentence", "length": "Sentences",
                           "share_of_article": "Share of the text", "first_sentence": "Its first sentence"},
                  sentence_numbers=["first_sentence_index", "last_sentence_index"],
                  percent=["share_of_article"], decimals={"share_of_article": 0}, names=book.labels)


# ---------------------------------------------------------------------------
# What the copies changed

#: How each edit class reads in a sentence, singular and plural (a count goes before it).
EDIT_CLASS_WORDS = {
    "time_reference": ("changes a time reference", "change a time reference"),
    "framing": ("changes a framing word", "change a framing word"),
    "synonym": ("swaps a synonym", "swap a synonym"),
    "dropped_qualifier": ("drops a qualifier", "drop a qualifier"),
    "wording": ("changes other wording", "change other wording"),
}


def _viewed_pairs(book: BookAnalysis) -> list[tuple[str, str]]:
    """(source, copy) of the reading views: each copy read against its likely source
    (:func:`~newscompare.analysis.edits.directed_pairs`), the most contained first, at
    most :data:`MAX_READING_VIEWS`."""
    contained = {}
    for row in book.related.itertuples():
        contained[(row.article_a, row.article_b)] = row.containment_b_in_a
        contained[(row.article_b, row.article_a)] = row.containment_a_in_b
    ranked = sorted(edits.directed_pairs(book.pairs), key=lambda pair: (-contained[pair], pair))
    return ranked[:MAX_READING_VIEWS]


def edits_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the edits chapter glues, with ``edit_classes_sentence`` (the wording edits
    by class, in words) and ``views_sentence`` (which pairs the reading views show)."""
    changes = book.edits
    class_counts = changes["edit_class"].value_counts()
    directed = edits.directed_pairs(book.pairs)
    viewed = _viewed_pairs(book)
    sentences = book.omissions[book.omissions["level"] == "sentence"]
    names = [f"{book.labels[s]} → {book.labels[c]}" for s, c in viewed]
    if not viewed:
        views = "There is no copy pair, so there is no reading view"
    else:
        views = (("The view below shows " if len(viewed) == 1 else f"The {len(viewed)} views below show ")
                 + join_words(names))
        if len(directed) > len(viewed):
            others = len(directed) - len(viewed)
            views += (f"; the other {plural(others, 'copy pair')} {'is' if others == 1 else 'are'} "
                      "not shown side by side (their edits are in edits.csv)")
    classes = _count_phrase(class_counts, EDIT_CLASS_WORDS)
    omitted, added = int((sentences["kind"] == "omitted").sum()), int((sentences["kind"] == "added").sum())
    typographic = int(class_counts.get("typographic", 0))
    if not directed:
        finding = "No article copies another, so there is no edit to read"
    else:
        finding = (("Across the one copy pair" if len(directed) == 1 else f"Across the {len(directed):,} copy pairs")
                   + " (each copy read against its one "
                   f"likely source) there {'is' if len(changes) == 1 else 'are'} "
                   f"{plural(len(changes), 'word-level edit')}, {typographic:,} of them typography only "
                   f"(quote marks, hyphens). Of the rest, {classes or 'there are none'}. The copies leave "
                   f"out {plural(omitted, 'whole sentence')} of their sources and add {added:,}")
    return {
        "finding_sentence": finding,
        "n_directed": len(directed),
        "n_edits": len(changes),
        "n_typographic": typographic,
        "n_substantive": int((changes["edit_class"] != "typographic").sum()),
        "edit_classes_sentence": classes or "there are none",
        "n_omitted_sentences": omitted,
        "n_added_sentences": added,
        "views_sentence": views,
        "view_names": names,
    }


def edit_classes_figure(book: BookAnalysis) -> Figure | Note:
    """Word-level edits per class and copy pair."""
    if book.edits.empty:
        return Note("No copy pair, so no word-level edit to count.")
    if len(edits.directed_pairs(book.pairs)) > MAX_FIGURE_ARTICLES:
        return Note("There are too many copy pairs for a bar each; the table below counts the edits.")
    figure = reuse_plots.edit_class_bars(book.edits, book.labels)
    plt.close(figure)
    return figure


def reading_views(book: BookAnalysis):
    """Side-by-side reading views of :func:`_viewed_pairs`, one after the other, as an
    ``IPython.display.HTML`` object (all article text escaped)."""
    from IPython.display import HTML

    viewed = _viewed_pairs(book)
    if not viewed:
        return Note("No article copies another, so there is nothing to read side by side.")
    related = {frozenset((r.article_a, r.article_b)): r for r in book.related.itertuples()}
    views = []
    for source, copy in viewed:
        pair = related[frozenset((source, copy))]
        kind = PAIR_RELATION_WORDS[pair.relation][0]
        # A title per view, so that one view is not read as the continuation of the last;
        # an arrow no cue decided is said to be a reading order, not a finding.
        title = f"{kind.capitalize()}: {book.labels[source]} → {book.labels[copy]}"
        if pair.likely_source == reuse.COMMON_SOURCE:
            title += " (both from a common source outside the collection: compared as siblings)"
        elif not pair.likely_source:
            title += " (which came first is undetermined: read in this order only)"
        views.append(f'<p class="nc-view-title"><strong>{html.escape(title)}</strong></p>\n'
                     + reading_view_html(book.corpus.sentences, book.alignments, source, copy, book.labels))
    return HTML("\n".join(views))


def wording_edits_view(book: BookAnalysis) -> ReaderTable | Note:
    """The edits that change words (not typography only), by pair and class."""
    substantive = book.edits[book.edits["edit_class"] != "typographic"]
    return _table(substantive, "edits.csv", "No copy changes a word of its source.",
                  headers={"source_article": "Source", "copy_article": "Copy", "edit_class": "Class",
                           "source_text": "Source's words", "copy_text": "Copy's words"},
                  columns=["source_article", "copy_article", "operation", "edit_class", "source_text",
                           "copy_text"], names=book.labels)


def omissions_view(book: BookAnalysis) -> ReaderTable | Note:
    """Sentences and phrases each copy left out of its source or added."""
    return _table(book.omissions, "edits.csv", "No copy leaves out or adds a sentence or a phrase.",
                  headers={"source_article": "Source", "copy_article": "Copy", "level": "What",
                           "sentence_index": "Sentence"},
                  columns=["source_article", "copy_article", "kind", "level", "sentence_index", "text"],
                  sentence_numbers=["sentence_index"], names=book.labels)


# ---------------------------------------------------------------------------
# Voices: entities, sources, quotations


def voices_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the voices chapter glues: entities, source mentions, quotations and how
    faithfully shared quotations are copied."""
    entity_rows, quote_rows, fidelity = book.entities, book.quotes, book.fidelity
    by_kind = sources.sources_by_kind(book.sources, book.corpus.ids)
    per_article = quote_rows.groupby("article").size().reindex(book.corpus.ids, fill_value=0)
    kinds = fidelity["fidelity"].value_counts()
    return _with_phrases({
        "n_entities": entity_rows["canonical"].nunique(),
        "n_mentions": len(entity_rows),
        "n_entities_shared": len(entities.entity_article_matrix(entity_rows, min_articles=2)),
        "n_sources": len(book.sources),
        "n_agency": int(by_kind["agency"].sum()),
        "n_anonymous": int(by_kind["anonymous"].sum()),
        "n_unattributed_claims": int(by_kind["unattributed"].sum()),
        "n_quotes": quotes.count_distinct_quotations(quote_rows, fidelity),
        "n_quote_appearances": len(quote_rows),
        "n_full": int((quote_rows["kind"] == "full").sum()),
        "n_partial": int((quote_rows["kind"] == "partial").sum()),
        "n_quote_articles": int((per_article > 0).sum()),
        "n_no_quote_articles": int((per_article == 0).sum()),
        "n_no_speaker": int((quote_rows["speaker"] == "").sum()),
        "n_exact": int(kinds.get("exact", 0)),
        "n_punctuation": int(kinds.get("punctuation-only", 0)),
        "n_reworded": int(kinds.get("reworded", 0)),
        "n_indirect": int(kinds.get("indirect", 0)),
    }, {"n_entities": ("distinct entity", "distinct entities"), "n_mentions": ("mention", "mentions"),
        "n_sources": ("source mention", "source mentions"),
        "n_quotes": ("quotation", "quotations"), "n_quote_appearances": ("time", "times"),
        "n_quote_articles": ("article", "articles")})


def _entity_totals(matrix: pd.DataFrame) -> tuple[pd.DataFrame, dict, str]:
    """The entities named in most articles, with their articles and mentions."""
    table = pd.DataFrame({"entity": matrix.index, "articles": (matrix > 0).sum(axis=1).to_numpy(),
                          "mentions": matrix.sum(axis=1).to_numpy()}).head(MAX_ROWS)
    return table, {}, f"the {len(table)} entities named in most articles"


def _source_kind_totals(book: BookAnalysis) -> tuple[pd.DataFrame, dict, str]:
    """Source mentions by kind over the corpus, with the articles citing each kind."""
    table = (book.sources.groupby("kind").agg(mentions=("source", "size"), articles=("article", "nunique"))
             .reset_index().sort_values(["mentions", "kind"], ascending=[False, True]))
    return table.assign(kind=table["kind"].str.replace("_", " ")), {}, "source mentions by kind"


def entities_figure(book: BookAnalysis) -> Figure | ReaderTable | Note:
    """Mentions of each entity named in at least two articles, per article."""
    matrix = entities.entity_article_matrix(book.entities, min_articles=2)
    if matrix.empty:
        return Note("No entity is named in more than one article.")
    # One row per entity: the most widely named first, as many as a figure can label.
    return _figure(book, lambda: voices_plots.entity_heatmap(matrix.head(3 * MAX_FIGURE_ARTICLES), book.labels),
                   "a column per article", lambda: _entity_totals(matrix))


def sources_figure(book: BookAnalysis) -> Figure | ReaderTable | Note:
    """Source mentions per article, by kind of source."""
    return _figure(book, lambda: voices_plots.sources_bar_chart(
        sources.sources_by_kind(book.sources, book.corpus.ids), book.labels), "a bar per article",
        lambda: _source_kind_totals(book))


def sources_view(book: BookAnalysis) -> ReaderTable | Note:
    """Each article's sources, their kind, reporting verbs and number of mentions."""
    return _table(sources.sources_summary(book.sources), "sources.csv", "No article cites a source.",
                  headers={"article": "Text", "verbs": "Reporting verbs"}, names=book.labels)


QUOTE_HEADERS = {"article": "Text", "sentence_index": "Sentence", "quote": "Quotation", "verb": "Reporting verb"}


def quotations_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every direct quotation with its speaker, reporting verb and kind."""
    return _table(book.quotes, "quotes.csv", "No article quotes anyone directly.",
                  headers=QUOTE_HEADERS,
                  columns=["article", "sentence_index", "quote", "speaker", "verb", "kind"],
                  sentence_numbers=["sentence_index"], names=book.labels)


def fidelity_view(book: BookAnalysis) -> ReaderTable | Note:
    """How each quotation reappears in the other articles (exact, punctuation-only,
    reworded, indirect)."""
    return _table(book.fidelity, "quotes.csv", "No quotation reappears in another article.",
                  headers={"article": "Text", "quote": "Quotation", "other_article": "Found in",
                           "other_text": "As it appears there"},
                  columns=["article", "quote", "speaker", "other_article", "fidelity", "similarity", "other_text"],
                  decimals={"similarity": 2}, names=book.labels)


# ---------------------------------------------------------------------------
# Framing


def _category(name: str) -> str:
    return name.replace("_", " ")


def framing_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the framing chapter glues: the lexicon's size and categories, the hits,
    the copies compared and the changes found in them."""
    frames, changes, lexicon = book.frames, book.frame_changes, book.lexicon
    distinct = frames[["category", "term"]].drop_duplicates().shape[0]
    quoted = int(frames["in_quotation"].sum())
    if frames.empty:
        found = "No article uses a term of the lexicon"
    else:
        found = (f"The texts use {distinct:,} of the terms, {len(frames):,} times in all, in "
                 f"{plural(frames['article'].nunique(), 'article')}; {quoted:,} of the hits "
                 f"{'is' if quoted == 1 else 'are'} inside quotation marks")
    copies, changed_sentences = len(book.copy_sources), changes[["article", "sentence_index"]].drop_duplicates().shape[0]
    replaced = int((changes["change"] == "replaced").sum())
    if not copies:
        compared = "No copy has a decided likely source, so no framing word is compared with a source"
    elif changes.empty:
        compared = (f"The {plural(copies, 'copy', 'copies')} whose source is decided keep the lexicon "
                    "terms of every sentence they take from it")
    else:
        compared = (f"For the {plural(copies, 'copy', 'copies')} whose source is decided: "
                    f"{plural(len(changes), 'category change')} in {plural(changed_sentences, 'copied sentence')}, "
                    f"of which {replaced:,} {'replaces' if replaced == 1 else 'replace'} one term by another")
    return _with_phrases({
        "found_sentence": found,
        "compared_sentence": compared,
        "n_terms_lexicon": sum(len(t) for t in lexicon.terms.values()),
        "n_categories": len(lexicon.categories),
        "categories": join_words(f'"{_category(c)}"' for c in lexicon.categories),
        "n_hits": len(frames),
        "n_distinct": distinct,
        "n_quoted": quoted,
        "n_hit_articles": frames["article"].nunique(),
        "n_copies": copies,
        "n_changes": len(changes),
        "n_changed_sentences": changed_sentences,
        "n_replaced": replaced,
    }, {"n_terms_lexicon": ("term", "terms"), "n_categories": ("category", "categories")})


def frames_figure(book: BookAnalysis) -> Figure | Note:
    """Lexicon terms found in each article (a dot per term and article)."""
    if book.frames.empty:
        return Note("No term of the lexicon occurs in any article.")
    return _figure(book, lambda: figures.frames_figure(book.frames, book.corpus.articles, book.lexicon),
                   "a column per article", "the table below counts the hits per article and category")


def category_view(book: BookAnalysis, category_names: dict[str, str] | None = None) -> ReaderTable | Note:
    """Hits per article and lexicon category (inside and outside quotation marks);
    ``category_names`` gives a story's own headers for the categories."""
    counts = framing.frame_counts(book.frames, book.corpus.ids, book.lexicon.categories)
    table = counts.pivot(index="article", columns="category", values="hits")[book.lexicon.categories]
    names = {c: _category(c).capitalize() for c in book.lexicon.categories} | (category_names or {})
    return _table(table.reset_index(), "framing.csv", "No article.", headers={"article": "Text", **names},
                  names=book.labels)


def frame_changes_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every lexicon category whose terms differ between a copied sentence and its source."""
    if not book.copy_sources:
        return NOTHING_TO_ADD  # the chapter's sentence says no copy has a decided source
    changes = book.frame_changes
    # The source is named beside each change: a copy is compared with its likely source only.
    named = changes.assign(category=changes["category"].map(_category),
                           source_article=changes["article"].map(book.copy_sources))
    return _table(named, "framing.csv",
                  "No copy changes a term of the lexicon in the sentences it takes from its source.",
                  headers={"article": "Copy", "sentence_index": "Copy sentence", "source_article": "Source",
                           "match_sentence_index": "Source sentence", "terms": "Copy's terms",
                           "match_terms": "Source's terms"},
                  columns=["article", "sentence_index", "source_article", "match_sentence_index", "category",
                           "match_terms", "terms", "change"],
                  sentence_numbers=["sentence_index", "match_sentence_index"], names=book.labels)


# ---------------------------------------------------------------------------
# Claims and timeline (only with a story's catalogues)



def claims_timeline_facts(book: BookAnalysis) -> dict[str, object]:
    """Values of the claims and timeline chapter, for a book with a claims catalogue, an
    events file, or both; ``claims_sentence`` and ``events_sentence`` say in words what
    was checked (or that nothing was, for want of a catalogue)."""
    found, n_articles = book.claim_table, len(book.corpus.ids)
    per_claim = found.groupby("claim_id")["present"].sum()
    n_claims = 0 if book.claims is None else len(book.claims)
    in_all, in_one = int((per_claim == n_articles).sum()), int((per_claim == 1).sum())
    if book.claims is None:
        claims_sentence = f"No claims catalogue was given ({CLAIMS_FILE.as_posix()}), so no claim is checked"
    else:
        claims_sentence = (f"Of the {plural(n_claims, 'claim')} of the catalogue, "
                           f"{in_all} {'is' if in_all == 1 else 'are'} made by every article and "
                           f"{in_one} by a single one. The figure shows which article makes which "
                           "claim; the tables below say what each claim says and, for the claims "
                           "with detail variants, which variant each article gives")
    windows = book.windows
    if book.events is None:
        events_sentence = f"No events file was given ({EVENTS_FILE.as_posix()}), so no event is placed"
    else:
        possible = int((book.known["could_have_known"] == timeline.POSSIBLY).sum())
        events_sentence = (f"The {plural(len(book.events), 'event')} of the events file "
                           f"{'is' if len(book.events) == 1 else 'are'} set against "
                           f"each article's publication window; {plural(possible, 'article x event pair')} "
                           f"{'is' if possible == 1 else 'are'} knowable only if the article was published "
                           "late in its window. The last table says for each event whether each article "
                           "could have reported it (\"yes\" if it happened by the article's earliest possible "
                           "day, \"no\" if after its latest)")
    return _with_phrases({
        "n_claims": n_claims,
        "claims_sentence": claims_sentence,
        "n_claims_in_all": in_all,
        "n_claims_in_one": in_one,
        "n_with_detail": int(found.loc[found["detail"] != "", "claim_id"].nunique()),
        "n_events": 0 if book.events is None else len(book.events),
        "events_sentence": events_sentence,
        "n_exact_dates": int(windows["exact"].sum()),
        "n_date_windows": int((~windows["exact"]).sum()),
    }, {"n_exact_dates": ("single day", "single days"), "n_date_windows": ("window", "windows")})


def _claim_totals(book: BookAnalysis) -> tuple[pd.DataFrame, dict, str]:
    """Each claim of the catalogue with the number of articles that make it."""
    present = book.claim_table.groupby("claim_id")["present"].sum()
    table = pd.DataFrame([(c.id, c.statement, int(present.get(c.id, 0))) for c in book.claims or []],
                         columns=["claim_id", "statement", "articles"])
    return table, {"claim_id": "Claim", "articles": "Articles making it"}, "the number of articles making each claim"


def claims_figure(book: BookAnalysis, comparison: pd.DataFrame | None = None) -> Figure | ReaderTable | Note:
    """Claims (rows) detected in each article (columns); ``comparison`` marks the
    detections a hand annotation rejects or misses."""
    if book.claims is None:
        return NOTHING_TO_ADD
    return _figure(book, lambda: figures.claims_figure(book.claim_table, book.corpus.articles, book.claims,
                                                       comparison), "a column per article",
                   lambda: _claim_totals(book))


def claims_view(book: BookAnalysis) -> ReaderTable | Note:
    """The catalogue: each claim's id and statement."""
    if book.claims is None:
        return NOTHING_TO_ADD
    catalogue = book.claims
    table = pd.DataFrame([(c.id, c.statement) for c in catalogue], columns=["claim_id", "statement"])
    return _table(table, CLAIMS_FILE.as_posix(), "No claims catalogue was given.",
                  headers={"claim_id": "Claim", "statement": "Statement"})


def claim_details_view(book: BookAnalysis) -> ReaderTable | Note:
    """For claims with detail variants: which variant each article gives."""
    found = book.claim_table
    details = found[found["detail"] != ""]
    if book.claims is None:
        return NOTHING_TO_ADD
    if details.empty:
        has_variants = any(claim.details for claim in book.claims)
        return Note("No article gives a detail variant of a claim of the catalogue." if has_variants
                    else "The catalogue defines no detail variants.")
    statements = {c.id: c.statement for c in book.claims or []}
    table = (details.pivot(index="claim_id", columns="article", values="detail").fillna("")
             .rename(columns=book.labels, index=statements))
    return _table(table, "claims.csv", "", headers={"claim_id": "Claim", **_outlet_headers(book)})


def windows_view(book: BookAnalysis) -> ReaderTable | Note:
    """Each article's publication window, narrowed where its source appeared later."""
    windows = book.windows
    return _table(windows.assign(start_raised_by_source=windows["start_raised_by_source"].map(book.labels).fillna("")),
                  "articles.csv", "No article.",
                  headers={"article": "Text", "published_start": "Earliest day", "published_end": "Latest day",
                           "window_days": "Days", "exact": "Single day", "published_confidence": "Date confidence",
                           "start_raised_by_source": "Earliest day set by its source"},
                  columns=["article", "published_start", "published_end", "window_days", "exact",
                           "published_confidence", "start_raised_by_source"],
                  names=book.labels)


def timeline_figure(book: BookAnalysis) -> Figure | Note:
    """Publication windows of the articles among the numbered events."""
    if book.events is None:
        return NOTHING_TO_ADD
    return _figure(book, lambda: figures.timeline_figure(book.corpus, book.events, book.stated_sources),
                   "a row per article", "the table above gives each article's window, the table below each event")


def known_view(book: BookAnalysis) -> ReaderTable | Note:
    """Event (rows) x article (columns): could the article have reported the event?"""
    if book.events is None:
        return NOTHING_TO_ADD
    table = book.known.pivot(index=["event_date", "event"], columns="article", values="could_have_known")
    if table.shape[1] > MAX_FIGURE_ARTICLES:
        return Note(f"With {table.shape[1]} articles, a column per article would be unreadable; "
                    "the full table is events_known.csv, written by "
                    f"{ANALYZE_COMMAND} --events.")
    return _table(table.rename(columns=book.labels), "events_known.csv", "",
                  headers={"event_date": "Date", "event": "Event", **_outlet_headers(book)})


# ---------------------------------------------------------------------------
# What to check by hand


def check_facts(book: BookAnalysis) -> dict[str, object]:
    """Counts of the cases the methods are least sure of, for the check-by-hand chapter."""
    return _with_phrases({
        "n_borderline": len(book.borderline),
        "n_unsure_pairs": len(book.unsure_pairs),
        "n_no_speaker": int((book.quotes["speaker"] == "").sum()),
        "n_undetermined": int((book.related["likely_source"] == "").sum()),
        "n_warnings": len(book.warnings_seen),
        "share_step": f"{reuse.BORDERLINE_SHARE_STEP:.0%}",
        "count_step": plural(reuse.BORDERLINE_COUNT_STEP, "sentence"),
    }, {"n_borderline": ("pair relation", "pair relations"),
        "n_unsure_pairs": ("pair", "pairs"),
        "n_no_speaker": ("quotation", "quotations"),
        "n_undetermined": ("related pair", "related pairs"),
        "n_warnings": ("article", "articles")})


def borderline_view(book: BookAnalysis) -> ReaderTable | Note:
    """:func:`~newscompare.analysis.reuse.borderline_pairs`: the pair relations a small
    change of the thresholds would change, with how much of each text is aligned."""
    table = _relation_words(book.borderline, "relation", "if_looser", "if_stricter")
    table = table.assign(
        evidence_a=[f"{a} of {n}" for a, n in zip(table["aligned_a"], table["sentences_a"], strict=True)],
        evidence_b=[f"{a} of {n}" for a, n in zip(table["aligned_b"], table["sentences_b"], strict=True)],
    )
    return _table(table, "pairs.csv", "No pair changes its relation when the thresholds move by one step.",
                  headers={"article_a": "Text A", "article_b": "Text B", "if_looser": "With looser thresholds",
                           "if_stricter": "With stricter thresholds", "evidence_a": "A's sentences aligned",
                           "evidence_b": "B's sentences aligned"},
                  columns=["article_a", "article_b", "relation", "if_looser", "if_stricter", "evidence_a",
                           "evidence_b"], names=book.labels)


def unsure_pairs_view(book: BookAnalysis) -> ReaderTable | Note:
    """Pairs the fitted pair model leaves undetermined, with the counts' relation, the
    model's probability and how much each text shares with the other."""
    return _table(_relation_words(book.unsure_pairs, "relation_by_counts"), "pairs.csv",
                  "The pair model states every pair related or unrelated: none is left undetermined.",
                  headers={**PAIR_HEADERS, "relation_by_counts": "By sentence counts",
                           "related_probability": "Probability of a relation"},
                  columns=["article_a", "article_b", "relation_by_counts", "related_probability",
                           "containment_a_in_b", "containment_b_in_a"],
                  percent=["related_probability", "containment_a_in_b", "containment_b_in_a"], names=book.labels)


def no_speaker_view(book: BookAnalysis) -> ReaderTable | Note:
    """Quotations for which no speaker was found."""
    return _table(book.quotes[book.quotes["speaker"] == ""], "quotes.csv",
                  "Every quotation has a speaker.",
                  headers=QUOTE_HEADERS,
                  columns=["article", "sentence_index", "quote", "verb", "kind"],
                  sentence_numbers=["sentence_index"], names=book.labels)


def undetermined_view(book: BookAnalysis) -> ReaderTable | Note:
    """Related pairs whose direction of copying no cue decides, with the evidence."""
    undecided = _relation_words(book.related[book.related["likely_source"] == ""], "relation")
    return _table(undecided, "pairs.csv", "Every related pair has a likely source.",
                  headers={**PAIR_HEADERS, "evidence": "Cues"},
                  columns=["article_a", "article_b", "relation", "containment_a_in_b", "containment_b_in_a",
                           "evidence"],
                  percent=["containment_a_in_b", "containment_b_in_a"], names=book.labels)


def warnings_view(book: BookAnalysis) -> ReaderTable | Note:
    """Articles the English model reads badly, with the reason."""
    return _table(pd.DataFrame({"warning": book.warnings_seen}), "the log of the analysis",
                  "Every article reads as English text; the model reported no article.",
                  headers={"warning": "File and reason"})
