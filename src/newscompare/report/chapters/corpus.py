"""Chapter 1, the articles and their cleaning (``01_corpus.ipynb`` of a generated book)."""

from __future__ import annotations

import pandas as pd

from newscompare.report import overview, publication_plot
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import in_words, table_or_note, with_phrases
from newscompare.report.presentation import InlineFigure, Note, ReaderTable, ReferenceList, day_words

#: Articles up to which the timeline of publication is drawn, one row each: past about two
#: hundred rows (some 50 inches) the figure is scrolled through rather than read.
MAX_TIMELINE_ARTICLES = 200


def corpus_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the corpus chapter glues: counts of articles, outlets, removed lines and
    words, the longest and shortest article, the publication days covered (``first_day``
    and ``last_day``, the earliest and latest possible days, and
    ``published_range_phrase``, which a window does not stretch)."""
    articles = book.corpus.articles
    removed = overview.removed_lines(book.corpus)
    roles = overview.role_counts(book.corpus)
    longest = articles.loc[articles["words"].idxmax()]
    shortest = articles.loc[articles["words"].idxmin()]
    return with_phrases({
        "n_articles": len(articles),
        "n_outlets": articles["outlet"].nunique(),
        "first_day": str(articles["published_start"].min()),
        "last_day": str(articles["published_end"].max()),
        "published_range_phrase": _published_range_phrase(articles),
        "n_exact_dates": int((articles["published_start"] == articles["published_end"]).sum()),
        "n_window_dates": int((articles["published_start"] != articles["published_end"]).sum()),
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


def _published_range_phrase(articles: pd.DataFrame) -> str:
    """When the articles (``published_start``, ``published_end``) appeared, as a clause
    after "The corpus has 5 articles from 4 outlets, ...": the range of the exact days
    only, and how many dates are windows (a month, a range of days), which would
    otherwise stretch it ("published between 4 July 2024 and 8 July 2024, and 2 more
    dated only to a window of days")."""
    exact = articles[articles["published_start"] == articles["published_end"]]
    windows = len(articles) - len(exact)
    if exact.empty:
        return (f"none of them dated to a day: {'its date is a window' if windows == 1 else 'every date is a window'}"
                f" of possible days, from {day_words(articles['published_start'].min())} "
                f"to {day_words(articles['published_end'].max())}")
    first, last = exact["published_start"].min(), exact["published_start"].max()
    when = f"on {day_words(first)}" if first == last else f"between {day_words(first)} and {day_words(last)}"
    if not windows:
        return ("all published " if len(exact) > 1 and first == last else "published ") + when
    return (f"{len(exact):,} of them published {when}, and {windows:,} more dated only to a window of "
            "possible days")


def publication_figure(book: BookAnalysis) -> InlineFigure | Note:
    """When each article appeared, one row per article from the earliest: a dot for an
    exact day, a bar for a window (a month, a range of days); the figure grows with the
    articles, up to :data:`MAX_TIMELINE_ARTICLES`."""
    articles = book.corpus.articles
    if len(articles) > MAX_TIMELINE_ARTICLES:
        return Note(f"With {len(articles):,} articles, a row per article would make a figure too tall to read "
                    f"(it is drawn for up to {MAX_TIMELINE_ARTICLES}); every date is in the table above.")
    figure = publication_plot.plot_publication_timeline(articles, book.labels)
    return InlineFigure(figure, "Timeline of publication: one row per article, earliest first; a dot marks an "
                                "exact day, a bar a window of possible days.")


def provenance_view(book: BookAnalysis) -> ReaderTable | Note:
    """Where each article comes from: the manifest's provenance columns, those the
    package knows and every other column the researcher wrote (``note``, ``family``...);
    the address and the evidence are in :func:`evidence_view`."""
    table = overview.provenance_table(book.corpus)
    shown = [c for c in table.columns if c not in ("url", "evidence")]
    return table_or_note(table, "articles.csv", "The manifest lists no article.",
                         headers={"published_confidence": "Date confidence", "outlet_confidence": "Outlet confidence",
                           "wire_source": "Wire source (provenance notes)"},
                         columns=shown)


def evidence_view(book: BookAnalysis) -> ReaderTable | Note:
    """Where each text was found (its address, a link when it is a web address) and,
    when the manifest records it, the evidence behind its attribution."""
    table = overview.provenance_table(book.corpus)
    # The book's name of each text ("Devdiscourse (devdcentral)"): an outlet with several
    # texts is told apart as every other table tells it.
    table["outlet"] = table["id"].astype(str).map(book.labels).fillna(table["outlet"])
    shown = [c for c in ["outlet", "evidence", "url"] if c in table.columns]
    return table_or_note(table, "articles.csv", "The manifest lists no article.",
                         headers={"url": "Address"}, columns=shown, links=["url"])


def references_view(book: BookAnalysis) -> ReferenceList:
    """The sources, one numbered entry per article from the manifest: outlet, title,
    date, address (linked) and retrieval date when recorded, sorted by outlet and date."""
    references = overview.reference_list(book.corpus)
    references["outlet"] = references["id"].map(book.labels).fillna(references["outlet"])
    return ReferenceList(references)


def removed_lines_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every line the cleaner did not keep as body text, with the rule that decided."""
    return table_or_note(in_words(overview.removed_lines(book.corpus), "role"), "lines.csv",
                         "The cleaner removed no line: every non-blank line of every file is body text.",
                         headers={"article": "Outlet", "line_number": "Line", "text": "Line as written"},
                         integers=["line_number"], names=book.labels)


def role_view(book: BookAnalysis) -> ReaderTable | Note:
    """Non-blank lines per article and role (body, headline, site furniture...)."""
    return table_or_note(overview.role_counts(book.corpus).reset_index(), "lines.csv", "No article has a line.",
                         headers={"article": "Outlet", "chrome": "Site furniture", "promo": "Promotion"},
                         names=book.labels)


def length_view(book: BookAnalysis) -> ReaderTable | Note:
    """Per article: paragraphs, sentences, words, mean words per sentence, quotations."""
    counts = book.quotes.groupby("article").size()
    statistics = overview.article_statistics(book.corpus, counts)
    statistics["outlet"] = statistics["id"].map(book.labels)
    return table_or_note(statistics, "articles.csv", "No article.",
                         headers={"mean_sentence_words": "Words per sentence (mean)"},
                         columns=["outlet", "paragraphs", "sentences", "words", "mean_sentence_words",
                           "direct_quotations"],
                         decimals={"mean_sentence_words": 1})


def sentence_length_figure(book: BookAnalysis) -> InlineFigure:
    """Words per body sentence, one row of dots per article (drawn for any number of
    articles: the rows tighten past a dozen), as inline SVG like every figure of the book."""
    return InlineFigure(overview.plot_sentence_lengths(book.corpus),
                        "Dot plot with one row per article showing the number of words in each body sentence "
                        "and a bar at each article's mean sentence length.")
