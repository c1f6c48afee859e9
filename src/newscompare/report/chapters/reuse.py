"""Chapter 2, who copied whom (``02_reuse.ipynb``)."""

from __future__ import annotations

from newscompare.analysis import pair_model, reuse
from newscompare.report import family_diagram, reuse_plots
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import (
    MAX_ROWS,
    NOTHING_TO_ADD,
    PAIR_HEADERS,
    PAIR_RELATION_WORDS,
    PAIR_SHOWN,
    count_phrase,
    relation_words,
    table_or_note,
    with_phrases,
)
from newscompare.report.presentation import InlineFigure, Note, ReaderTable, join_words, plural, source_name


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
        "n_independent": int((families["family"] == "").sum()),
        "n_undetermined": int((related["likely_source"] == "").sum()),
        "ngram_size": reuse.DEFAULT_THRESHOLDS.ngram_size,
        # One rounding for every page, the same as the tables': a share is never shown two ways.
        "max_unrelated": max_unrelated,
        "unrelated_sentence": unrelated_sentence,
        "n_sentences": len(best),
        "n_unmatched_sentences": int((best["relation"] == "none").sum()),
        "n_blocks": len(book.blocks),
        "block_min": reuse.DEFAULT_THRESHOLDS.unmatched_min_sentences,
        # Each sentence that introduces a figure says what the figure draws for this corpus.
        "containment_lead": _containment_plan(book)[2],
        "sentence_relations_lead": _sentence_relations_lead(book),
        "families_lead": _families_lead(book, family_diagram.family_layout(book.pairs, book.families, book.labels)),
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


#: Articles up to which the containment matrix holds every article, each share written
#: in its cell (a cell of 0.45 inch for "100%": twelve fill the text column).
MATRIX_ALL_MAX_ARTICLES = 12
#: Articles in related pairs up to which, in a larger corpus, the matrix is drawn for them
#: alone, without numbers: 25 cells of 0.17 inch (a 7-point label each) and their labels
#: fill the 7.5-inch text column; more would shrink every label below legibility. The
#: family diagram, drawn for any number, shows who took from whom.
MATRIX_RELATED_MAX_ARTICLES = 25


def _containment_plan(book: BookAnalysis) -> tuple[list[str], bool, str]:
    """(articles the matrix draws, in order, or none; whether it writes the shares; the
    sentence introducing it, or saying why there is none)."""
    n_articles = len(book.corpus.ids)
    order = book.family_order
    if book.related.empty:
        return [], False, ("No pair is related, so there is no shared wording to draw; the table below gives "
                           "each pair's shares.")
    grouped = ", with the texts of a copy family side by side" if len(book.related) > 1 else ""
    if n_articles <= MATRIX_ALL_MAX_ARTICLES:
        return order, True, ("The matrix shows the share of each article's word sequences (rows) found in each "
                             f"other article (columns){grouped}:")
    members = [a for a in order if a in set(book.related[["article_a", "article_b"]].stack())]
    others = n_articles - len(members)
    if len(members) > MATRIX_RELATED_MAX_ARTICLES:
        return [], False, (f"With {plural(len(members), 'article')} in related pairs, a matrix of their shares "
                           "would be too small to read; the diagram of copy families below shows who took "
                           "from whom, and the table below gives each pair's shares.")
    return members, len(members) <= MATRIX_ALL_MAX_ARTICLES, (
        f"To keep the matrix of {n_articles:,} articles readable, the {plural(others, 'article')} in no "
        f"related pair {'is' if others == 1 else 'are'} left out. The matrix shows the share of each "
        f"article's word sequences (rows) found in each other article (columns){grouped}:")


