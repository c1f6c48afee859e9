"""Figures of the chapter "Who gets to speak": entities by article, sources by kind."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from newscompare.report.plotting import (
    FIGURE_WIDTH, NEUTRAL, SMALL_FONT, figure_text, new_figure, row_inches, wrapped_label,
)
from newscompare.report.presentation import code_words

#: Colours of the source kinds (Okabe-Ito, as in the rest of the book).
SOURCE_KIND_COLORS = {
    "person": "#0072B2", "institution": "#009E73", "agency": "#E69F00",
    "anonymous": "#CC79A7", "own_reporting": "#D55E00", "unattributed": "#F0E442", "other": NEUTRAL,
}


def entity_heatmap(matrix: pd.DataFrame, labels: dict[str, str], articles_as_rows: bool = False,
                   order: list[str] | None = None) -> Figure:
    """Heatmap of mentions per entity (rows) and article (columns), counts written in
    cells; with ``articles_as_rows``, a row per article (in ``order``, default the
    matrix's) and a column per entity, for corpora with more articles than columns fit.
    A row has a fixed height, so the figure grows with the rows and labels keep their size."""
    if articles_as_rows:
        articles = [a for a in (order or list(matrix.columns)) if a in matrix.columns]
        table = matrix[articles].T
        row_names = [wrapped_label(labels.get(a, a), 30) for a in articles]
        # One line each: turned upright, a label takes height, and a second line the width of a column.
        column_names = [wrapped_label(entity, 60) for entity in matrix.index]
    else:
        table = matrix
        row_names = [wrapped_label(entity, 26) for entity in matrix.index]
        column_names = [wrapped_label(labels.get(c, c), 20) for c in matrix.columns]
    values = table.to_numpy()
    longest_column = max((len(line) for name in column_names for line in name.split("\n")), default=1)
    height = 0.4 + len(row_names) * max(row_inches(row_names), 0.26) + 0.08 * longest_column
    fig, ax = new_figure(min(2.4 + 0.42 * table.shape[1], FIGURE_WIDTH), height, layout="constrained")
    ax.imshow(np.log1p(values), cmap="Blues", aspect="auto", vmin=0)
    # Upright column labels: a turned label reaches over its neighbours' columns.
    ax.set_xticks(range(table.shape[1]), column_names, rotation=90, fontsize=SMALL_FONT)
    ax.set_yticks(range(table.shape[0]), row_names, fontsize=SMALL_FONT)
    ax.xaxis.tick_top()
    threshold = np.log1p(values.max()) * 0.6 if values.size else 0
    for (row, col), value in np.ndenumerate(values):
        if value:
            color = "white" if np.log1p(value) > threshold else "black"
            ax.text(col, row, str(value), ha="center", va="center", fontsize=SMALL_FONT, color=color)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return fig


def sources_bar_chart(by_kind: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """Horizontal stacked bars: source mentions per article (a row each, in the order of
    ``by_kind``), split by kind; the legend above. A row has a fixed height, so the
    figure grows with the articles and labels keep their size."""
    names = [wrapped_label(labels.get(a, a), 22) for a in by_kind.index]
    legend_rows = -(-len(by_kind.columns) // 3)
    fig, ax = new_figure(FIGURE_WIDTH, 1.2 + 0.22 * legend_rows + len(by_kind) * row_inches(names),
                         layout="constrained")
    left = np.zeros(len(by_kind))
    positions = np.arange(len(by_kind))
    for kind in by_kind.columns:
        counts = by_kind[kind].to_numpy()
        ax.barh(positions, counts, left=left, color=SOURCE_KIND_COLORS.get(kind, NEUTRAL), height=0.7,
                label=figure_text(code_words(kind)))
        left += counts
    ax.set_yticks(positions, names, fontsize=SMALL_FONT)
    ax.set_ylim(len(by_kind) - 0.5, -0.5)
    ax.set_xlabel("source mentions (reporting verbs,\n'according to', requests for comment)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.legend(ncol=3, loc="outside upper center")
    return fig
