"""Figures of the chapter "Who gets to speak": entities by article, sources by kind."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from newscompare.report.plotting import NEUTRAL, figure_text, figure_texts, new_figure

#: Colours of the source kinds (Okabe-Ito, as in the rest of the book).
SOURCE_KIND_COLORS = {
    "person": "#0072B2", "institution": "#009E73", "agency": "#E69F00",
    "anonymous": "#CC79A7", "own_reporting": "#D55E00", "unattributed": "#F0E442", "other": NEUTRAL,
}


def entity_heatmap(matrix: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """Heatmap of mentions per entity (rows) and article (columns), counts written in cells."""
    height = 1.2 + 0.26 * len(matrix)
    fig, ax = new_figure(6.5, height)
    values = matrix.to_numpy()
    ax.imshow(np.log1p(values), cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(matrix.shape[1]), figure_texts(labels.get(c, c) for c in matrix.columns),
                  rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), figure_texts(matrix.index))
    threshold = np.log1p(values.max()) * 0.6 if values.size else 0
    for (row, col), value in np.ndenumerate(values):
        if value:
            color = "white" if np.log1p(value) > threshold else "black"
            ax.text(col, row, str(value), ha="center", va="center", fontsize=8, color=color)
    ax.set_xlabel("")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def sources_bar_chart(by_kind: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """Horizontal stacked bars: source mentions per article, split by kind."""
    fig, ax = new_figure(7.0, 0.9 + 0.45 * len(by_kind))
    left = np.zeros(len(by_kind))
    positions = np.arange(len(by_kind))
    for kind in by_kind.columns:
        counts = by_kind[kind].to_numpy()
        ax.barh(positions, counts, left=left, color=SOURCE_KIND_COLORS.get(kind, NEUTRAL),
                label=figure_text(kind.replace("_", " ")))
        left += counts
    ax.set_yticks(positions, figure_texts(labels.get(a, a) for a in by_kind.index))
    ax.invert_yaxis()
    ax.set_xlabel("source mentions (reporting verbs, 'according to', requests for comment)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.25), fontsize=8)
    fig.tight_layout()
    return fig
