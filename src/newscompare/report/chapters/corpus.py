"""Chapter 1, the articles and their cleaning (``01_corpus.ipynb`` of a generated book)."""

from __future__ import annotations

from matplotlib.figure import Figure

from newscompare.report import overview
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import figure_or_instead, table_or_note, with_phrases
from newscompare.report.presentation import Note, ReaderTable


def corpus_facts(book: BookAnalysis) -> dict[str, object]:
    """Values the corpus chapter glues: counts of articles, outlets, removed lines and
    words, the longest and shortest article, the publication days covered."""
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
    return table_or_note(table, "articles.csv", "The manifest lists no article.",
                         headers={"published_confidence": "Date confidence", "outlet_confidence": "Outlet confidence",
                           "wire_source": "Wire source named"},
                         columns=shown)


def evidence_view(book: BookAnalysis) -> ReaderTable | Note:
    """Where each text was found (its address) and, when the manifest records it, the
    evidence behind its attribution."""
    table = overview.provenance_table(book.corpus)
    shown = [c for c in ["outlet", "evidence", "url"] if c in table.columns]
    return table_or_note(table, "articles.csv", "The manifest lists no article.",
                         headers={"url": "Address"}, columns=shown)


def removed_lines_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every line the cleaner did not keep as body text, with the rule that decided."""
    return table_or_note(overview.removed_lines(book.corpus), "lines.csv",
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


def sentence_length_figure(book: BookAnalysis) -> Figure | Note:
    """Words per body sentence, one row of dots per article."""
    return figure_or_instead(book, lambda: overview.plot_sentence_lengths(book.corpus),
                             "a row of sentence lengths per article",
                             "each article's sentences and mean sentence length are in the table above")
