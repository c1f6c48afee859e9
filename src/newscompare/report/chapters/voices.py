"""Chapter 4, who gets to speak: entities, sources and quotations (``04_voices.ipynb``)."""

from __future__ import annotations

import pandas as pd

from newscompare.analysis import entities, quotes, sources
from newscompare.report import voices_plots
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import NOTHING_TO_ADD, QUOTE_HEADERS, in_words, table_or_note, with_phrases
from newscompare.report.plotting import MAX_ARTICLE_COLUMNS
from newscompare.report.presentation import InlineFigure, Note, ReaderTable, plural


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
        # The sentences that introduce the figures say what they draw for this corpus.
        "entities_lead": _entities_lead(book),
        "sources_lead": _sources_lead(book),
    }, {"n_entities": ("distinct entity", "distinct entities"), "n_mentions": ("mention", "mentions"),
        "n_sources": ("source mention", "source mentions"),
        "n_quotes": ("quotation", "quotations"), "n_quote_appearances": ("time", "times"),
        "n_quote_articles": ("article", "articles")})


#: Entities drawn as rows when the articles are the columns: the most widely named, three
#: dozen at 0.26 inch a row, a figure about one screen tall; all are in the entities table.
MAX_ENTITY_ROWS = 36
#: Entities drawn as columns when the articles are the rows (past MAX_ARTICLE_COLUMNS
#: articles): the most widely named, as many as columns fit the text column.
MAX_ENTITY_COLUMNS = MAX_ARTICLE_COLUMNS


def _shared_entities(book: BookAnalysis) -> tuple[pd.DataFrame, bool]:
    """(the entities named in at least two articles, most widely named first, cut to
    what the figure draws; whether the articles are its rows)."""
    matrix = entities.entity_article_matrix(book.entities, min_articles=2)
    articles_as_rows = len(book.corpus.ids) > MAX_ARTICLE_COLUMNS
    return matrix.head(MAX_ENTITY_COLUMNS if articles_as_rows else MAX_ENTITY_ROWS), articles_as_rows


def _entities_lead(book: BookAnalysis) -> str:
    shown, articles_as_rows = _shared_entities(book)
    shared = len(entities.entity_article_matrix(book.entities, min_articles=2))
    if shown.empty:
        return "No entity is named in more than one article, so there is nothing to draw."
    which = "those" if len(shown) == shared else f"the {len(shown):,} named in the most articles"
    if articles_as_rows:
        return f"Mentions of {which}, a row per article that names one (darker is more):"
    return f"Mentions of {which}, per article (darker is more):"


def entities_figure(book: BookAnalysis) -> InlineFigure | Note:
    """Mentions of each entity named in at least two articles, per article: entities as
    rows and articles as columns, or, past :data:`MAX_ARTICLE_COLUMNS` articles, the
    reverse (see ``entities_lead`` of :func:`voices_facts`)."""
    shown, articles_as_rows = _shared_entities(book)
    if shown.empty:
        return NOTHING_TO_ADD
    most = shown.index[0]
    alt = (f"Heatmap of mentions of {plural(len(shown), 'entity', 'entities')} named in at least two articles "
           f"({'rows: articles, columns: entities' if articles_as_rows else 'rows: entities, columns: articles'}); "
           f"the most widely named, {most}, appears in {int((shown.loc[most] > 0).sum()):,} articles.")
    return InlineFigure(voices_plots.entity_heatmap(shown, book.labels, articles_as_rows, book.family_order), alt)


def _sources_lead(book: BookAnalysis) -> str:
    if book.sources.empty:
        return "No article cites a source, so there is nothing to draw."
    return ("The bars split each article's source mentions by kind of source, a row per article, those "
            "citing the most first:")


def sources_figure(book: BookAnalysis) -> InlineFigure | Note:
    """Source mentions per article, by kind of source, a row per article, the most
    citing first (see ``sources_lead`` of :func:`voices_facts`)."""
    if book.sources.empty:
        return NOTHING_TO_ADD
    by_kind = sources.sources_by_kind(book.sources, book.corpus.ids)
    order = sorted(by_kind.index, key=lambda a: (-int(by_kind.loc[a].sum()), book.labels[a], a))
    by_kind = by_kind.loc[order]
    top = by_kind.sum().sort_values(ascending=False, kind="mergesort")
    alt = (f"Stacked horizontal bars, one per article ({len(by_kind):,}), splitting its source mentions by kind; "
           f"{book.labels[order[0]]} cites the most ({int(by_kind.loc[order[0]].sum()):,}), and the most frequent "
           f"kind over all articles is {str(top.index[0]).replace('_', ' ')} ({int(top.iloc[0]):,}).")
    return InlineFigure(voices_plots.sources_bar_chart(by_kind, book.labels), alt)


def sources_view(book: BookAnalysis) -> ReaderTable | Note:
    """Each article's sources, their kind, reporting verbs and number of mentions."""
    return table_or_note(in_words(sources.sources_summary(book.sources), "kind"), "sources.csv",
                         "No article cites a source.",
                         headers={"article": "Text", "verbs": "Reporting verbs"}, names=book.labels)


def quotations_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every direct quotation with its speaker, reporting verb and kind; a quotation
    broken off by its attribution is shown without the comma that ran on into it ("... in
    this exceptional situation," the bank said)."""
    quotes = in_words(book.quotes, "kind")
    # A quotation with no speaker says so: on a phone an empty cell drops out of its card,
    # and the reader cannot tell "no speaker found" from a missing line.
    speakers = quotes["speaker"].fillna("").astype(str)
    quotes = quotes.assign(quote=quotes["quote"].astype(str).str.rstrip(" ,"),
                           speaker=speakers.where(speakers != "", "none found: check by hand"))
    return table_or_note(quotes, "quotes.csv", "No article quotes anyone directly.",
                         headers=QUOTE_HEADERS,
                         columns=["article", "sentence_index", "quote", "speaker", "verb", "kind"],
                         sentence_numbers=["sentence_index"], names=book.labels)


def fidelity_view(book: BookAnalysis) -> ReaderTable | Note:
    """How each quotation reappears in the other articles (exact, punctuation-only,
    reworded, indirect)."""
    return table_or_note(book.fidelity, "quotes.csv", "No quotation reappears in another article.",
                         headers={"article": "Text", "quote": "Quotation", "other_article": "Found in",
                           "other_text": "As it appears there"},
                         # Five columns fit the text column at 1280 px with words unbroken; the
                         # speaker is in the quotations table and the similarity in quotes.csv.
                         columns=["article", "quote", "other_article", "fidelity", "other_text"],
                         names=book.labels)
