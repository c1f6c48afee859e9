"""Figures of the reuse and edits chapters, in the book's style (``plotting``)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from newscompare.analysis.edits import stated_directions
from newscompare.report.plotting import (
    ARTICLE_PALETTE, FIGURE_WIDTH, NEUTRAL, RELATION_COLORS, SMALL_FONT, article_colors, figure_text, new_figure,
    row_inches, wrapped_label,
)
from newscompare.report.presentation import code_words

LABEL_LINE = 18  # characters per line of an article label on an axis: wrapped (cut only
# past plotting.MAX_FIGURE_TEXT_CHARS, far beyond a real name)


def _short(label: str) -> str:
    """An article label wrapped onto lines of :data:`LABEL_LINE` characters,
    as literal figure text (:func:`~newscompare.report.plotting.figure_text`)."""
    return figure_text("\n".join(textwrap.wrap(label, LABEL_LINE)) or label)


#: Inches per article of the containment matrix: a cell that holds a 9-point "100.0%", or,
#: without the numbers, one 9-point label per row.
MATRIX_CELL_INCHES = 0.56
MATRIX_CELL_INCHES_WITHOUT_NUMBERS = 0.2


def share_text(share: float) -> str:
    """A share as every page writes it: one decimal, "1.5%" (as the tables and the glued
    sentences do, so that the figure never rounds a share another way)."""
    return f"{share * 100:.1f}%"


def _label_inches(names: list[str]) -> float:
    """Room the longest line of the axis labels takes: a 9-point character is under 0.08
    inch, plus the axis title."""
    return 0.08 * max(len(line) for name in names for line in name.split("\n")) + 0.45


def containment_heatmap(pairs: pd.DataFrame, labels: dict[str, str], order: list[str] | None = None,
                        numbers: bool = True) -> Figure:
    """Heatmap of directional containment: row article's n-grams found in the column's,
    for the articles of ``order`` in that order (default: every article of ``labels``,
    sorted by id), each share written in its cell when ``numbers`` (:func:`share_text`),
    the colour scale below. The figure grows in height with the articles, so cells and
    labels keep their size."""
    ids = list(order) if order is not None else sorted(labels)
    # The shares are written only where cells of full size fit the page beside the labels:
    # squeezed into narrower cells they run into one another ("28.2%34.5%").
    numbers = numbers and len(ids) * MATRIX_CELL_INCHES + _label_inches([_short(labels[i]) for i in ids]) + 0.2 \
        <= FIGURE_WIDTH
    matrix = np.full((len(ids), len(ids)), np.nan)
    position = {article: k for k, article in enumerate(ids)}
    for row in pairs.itertuples():
        if row.article_a in position and row.article_b in position:
            a, b = position[row.article_a], position[row.article_b]
            matrix[a, b] = row.containment_a_in_b
            matrix[b, a] = row.containment_b_in_a
    cell = MATRIX_CELL_INCHES if numbers else MATRIX_CELL_INCHES_WITHOUT_NUMBERS
    names = [_short(labels[i]) if numbers else figure_text(labels[i]) for i in ids]
    label_inches = _label_inches(names)
    side = max(len(ids) * cell, 1.2)
    width = min(side + label_inches + 0.2, FIGURE_WIDTH) if numbers else side + label_inches + 0.2
    fig, ax = new_figure(width, side + label_inches + 1.0, layout="constrained")
    image = ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    # Upright column labels: a label turned less than that reaches over its neighbours' columns.
    ax.set_xticks(range(len(ids)), names, rotation=90, fontsize=SMALL_FONT)
    ax.set_yticks(range(len(ids)), names, fontsize=SMALL_FONT)
    if numbers:
        for a in range(len(ids)):
            for b in range(len(ids)):
                if a != b and not np.isnan(matrix[a, b]):
                    ax.text(b, a, share_text(matrix[a, b]), ha="center", va="center",
                            color="white" if matrix[a, b] > 0.5 else "black", fontsize=SMALL_FONT)
    ax.set_xlabel("found in this article")
    ax.set_ylabel("share of this article's\nword sequences")
    fig.colorbar(image, ax=ax, location="bottom", shrink=0.8, aspect=30, label="containment",
                 format=FuncFormatter(lambda value, _: f"{value:.0%}"))
    return fig


def strongest_relation(alignments: pd.DataFrame) -> pd.DataFrame:
    """One alignment row per body sentence: its strongest relation to any other article,
    and of equally strong ones the most similar (only then the lower matched article id:
    which article a sentence matches must not turn on how the user named the files)."""
    strength = {rel: k for k, rel in enumerate(RELATION_COLORS)}
    return (
        alignments.assign(rank=alignments["relation"].map(strength),
                          closeness=-alignments["similarity"] if "similarity" in alignments else 0.0)
        .sort_values(["article", "sentence_index", "rank", "closeness", "match_article"], kind="mergesort")
        .drop_duplicates(["article", "sentence_index"])
        .drop(columns=["rank", "closeness"])
        .reset_index(drop=True)
    )


#: Articles up to which the sentence bars show, on the right, the article each sentence
#: matches in that article's colour: the palette has eight colours a reader tells apart.
MAX_COLOURED_ARTICLES = len(ARTICLE_PALETTE)


def relation_words(relation: str) -> str:
    """A sentence relation as the figures' legends name it ("reworded", "no match"): a
    reworded sentence, not "rewrite", the book's word for a pair of texts."""
    return {"none": "no match", "paraphrase": "reworded"}.get(relation) or code_words(relation)


