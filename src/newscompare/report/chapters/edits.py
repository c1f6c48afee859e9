"""Chapter 3, what the copies changed (``03_edits.ipynb``)."""

from __future__ import annotations

import html

from newscompare.analysis import edits, reuse
from newscompare.report import reuse_plots
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import (
    NOTHING_TO_ADD,
    PAIR_RELATION_WORDS,
    count_phrase,
    in_words,
    table_or_note,
)
from newscompare.report.presentation import InlineFigure, Note, ReaderTable, join_words, plural
from newscompare.report.reading_view import reading_view_html

#: Side-by-side reading views shown, of the most contained copy pairs: each is as long as
#: its two articles, so a few are read; the others' edits are in the wording-edits table.
MAX_READING_VIEWS = 3


#: How each edit class reads in a sentence, singular and plural (a count goes before it).
EDIT_CLASS_WORDS = {
    "time_reference": ("changes a time reference", "change a time reference"),
    "framing": ("changes a framing word", "change a framing word"),
    "spelling": ("changes a house spelling", "change a house spelling"),
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
    # A pair whose source is stated reads as source and copy; two reprints of one outside
    # text (or a pair nothing directs) are compared with each other, and what one lacks is
    # a difference between two versions, not something its copy desk left out.
    stated = edits.stated_directions(book.pairs)
    # An arrow only where the source is stated: two siblings are "A and B".
    names = [f"{book.labels[s]} → {book.labels[c]}" if (s, c) in stated else f"{book.labels[s]} and {book.labels[c]}"
             for s, c in viewed]
    if not viewed:
        views = "There is no copy pair, so there is no reading view"
    else:
        # Pairs are named "A and B": a list of them is set apart by semicolons.
        views = ("The view below shows " + names[0] if len(viewed) == 1 else
                 f"The {len(viewed)} views below show " + "; ".join(names[:-1]) + "; and " + names[-1])
        if len(directed) > len(viewed):
            others = len(directed) - len(viewed)
            views += (f"; the other {plural(others, 'copy pair')} {'is' if others == 1 else 'are'} "
                      "not shown side by side (their edits are in the table of every word changed below, "
                      "which downloads in full)")
    classes = count_phrase(class_counts, EDIT_CLASS_WORDS)
    omitted, added = int((sentences["kind"] == "omitted").sum()), int((sentences["kind"] == "added").sum())
    typographic = int(class_counts.get("typographic", 0))
    from_source = [pair for pair in directed if pair in stated]
    siblings = len(directed) - len(from_source)
    in_stated = sentences.loc[[(s, c) in stated for s, c in zip(sentences["source_article"],
                                                                sentences["copy_article"], strict=True)]]
    omitted_stated = int((in_stated["kind"] == "omitted").sum())
    added_stated = int((in_stated["kind"] == "added").sum())
    if not directed:
        finding = "No article copies another, so there is no edit to read"
        how_sure = "there is nothing to be sure of: no pair is related"
    else:
        parts = []
        if from_source:
            parts.append(f"{plural(len(from_source), 'text')} read against the text "
                         f"{'it was' if len(from_source) == 1 else 'they were'} taken from")
        if siblings:
            parts.append(f"{plural(siblings, 'pair')} of texts from one source outside the collection, or "
                         "of undecided direction, compared with each other")
        # Each copy is read against one text only (its source, else the text it shares most
        # with), so a story reprinted by many texts gives one reading per reprint.
        if len(directed) == len(book.related):
            finding = f"Across the {plural(len(directed), 'related pair')} read for edits ({join_words(parts)}) "
        else:
            finding = (f"Each text is read as the copy of one other text at most (a text may also be "
                       f"the one another is read against), so {len(directed):,} of the "
                       f"{plural(len(book.related), 'related pair')} are read for edits ({join_words(parts)}); "
                       "across them ")
        finding += (f"there {'is' if len(changes) == 1 else 'are'} "
                   f"{plural(len(changes), 'word-level difference')}, {typographic:,} of them typography only "
                   f"(quote marks, hyphens). Of the rest, {classes or 'there are none'}")
        if from_source:
            finding += (f". The texts read against their source leave out {plural(omitted_stated, 'whole sentence')} "
                        f"of it and add {added_stated:,}")
        if not from_source:
            how_sure = ("a difference is an edit of one text by another only where the direction of copying "
                        "is stated, and no pair here has one: each difference may be either text's change, or "
                        "the two texts may carry different versions of their common source")
        elif siblings:
            how_sure = (f"a difference is an edit of one text by another only where the direction of copying "
                        f"is stated ({plural(len(from_source), 'pair')}); for the other "
                        f"{plural(siblings, 'pair')} it may be either text's change, or the two texts may "
                        "carry different versions of their common source")
        else:
            how_sure = ("each difference is read from the text a copy was taken from, as the direction of "
                        "copying states it for every pair here")
    return {
        "finding_sentence": finding,
        "how_sure_sentence": how_sure,
        "n_directed": len(directed),
        "n_from_source": len(from_source),
        "n_sibling_pairs": siblings,
        "n_edits": len(changes),
        "n_typographic": typographic,
        "n_substantive": int((changes["edit_class"] != "typographic").sum()),
        "edit_classes_sentence": classes or "there are none",
        "n_omitted_sentences": omitted,
        "n_added_sentences": added,
        "views_sentence": views,
        "view_names": names,
        "edit_classes_lead": _edit_classes_lead(book),
    }


def _edit_classes_lead(book: BookAnalysis) -> str:
    if book.edits.empty:
        return "No copy pair has a word-level edit, so there is nothing to draw."
    pairs = book.edits[["source_article", "copy_article"]].drop_duplicates()
    # Named as the figure names them (reuse_plots.edit_class_bars).
    stated = edits.stated_directions(book.pairs)
    unstated = any(pair not in stated for pair in pairs.itertuples(index=False, name=None))
    naming = "source → copy" + ("; “A and B” where neither is said to have copied the other" if unstated else "")
    return (f"The bars count the word-level edits of each copy pair ({naming}) by class, "
            f"{'the one pair' if len(pairs) == 1 else f'a row for each of the {len(pairs):,} pairs, the most edited first'}:")


def edit_classes_figure(book: BookAnalysis) -> InlineFigure | Note:
    """Word-level edits per copy pair (a row each), stacked by class (see
    ``edit_classes_lead`` of :func:`edits_facts`)."""
    if book.edits.empty:
        return NOTHING_TO_ADD
    totals = book.edits["edit_class"].value_counts()
    pairs = book.edits[["source_article", "copy_article"]].drop_duplicates()
    alt = (f"Stacked horizontal bars, one per copy pair ({len(pairs):,}), counting its {len(book.edits):,} "
           f"word-level edits by class; the most frequent class is {str(totals.index[0]).replace('_', ' ')} "
           f"({int(totals.iloc[0]):,}).")
    return InlineFigure(reuse_plots.edit_class_bars(book.edits, book.labels, book.pairs), alt)


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
        if pair.likely_source == reuse.COMMON_SOURCE:
            title = (f"{kind.capitalize()}: {book.labels[source]} and {book.labels[copy]} (both from a "
                     "common source outside the collection, compared with each other: neither copied the other)")
        elif not pair.likely_source:
            title = (f"{kind.capitalize()}: {book.labels[source]} and {book.labels[copy]} (which came first "
                     "is undetermined: read in this order only)")
        else:
            title = f"{kind.capitalize()}: {book.labels[source]} → {book.labels[copy]}"
        views.append(f'<p class="nc-view-title"><strong>{html.escape(title)}</strong></p>\n'
                     + reading_view_html(book.corpus.sentences, book.alignments, source, copy, book.labels,
                                         directed=pair.likely_source in (source, copy)))
    return HTML("\n".join(views))


def _sides(book: BookAnalysis, table) -> tuple[str, str]:
    """The names of a table's two text columns: "Source" and "Copy" where every pair's
    direction is stated; "First text" and "Second text" where none is (two reprints of an
    outside text, or an undecided pair, read in id order); both where they mix."""
    stated = edits.stated_directions(book.pairs)
    directed = [(s, c) in stated for s, c in zip(table["source_article"], table["copy_article"], strict=True)]
    if directed and all(directed):
        return "Source", "Copy"
    if not any(directed):
        return "First text", "Second text"
    return "Source, or first text", "Copy, or second text"


def wording_edits_view(book: BookAnalysis) -> ReaderTable | Note:
    """The edits that change words (not typography only), by pair and class, with the
    words as each text prints them (the lower-case comparison words would misquote it)."""
    substantive = in_words(book.edits[book.edits["edit_class"] != "typographic"], "edit_class", "operation")
    first, second = _sides(book, substantive)
    return table_or_note(substantive, "edits.csv", "No copy changes a word of its source.",
                         headers={"source_article": first, "copy_article": second, "edit_class": "Class",
                           "source_as_printed": f"{first}'s words", "copy_as_printed": f"{second}'s words"},
                         columns=["source_article", "copy_article", "operation", "edit_class",
                           "source_as_printed", "copy_as_printed"], names=book.labels)


def omissions_view(book: BookAnalysis) -> ReaderTable | Note:
    """Sentences and phrases each copy left out of its source or added."""
    first, second = _sides(book, book.omissions)
    return table_or_note(book.omissions, "edits.csv", "No copy leaves out or adds a sentence or a phrase.",
                         headers={"source_article": first, "copy_article": second, "level": "What",
                           "sentence_index": "Sentence"},
                         columns=["source_article", "copy_article", "kind", "level", "sentence_index", "text"],
                         sentence_numbers=["sentence_index"], names=book.labels)
