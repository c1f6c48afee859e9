"""Chapter 4, who gets to speak: entities, sources and quotations (``04_voices.ipynb``)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from newscompare.analysis import entities, quotes, sources
from newscompare.report import voices_plots
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import (
    MAX_FIGURE_ARTICLES,
    MAX_ROWS,
    QUOTE_HEADERS,
    figure_or_instead,
    table_or_note,
    with_phrases,
)
from newscompare.report.presentation import Note, ReaderTable


def voices_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the voices chapter glues: entities, source mentions, quotations and how
    faithfully shared quotations are copied."""
    entity_rows, quote_rows, fidelity = book.entities, book.quotes, book.fidelity
    by_kind = sources.sources_by_kind(book.sources, book.corpus.ids)
    per_article = quote_rows.groupby("article").size().reindex(book.corpus.ids, fill_value=0)
    kinds = fidelity["fidelity"].value_counts()
    return with_phrases({
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
    return figure_or_instead(book, lambda: voices_plots.entity_heatmap(matrix.head(3 * MAX_FIGURE_ARTICLES), book.labels),
                             "a column per article", lambda: _entity_totals(matrix))


def sources_figure(book: BookAnalysis) -> Figure | ReaderTable | Note:
    """Source mentions per article, by kind of source."""
    return figure_or_instead(book, lambda: voices_plots.sources_bar_chart(
        sources.sources_by_kind(book.sources, book.corpus.ids), book.labels), "a bar per article",
        lambda: _source_kind_totals(book))


def sources_view(book: BookAnalysis) -> ReaderTable | Note:
    """Each article's sources, their kind, reporting verbs and number of mentions."""
    return table_or_note(sources.sources_summary(book.sources), "sources.csv", "No article cites a source.",
                         headers={"article": "Text", "verbs": "Reporting verbs"}, names=book.labels)


def quotations_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every direct quotation with its speaker, reporting verb and kind."""
    return table_or_note(book.quotes, "quotes.csv", "No article quotes anyone directly.",
                         headers=QUOTE_HEADERS,
                         columns=["article", "sentence_index", "quote", "speaker", "verb", "kind"],
                         sentence_numbers=["sentence_index"], names=book.labels)


def fidelity_view(book: BookAnalysis) -> ReaderTable | Note:
    """How each quotation reappears in the other articles (exact, punctuation-only,
    reworded, indirect)."""
    return table_or_note(book.fidelity, "quotes.csv", "No quotation reappears in another article.",
                         headers={"article": "Text", "quote": "Quotation", "other_article": "Found in",
                           "other_text": "As it appears there"},
                         columns=["article", "quote", "speaker", "other_article", "fidelity", "similarity", "other_text"],
                         decimals={"similarity": 2}, names=book.labels)