def sentence_relation_bars(alignments: pd.DataFrame, labels: dict[str, str], order: list[str] | None = None) -> Figure:
    """Per article (a row each, in ``order``; default sorted by id), its body sentences by
    strongest relation to any other article (top); and, up to :data:`MAX_COLOURED_ARTICLES`
    articles, by the article matched (below, in a panel of its own, so that the figure
    stays narrow). With more, a colour per matched article could not be told apart, so the
    article matched most is written beside each bar."""
    best = strongest_relation(alignments)
    ids = list(order) if order is not None else sorted(labels)
    two_panels = len(ids) <= MAX_COLOURED_ARTICLES
    names = [_short(labels[i]) for i in ids]
    panel = 1.0 + len(ids) * row_inches(names)  # bars, axis and title
    legend = 0.25 * 2 + 0.1  # two lines of legend
    height = (panel + legend) * (2 if two_panels else 1) + (0.25 if not two_panels else 0)
    fig, axes = new_figure(FIGURE_WIDTH, height, nrows=2 if two_panels else 1, sharex=True, layout="constrained",
                           squeeze=False)
    fig.get_layout_engine().set(hspace=0.08)
    left = axes[0][0]
    counts = best.groupby(["article", "relation"]).size().unstack(fill_value=0).reindex(ids, fill_value=0)
    start = np.zeros(len(ids))
    for relation, colour in RELATION_COLORS.items():
        values = counts[relation].to_numpy() if relation in counts else np.zeros(len(ids))
        left.barh(range(len(ids)), values, left=start, color=colour, label=relation_words(relation), height=0.7)
        start += values
    left.set_yticks(range(len(ids)), names, fontsize=SMALL_FONT)
    left.set_ylim(len(ids) - 0.5, -0.5)
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.tick_params(axis="x", labelbottom=True)
    left.set_title("By relation", loc="left")
    matched = best[best["relation"] != "none"]
    by_article = matched.groupby(["article", "match_article"]).size().unstack(fill_value=0)
    handles = [Patch(color=c, label=relation_words(r)) for r, c in RELATION_COLORS.items()]
    if not two_panels:
        left.set_title("By relation; beside each bar,\nthe article matched most", loc="left")
        for y, article in enumerate(ids):
            if article in by_article.index and by_article.loc[article].max() > 0:
                row = by_article.loc[article]
                most = sorted(row.index, key=lambda other: (-row[other], other))[0]
                # Wrapped as the axis labels are, so that a long name is not cut at the edge.
                left.annotate(_short(labels[most]), (start[y], y), xytext=(4, 0), textcoords="offset points",
                              va="center", fontsize=SMALL_FONT, color="#333333")
        left.set_xlim(0, max(start.max(), 1) * 1.6)  # room for the names beside the longest bar
        left.set_xlabel("body sentences")
        fig.legend(handles=handles, loc="outside lower center", ncol=2)
        return fig
    left.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.35 / panel), ncol=4,
                handlelength=1.2, columnspacing=1.0)
    right = axes[1][0]
    colours = article_colors(ids)
    totals = best.groupby("article").size().reindex(ids, fill_value=0)
    start = np.zeros(len(ids))
    for other in ids:
        values = by_article[other].reindex(ids, fill_value=0).to_numpy() if other in by_article else np.zeros(len(ids))
        right.barh(range(len(ids)), values, left=start, color=colours[other], label=_short(labels[other]),
                   height=0.7)
        start += values
    right.barh(range(len(ids)), totals.to_numpy() - start, left=start, color=NEUTRAL, label="no match", height=0.7)
    right.set_yticks(range(len(ids)), names, fontsize=SMALL_FONT)
    right.set_ylim(len(ids) - 0.5, -0.5)
    right.set_xlabel("body sentences")
    right.set_title("By article matched", loc="left")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.45 / panel - 0.1), ncol=3, handlelength=1.2,
                 columnspacing=1.0)
    return fig


