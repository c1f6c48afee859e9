"""Chapter 5, framing (``05_framing.ipynb``; only with a story's framing lexicon)."""

from __future__ import annotations

from newscompare.analysis import framing
from newscompare.report import figures
from newscompare.report.chapters.book import BookAnalysis
from newscompare.report.chapters.shared import NOTHING_TO_ADD, table_or_note, with_phrases
from newscompare.report.plotting import MAX_ARTICLE_COLUMNS
from newscompare.report.presentation import InlineFigure, Note, ReaderTable, join_words, plural


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
    return with_phrases({
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
        "frames_lead": _frames_lead(book),
    }, {"n_terms_lexicon": ("term", "terms"), "n_categories": ("category", "categories")})


def _frames_lead(book: BookAnalysis) -> str:
    if book.frames.empty:
        return "No term of the lexicon occurs in any article, so there is nothing to draw."
    if len(book.corpus.ids) > MAX_ARTICLE_COLUMNS:
        return ("The figure has a row per article and a column per category of the lexicon: a dot marks the "
                "category's terms in the article, sized by their count (written beside it past one); a hollow dot, "
                "terms found only inside quotation marks:")
    return ("The figure has a row per term and a column per article: a dot marks each term an article uses, sized "
            "by its count (written beside it past one); a hollow dot, a term found only inside quotation marks:")


def frames_figure(book: BookAnalysis) -> InlineFigure | Note:
    """Lexicon terms found in each article (a dot per term and article), or, past
    :data:`MAX_ARTICLE_COLUMNS` articles, per article and category (see ``frames_lead``
    of :func:`framing_facts`)."""
    if book.frames.empty:
        return NOTHING_TO_ADD
    hits = book.frames.groupby("category").size()
    alt = (f"Dot matrix of the lexicon terms found in the {len(book.corpus.ids):,} articles "
           f"({len(book.frames):,} hits; most in the category "
           f"{_category(str(hits.sort_values(ascending=False, kind='mergesort').index[0]))}).")
    return InlineFigure(figures.frames_figure(book.frames, book.corpus.articles, book.lexicon, book.family_order), alt)


def category_view(book: BookAnalysis, category_names: dict[str, str] | None = None) -> ReaderTable | Note:
    """Hits per article and lexicon category (inside and outside quotation marks);
    ``category_names`` gives a story's own headers for the categories."""
    counts = framing.frame_counts(book.frames, book.corpus.ids, book.lexicon.categories)
    table = counts.pivot(index="article", columns="category", values="hits")[book.lexicon.categories]
    names = {c: _category(c).capitalize() for c in book.lexicon.categories} | (category_names or {})
    return table_or_note(table.reset_index(), "framing.csv", "No article.", headers={"article": "Text", **names},
                         names=book.labels)


def frame_changes_view(book: BookAnalysis, category_names: dict[str, str] | None = None) -> ReaderTable | Note:
    """Every lexicon category whose terms differ between a copied sentence and its source;
    ``category_names`` gives a story's own names for the categories, as in
    :func:`category_view` (else the category in words, capitalised)."""
    if not book.copy_sources:
        return NOTHING_TO_ADD  # the chapter's sentence says no copy has a decided source
    changes = book.frame_changes
    names = {c: _category(c).capitalize() for c in book.lexicon.categories} | (category_names or {})
    # The source is named beside each change: a copy is compared with its likely source only.
    named = changes.assign(category=changes["category"].map(lambda c: names.get(c, _category(c))),
                           source_article=changes["article"].map(book.copy_sources))
    return table_or_note(named, "framing.csv",
                         "No copy changes a term of the lexicon in the sentences it takes from its source.",
                         headers={"article": "Copy", "sentence_indices": "Copy sentence", "source_article": "Source",
                           "match_sentence_index": "Source sentence", "terms": "Copy's terms",
                           "match_terms": "Source's terms"},
                         columns=["article", "sentence_indices", "source_article", "match_sentence_index", "category",
                           "match_terms", "terms", "change"],
                         sentence_numbers=["sentence_indices", "match_sentence_index"], names=book.labels)