def containment_figure(book: BookAnalysis) -> InlineFigure | Note:
    """Share of each article's word sequences found in each other article (heatmap), for
    every article of a small corpus, for those in a related pair of a larger one, with
    the members of a family side by side (see ``containment_lead`` of
    :func:`reuse_facts`)."""
    order, numbers, _ = _containment_plan(book)
    if not order:
        return NOTHING_TO_ADD
    strongest = book.related.assign(most=book.related[["containment_a_in_b", "containment_b_in_a"]].max(axis=1))
    top = strongest.sort_values(["most", "article_a", "article_b"], ascending=[False, True, True]).iloc[0]
    alt = (f"Heatmap of the share of each article's word sequences found in each other article, for "
           f"{plural(len(order), 'article')} grouped by copy family; {plural(len(book.related), 'related pair')}, "
           f"the most shared between {book.labels[top.article_a]} and {book.labels[top.article_b]} "
           f"({top.containment_a_in_b:.0%} and {top.containment_b_in_a:.0%}).")
    return InlineFigure(reuse_plots.containment_heatmap(book.pairs, book.labels, order, numbers=numbers), alt)


def _sentence_relations_lead(book: BookAnalysis) -> str:
    if (book.alignments["relation"] == "none").all():
        return "No sentence has a counterpart in another article, so there are no taken sentences to draw."
    grouped = ", the texts of a copy family together" if not book.related.empty else ""
    if len(book.corpus.ids) <= reuse_plots.MAX_COLOURED_ARTICLES:
        return ("The bars show each article's body sentences by their strongest relation to another article "
                f"(top) and by the article they match (below){grouped}:")
    return (f"The bars show each article's body sentences by their strongest relation to another article"
            f"{grouped}; beside each bar is the article it matches most (with {len(book.corpus.ids):,} "
            "articles, a colour for each would be too many to tell apart):")


def sentence_relations_figure(book: BookAnalysis) -> InlineFigure | Note:
    """Body sentences of each article by strongest relation, a bar per article (see
    ``sentence_relations_lead`` of :func:`reuse_facts`)."""
    if (book.alignments["relation"] == "none").all():
        return NOTHING_TO_ADD
    best = reuse_plots.strongest_relation(book.alignments)
    matched = best[best["relation"] != "none"]["article"].nunique()
    alt = (f"Horizontal stacked bars, one per article ({len(book.corpus.ids):,}), splitting its body sentences "
           f"into verbatim, edited, rewritten and unmatched; {plural(matched, 'article')} "
           f"{'has' if matched == 1 else 'have'} at least one sentence matched in another.")
    return InlineFigure(reuse_plots.sentence_relation_bars(book.alignments, book.labels, book.family_order), alt)


def _families_lead(book: BookAnalysis, layout: family_diagram.FamilyLayout) -> str:
    if not layout.families:
        return "No article belongs to a copy family, so there is no diagram of families."
    kinds = {link.kind for link in layout.links}
    parts = []
    if "stated" in kinds:
        parts.append("an arrow runs from a text's likely source to the text, coloured by relation (legend above "
                     "the diagram)")
    if "reprint" in kinds:
        parts.append("a grey arrow runs from a text outside the collection (a dashed box) to each text that "
                     "reprints it")
    if "undetermined" in kinds:
        parts.append("a dashed line joins two related texts whose direction is undetermined, where no other "
                     "line joins them already (the pairs table lists every such pair)")
    marks = "; ".join(parts)
    sentence = (f"The diagram draws the {plural(len(layout.families), 'copy family', 'copy families')}. "
                f"{marks[:1].upper()}{marks[1:]}")
    if layout.independent:
        names = join_words(sorted(book.labels[a] for a in layout.independent))
        sentence += (f". Not drawn: the {plural(len(layout.independent), 'article')} in no family, {names}"
                     if len(layout.independent) > 1 else f". Not drawn: the one article in no family, {names}")
    return sentence + "."