def aligned_links(alignments: pd.DataFrame, article_a: str, article_b: str) -> pd.DataFrame:
    """Every aligned sentence pair of two articles, as the tables state them from either
    side: one row per (``sentence_a``, ``sentence_b``), with the strongest relation either
    side gives it. A sentence of b aligned to a sentence of a that is itself aligned
    elsewhere (a copy that merged two sentences, a rewrite) is drawn too."""
    strength = {relation: k for k, relation in enumerate(RELATION_COLORS)}
    rows = []
    for mine, other, flip in ((article_a, article_b, False), (article_b, article_a, True)):
        side = alignments[(alignments["article"] == mine) & (alignments["match_article"] == other)
                          & (alignments["relation"] != "none")]
        for row in side.itertuples():
            for j in str(row.match_sentence_index).split(";"):
                if j == "" or j == "nan":
                    continue
                i, k = int(row.sentence_index), int(float(j))
                rows.append({"sentence_a": k if flip else i, "sentence_b": i if flip else k,
                             "relation": row.relation, "rank": strength[row.relation]})
    links = pd.DataFrame(rows, columns=["sentence_a", "sentence_b", "relation", "rank"])
    return (links.sort_values(["sentence_a", "sentence_b", "rank"], kind="mergesort")
            .drop_duplicates(["sentence_a", "sentence_b"]).drop(columns="rank").reset_index(drop=True))


def alignment_diagram(
    alignments: pd.DataFrame, article_a: str, article_b: str, labels: dict[str, str]
) -> Figure:
    """Two columns of sentence positions (a left, b right) joined by a line per aligned
    pair (:func:`aligned_links`: from either side), coloured by relation."""
    n_a = alignments.loc[alignments["article"] == article_a, "sentence_index"].max() + 1
    n_b = alignments.loc[alignments["article"] == article_b, "sentence_index"].max() + 1
    fig, ax = new_figure(min(4.2, FIGURE_WIDTH), 0.24 * max(n_a, n_b) + 1.8, layout="constrained")
    for row in aligned_links(alignments, article_a, article_b).itertuples():
        ax.plot([0, 1], [row.sentence_a, row.sentence_b], color=RELATION_COLORS[row.relation], lw=2)
    ax.scatter(np.zeros(n_a), range(n_a), color=NEUTRAL, s=12, zorder=3)
    ax.scatter(np.ones(n_b), range(n_b), color=NEUTRAL, s=12, zorder=3)
    ax.set_xticks([0, 1], [_short(labels[article_a]), _short(labels[article_b])])
    ax.xaxis.tick_top()
    ax.set_ylim(max(n_a, n_b) - 0.5, -0.5)
    ax.set_ylabel("sentence number (from 1)")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{int(value) + 1}"))
    ax.set_xlim(-0.3, 1.3)
    handles = [Patch(color=c, label=relation_words(r)) for r, c in RELATION_COLORS.items() if r != "none"]
    fig.legend(handles=handles, loc="outside lower center", ncol=3)
    return fig


#: Colours of the edit classes (Okabe-Ito), typography (the least telling) in grey and a
#: house spelling in sky blue: each class its own colour (a reader told two greys apart by
#: nothing).
EDIT_CLASS_COLORS = {"time_reference": "#0072B2", "framing": "#D55E00", "synonym": "#009E73",
                     "dropped_qualifier": "#CC79A7", "wording": "#E69F00", "spelling": "#56B4E9",
                     "typographic": NEUTRAL}


def edit_class_bars(edits: pd.DataFrame, labels: dict[str, str] | None = None,
                    pairs: pd.DataFrame | None = None) -> Figure:
    """Edits per copy pair (a row each, most edited first), stacked by class; ``labels``
    names the articles (id -> outlet). A pair is named "source → copy" when ``pairs``
    (``reuse.article_pairs``) states its source, else "A and B" (two reprints of an outside
    text, or an undecided direction: neither is said to have copied the other); without
    ``pairs`` every pair is named "source → copy". A row has a fixed height, so the figure
    grows with the pairs and labels keep their size."""
    labels = labels or {}
    counts = edits.groupby(["source_article", "copy_article", "edit_class"]).size().unstack(fill_value=0)
    classes = [c for c in EDIT_CLASS_COLORS if c in counts.columns] + sorted(
        c for c in counts.columns if c not in EDIT_CLASS_COLORS)
    stated = None if pairs is None else stated_directions(pairs)
    names_of = {pair: f"{labels.get(pair[0], pair[0])} "
                      f"{'→' if stated is None or pair in stated else 'and'} {labels.get(pair[1], pair[1])}"
                for pair in counts.index}
    order = sorted(counts.index, key=lambda pair: (-int(counts.loc[pair].sum()), names_of[pair]))
    counts = counts.loc[order, classes]
    names = [wrapped_label(names_of[pair], 24) for pair in order]
    legend_rows = -(-len(classes) // 2)
    fig, ax = new_figure(FIGURE_WIDTH, 1.0 + 0.22 * legend_rows + len(order) * row_inches(names), layout="constrained")
    left = np.zeros(len(order))
    for edit_class in classes:
        values = counts[edit_class].to_numpy()
        ax.barh(range(len(order)), values, left=left, height=0.7, color=EDIT_CLASS_COLORS.get(edit_class, NEUTRAL),
                label=figure_text(code_words(edit_class)))
        left += values
    ax.set_yticks(range(len(order)), names, fontsize=SMALL_FONT)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlabel("word-level edits")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.legend(ncol=2, loc="outside upper center")
    return fig
