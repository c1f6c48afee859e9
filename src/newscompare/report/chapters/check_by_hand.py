"""Chapter 7, what to check by hand (``07_check_by_hand.ipynb``)."""

from __future__ import annotations

import pandas as pd

from newscompare.analysis import reuse
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import (
    PAIR_HEADERS, QUOTE_HEADERS, named_in_words, relation_words, table_or_note, with_phrases,
)
from newscompare.report.presentation import Note, ReaderTable, plural


def check_facts(book: BookAnalysis) -> dict[str, object]:
    """Counts of the cases the methods are least sure of, for the check-by-hand chapter."""
    return with_phrases({
        "n_borderline": len(book.borderline),
        "n_unsure_pairs": len(book.unsure_pairs),
        "n_no_speaker": int((book.quotes["speaker"] == "").sum()),
        "n_undetermined": int(_direction_to_check(book.related).sum()),
        "n_warnings": len(book.warnings_seen),
        "share_step": f"{reuse.BORDERLINE_SHARE_STEP:.0%}",
        "count_step": plural(reuse.BORDERLINE_COUNT_STEP, "sentence"),
    }, {"n_borderline": ("pair relation", "pair relations"),
        "n_unsure_pairs": ("pair", "pairs"),
        "n_no_speaker": ("appearance of a quotation", "appearances of quotations"),
        "n_undetermined": ("related pair", "related pairs"),
        "n_warnings": ("article", "articles")})


def borderline_view(book: BookAnalysis) -> ReaderTable | Note:
    """:func:`~newscompare.analysis.reuse.borderline_pairs`: the pair relations a small
    change of the thresholds would change, with how much of each text is aligned."""
    table = relation_words(book.borderline, "relation", "if_looser", "if_stricter")
    table = table.assign(
        evidence_a=[f"{a} of {n}" for a, n in zip(table["aligned_a"], table["sentences_a"], strict=True)],
        evidence_b=[f"{a} of {n}" for a, n in zip(table["aligned_b"], table["sentences_b"], strict=True)],
    )
    return table_or_note(table, "pairs.csv", (f"No pair changes its relation when the pair thresholds move (the shares of taken and "
                          f"reworded sentences by {reuse.BORDERLINE_SHARE_STEP:.0%} either way, the count floor "
                          f"up by {reuse.BORDERLINE_COUNT_STEP})."),
                         headers={"article_a": "Text A", "article_b": "Text B", "if_looser": "With looser thresholds",
                           "if_stricter": "With stricter thresholds", "evidence_a": "A's sentences aligned",
                           "evidence_b": "B's sentences aligned"},
                         columns=["article_a", "article_b", "relation", "if_looser", "if_stricter", "evidence_a",
                           "evidence_b"], names=book.labels)


def unsure_pairs_view(book: BookAnalysis) -> ReaderTable | Note:
    """Pairs the fitted pair model leaves undetermined, with the counts' relation, the
    model's probability and how much each text shares with the other."""
    return table_or_note(relation_words(book.unsure_pairs, "relation_by_counts"), "pairs.csv",
                         "The pair model states every pair related or unrelated: none is left undetermined.",
                         headers={**PAIR_HEADERS, "relation_by_counts": "By sentence counts",
                           "related_probability": "Probability of a relation"},
                         columns=["article_a", "article_b", "relation_by_counts", "related_probability",
                           "containment_a_in_b", "containment_b_in_a"],
                         percent=["related_probability", "containment_a_in_b", "containment_b_in_a"], names=book.labels)


def no_speaker_view(book: BookAnalysis) -> ReaderTable | Note:
    """Quotations for which no speaker was found."""
    return table_or_note(book.quotes[book.quotes["speaker"] == ""], "quotes.csv",
                         "Every quotation has a speaker.",
                         headers=QUOTE_HEADERS,
                         columns=["article", "sentence_index", "quote", "verb", "kind"],
                         sentence_numbers=["sentence_index"], names=book.labels)


def _direction_to_check(related: pd.DataFrame) -> pd.Series:
    """Related pairs whose direction a reader should check: none is stated, or an article of
    the collection is named as the source on cues other than a credit line (dates, wording,
    coverage, a site's item numbers), which on annotated coverage of other stories were
    often wrong; a credit line, or a common source outside the collection, is not listed."""
    source = related["likely_source"].astype(str)
    credited = related["evidence"].map(reuse.rests_on_credit).astype(bool)
    return (source == "") | ((source != reuse.COMMON_SOURCE) & ~credited)


def undetermined_view(book: BookAnalysis) -> ReaderTable | Note:
    """Related pairs whose direction of copying no cue decides, or whose named source rests
    on cues other than a credit line (:func:`_direction_to_check`), with the evidence."""
    to_check = book.related[_direction_to_check(book.related)]
    undecided = relation_words(to_check, "relation").assign(
        likely_source=[book.labels.get(s, s) if s else "undetermined" for s in to_check["likely_source"]],
        evidence=[named_in_words(str(cue), book.labels) for cue in to_check["evidence"]])
    return table_or_note(undecided, "pairs.csv",
                         "Every related pair's direction rests on a credit line or is a common source outside the collection.",
                         headers={**PAIR_HEADERS, "likely_source": "Source named", "evidence": "Cues"},
                         columns=["article_a", "article_b", "relation", "likely_source", "containment_a_in_b",
                           "containment_b_in_a", "evidence"],
                         percent=["containment_a_in_b", "containment_b_in_a"], names=book.labels)


def warnings_view(book: BookAnalysis) -> ReaderTable | Note:
    """Articles the English model reads badly, with the reason."""
    return table_or_note(pd.DataFrame({"warning": book.warnings_seen}), "the log of the analysis",
                         "Every article reads as English text; the model reported no article.",
                         headers={"warning": "File and reason"})