def families_figure(book: BookAnalysis) -> InlineFigure | Note:
    """The copy families as a diagram (:mod:`~newscompare.report.family_diagram`): a box
    per text, a box per text outside the collection that two or more reprint, arrows
    for stated directions only (see ``families_lead`` of :func:`reuse_facts`)."""
    layout = family_diagram.family_layout(book.pairs, book.families, book.labels)
    if not layout.families:
        return NOTHING_TO_ADD
    outside = sum(node.outside for node in layout.nodes)
    stated = sum(link.kind == "stated" for link in layout.links)
    undetermined = sum(link.kind == "undetermined" for link in layout.links)
    sizes = [sum(1 for n in layout.nodes if n.family == f and not n.outside) for f in layout.families]
    alt = (f"Diagram of {plural(len(layout.families), 'copy family', 'copy families')} of "
           f"{join_words(str(s) for s in sizes)} texts; {plural(outside, 'text')} outside the collection "
           f"reprinted by texts of the families, {plural(stated, 'stated direction')} of copying and "
           f"{plural(undetermined, 'related pair')} of undetermined direction drawn.")
    # Titled with the family's name in the table below ("family 1").
    names = {f: f"{_family_name(f).capitalize()} ({plural(s, 'text')})" for f, s in zip(layout.families, sizes, strict=True)}
    return InlineFigure(family_diagram.family_figure(layout, names), alt)


def pairs_view(book: BookAnalysis) -> ReaderTable | Note:
    """Every pair with its containment, relation and likely source when the list is
    short; else the related pairs only, most contained first."""
    pairs = book.pairs
    if len(pairs) > MAX_ROWS:
        pairs = book.related.assign(
            most=book.related[["containment_a_in_b", "containment_b_in_a"]].max(axis=1)
        ).sort_values(["most", "article_a", "article_b"], ascending=[False, True, True], kind="mergesort")
    # An unrelated pair has no source to decide: a dash, not "undetermined", which names a
    # related pair whose direction is open (or a pair whose relation is).
    pairs = relation_words(pairs, "relation").assign(
        likely_source=[source_name(s, book.labels) if relation != "unrelated" else "–"
                       for s, relation in zip(pairs["likely_source"], pairs["relation"], strict=True)])
    return table_or_note(pairs, "pairs.csv", "No pair of articles is related, so there is nothing to list.",
                         headers=PAIR_HEADERS, columns=PAIR_SHOWN,
                         percent=["containment_a_in_b", "containment_b_in_a", "in_order_share"],
                         names=book.labels)


#: A family role as readers read it (the table keeps the code, the page shows words). A
#: text that shares a source outside the collection may reprint it or only take from it.
FAMILY_ROLE_NAMES = {"common_source": "shares a source outside the collection",
                     "undetermined": "direction undetermined",
                     "unsure": "relation to another text undetermined"}


def _family_name(label: str) -> str:
    """A family's label as readers read it: "F1" (the code of ``pairs.csv``) is "family 1",
    not to be confused with an F1 score."""
    return f"family {label[1:]}" if label[:1] == "F" and label[1:].isdigit() else label


def families_view(book: BookAnalysis) -> ReaderTable | Note:
    """Each article's copy family and role (source, derived, common_source, undetermined,
    independent);
    in a long list, only the articles in a family."""
    families = book.families
    if (families["family"] == "").all():
        return Note("No article belongs to a copy family: every article is independent.")
    if len(families) > MAX_ROWS:
        families = families[families["family"] != ""]
    families = families.assign(role=families["role"].map(FAMILY_ROLE_NAMES).fillna(families["role"]),
                               family=families["family"].map(_family_name))
    return table_or_note(families, "pairs.csv", "",
                         headers={"article": "Text", "family_size": "Texts in family"}, names=book.labels)


def blocks_view(book: BookAnalysis) -> ReaderTable | Note:
    """Runs of consecutive sentences with no counterpart in any other article (a sentence
    that shares only a quotation with another has none)."""
    return table_or_note(book.blocks, "unmatched_blocks.csv",
                         "No run of unmatched sentences is long enough to list.",
                         headers={"article": "Text", "first_sentence_index": "From sentence",
                           "last_sentence_index": "To sentence", "length": "Sentences",
                           "share_of_article": "Share of the text", "first_sentence": "Its first sentence"},
                         sentence_numbers=["first_sentence_index", "last_sentence_index"],
                         percent=["share_of_article"], decimals={"share_of_article": 0}, names=book.labels)
