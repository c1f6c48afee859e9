"""What every chapter uses to show a table, a figure or a sentence: tables cut at
:data:`MAX_ROWS` rows, figures that give way to a table past :data:`MAX_FIGURE_ARTICLES`
articles, counts with their nouns, and the pair relations in readers' words."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.presentation import CODE_WORDS, Note, ReaderTable, join_words, plural, reader_table

#: Rows of a reader table shown on the page, the rest being in its download: a table of a
#: few dozen rows is read or scanned, a longer one is scrolled past (the five-article
#: report's longest, its wording edits, has about thirty).
MAX_ROWS = 40
#: Articles up to which a figure with one row or column per article is drawn: beyond about
#: a dozen, the labels on an axis of the book's 7.5-inch figures overlap.
MAX_FIGURE_ARTICLES = 12
#: The output of a view with nothing to show that the chapter's generated sentence has not
#: already said (no catalogue given, no copy with a decided source).
NOTHING_TO_ADD = Note("")


def outlet_headers(book: BookAnalysis) -> dict[str, str]:
    """Column headers that are articles' names, kept as written ("i24NEWS", not the
    capitalised default header)."""
    return {label: label for label in book.labels.values()}


def table_or_note(table: pd.DataFrame, csv_name: str, empty: str, **options) -> ReaderTable | Note:
    """``table`` as a reader table, cut at :data:`MAX_ROWS` rows, whose caption offers
    every row as a CSV download (or, for a table too large to carry in the page, names
    ``csv_name``, the file of the ``analyze`` command that has them); a :class:`Note`
    saying ``empty`` when it has no rows."""
    if table.empty:
        return Note(empty)
    if table.index.name is None and table.index.nlevels == 1:  # a filter's leftover row numbers
        table = table.reset_index(drop=True)
    return reader_table(table, max_rows=MAX_ROWS, source_csv=csv_name, **options)


def figure_or_instead(book: BookAnalysis, draw, what: str, instead) -> Figure | ReaderTable | Note:
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


def with_phrases(facts: dict[str, object], nouns: dict[str, tuple[str, str]]) -> dict[str, object]:
    """``facts`` plus, for each count named in ``nouns`` (name -> singular, plural), a
    ``<name without n_>_phrase``: the count with its noun in the right number, so that a
    template reads "1 article" and "2 articles" alike."""
    phrases = {f"{name.removeprefix('n_')}_phrase": plural(int(facts[name]), *forms)
               for name, forms in nouns.items()}
    return {**facts, **phrases}


def count_phrase(counts: pd.Series, names: dict[str, tuple[str, str]]) -> str:
    """"2 copies, 1 partial copy and 1 rewrite": each nonzero count with its noun."""
    return join_words(plural(int(counts.get(key, 0)), *names[key]) for key in names if counts.get(key, 0))


#: A pair relation as readers read it in a table (the CSV keeps the code).
PAIR_RELATION_NAMES = {"copy": "copy", "partial_copy": "partial copy", "paraphrase": "rewrite",
                       "undetermined": "undetermined", "unrelated": "unrelated"}


def relation_words(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with the pair relations of ``columns`` in readers' words."""
    return table.assign(**{column: table[column].map(PAIR_RELATION_NAMES).fillna(table[column])
                           for column in columns})


def named_in_words(text: str, labels: dict[str, str]) -> str:
    """``text`` (a generated cue such as "national's sentences are aligned to kiwimp") with
    each article id, as a whole word, replaced by the name readers see ("The National")."""
    if not labels or not text:
        return text
    # An id that is also a common word ("a", "the") stays: only ids of three characters or
    # more, or with a digit, are read as names.
    ids = sorted((i for i in labels if len(i) >= 3 or any(c.isdigit() for c in i)), key=len, reverse=True)
    if not ids:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w-])")
    return pattern.sub(lambda match: labels[match.group(1)], text)


#: How a pair relation reads in a sentence, singular and plural.
PAIR_RELATION_WORDS = {"copy": ("copy", "copies"), "partial_copy": ("partial copy", "partial copies"),
                       "paraphrase": ("rewrite", "rewrites")}


PAIR_HEADERS = {"article_a": "Text A", "article_b": "Text B",
                "containment_a_in_b": "A's word sequences found in B",
                "containment_b_in_a": "B's word sequences found in A",
                "in_order_share": "Aligned sentences in order", "likely_source": "Likely source"}
PAIR_SHOWN = ["article_a", "article_b", "containment_a_in_b", "containment_b_in_a", "in_order_share",
              "relation", "likely_source"]


#: Column headers of a quotation table.
QUOTE_HEADERS = {"article": "Text", "sentence_index": "Sentence", "quote": "Quotation", "verb": "Reporting verb"}


# CODE_WORDS (codes whose plain reading is not the code with its underscores read as
# spaces) lives in ``presentation``, beside ``code_words``, so figures and tables name a
# code in the same words.


def in_words(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with the codes of ``columns`` as readers read them: "site furniture" for
    ``chrome``, "time reference" for ``time_reference`` (the CSV keeps the codes)."""
    return table.assign(**{column: [CODE_WORDS.get(str(code), str(code).replace("_", " "))
                                    for code in table[column]]
                           for column in columns if column in table.columns})
