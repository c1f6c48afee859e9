"""Chapter 2, who copied whom (``02_reuse.ipynb``)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from newscompare.analysis import pair_model, reuse
from newscompare.report import reuse_plots
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import (
    MAX_ROWS,
    PAIR_HEADERS,
    PAIR_RELATION_WORDS,
    PAIR_SHOWN,
    count_phrase,
    figure_or_instead,
    relation_words,
    table_or_note,
    with_phrases,
)
from newscompare.report.presentation import Note, ReaderTable, plural, source_name


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
                    f"{count_phrase(related['relation'].value_counts(), PAIR_RELATION_WORDS)}")
    elif related.empty:
        sentence = (f"None of the {all_pairs:,} pairs of the {n_articles:,} articles shares enough "
                    "wording to count as a copy or a rewrite")
    else:
        kinds = count_phrase(related["relation"].value_counts(), PAIR_RELATION_WORDS)
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
    return with_phrases(facts, {"n_sentences": ("body sentence", "body sentences"),
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
    return figure_or_instead(book, lambda: reuse_plots.containment_heatmap(book.pairs, book.labels),
                             "a matrix of every pair of articles", "the table below lists the related pairs, most contained first")


def sentence_relations_figure(book: BookAnalysis) -> Figure | ReaderTable | Note:
    """Body sentences of each article by strongest relation and by the article matched."""
    if (book.alignments["relation"] == "none").all():
        return Note("No sentence has a counterpart in another article.")
    return figure_or_instead(book, lambda: reuse_plots.sentence_relation_bars(book.alignments, book.labels),
                             "a bar per article", lambda: _relation_totals(book))


def pairs_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every pair with its containment, relation and likely source when the list is
    short; else the related pairs only, most contained first."""
    pairs = book.pairs
    if len(pairs) > MAX_ROWS:
        pairs = book.related.assign(
            most=book.related[["containment_a_in_b", "containment_b_in_a"]].max(axis=1)
        ).sort_values(["most", "article_a", "article_b"], ascending=[False, True, True], kind="mergesort")
    pairs = relation_words(pairs, "relation").assign(
        likely_source=[source_name(s, book.labels) for s in pairs["likely_source"]])
    return table_or_note(pairs, "pairs.csv", "No pair of articles is related, so there is nothing to list.",
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
    return table_or_note(families, "pairs.csv", "",
                         headers={"article": "Text", "family_size": "Texts in family"}, names=book.labels)


def blocks_view(book: BookAnalysis) -> ReaderTable | Note:
    """Runs of consecutive sentences that match nothing in the corpus."""
    return table_or_note(book.blocks, "unmatched_blocks.csv",
                         "No run of unmatched sentences is long enough to list.",
                         headers={"article": "Text", "first_sentence_index": "From sentence",
                           "last_sentence_index": "To sentence", "length": "Sentences",
                           "share_of_article": "Share of the text", "first_sentence": "Its first sentence"},
                         sentence_numbers=["first_sentence_index", "last_sentence_index"],
                         percent=["share_of_article"], decimals={"share_of_article": 0}, names=book.labels)
