"""Tables and a figure that introduce a corpus: where each article comes from, what the
cleaner removed, and how long each article is."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .corpus import Corpus
from .plotting import article_colors, article_labels, new_figure
from .text import words

PROVENANCE_COLUMNS = [
    "id", "outlet", "published", "published_confidence", "outlet_confidence",
    "wire_source", "url", "evidence",
]


def provenance_table(corpus: Corpus) -> pd.DataFrame:
    """The manifest's provenance columns that exist in this corpus, one row per article."""
    columns = [c for c in PROVENANCE_COLUMNS if c in corpus.articles.columns]
    return corpus.articles[columns].sort_values("id").reset_index(drop=True)


def removed_lines(corpus: Corpus) -> pd.DataFrame:
    """Every non-blank line that is not body text, with its role and the rule that set it."""
    lines = corpus.lines
    kept = lines[~lines["role"].isin(["body", "blank"])]
    return kept[["article", "line_number", "role", "rule", "text"]].reset_index(drop=True)


def role_counts(corpus: Corpus) -> pd.DataFrame:
    """Non-blank lines per article (rows) and role (columns)."""
    lines = corpus.lines[corpus.lines["role"] != "blank"]
    table = pd.crosstab(lines["article"], lines["role"]).reindex(corpus.ids, fill_value=0)
    table.columns.name = None
    table.index.name = "article"
    return table


def article_statistics(corpus: Corpus, quotations: pd.Series | None = None) -> pd.DataFrame:
    """Per article: paragraphs, sentences, words, mean words per sentence and, when given,
    the number of direct quotations (a Series indexed by article id)."""
    table = corpus.articles[["id", "outlet", "paragraphs", "sentences", "words"]].copy()
    table["mean_sentence_words"] = (table["words"] / table["sentences"]).round(1)
    if quotations is not None:
        table["direct_quotations"] = (
            table["id"].map(quotations).fillna(0).astype(int)
        )
    return table.sort_values("id").reset_index(drop=True)


def plot_sentence_lengths(corpus: Corpus) -> Figure:
    """Words per body sentence, one row of dots per article, with each article's mean."""
    colors = article_colors(corpus.ids)
    labels = article_labels(corpus.articles)
    fig, ax = new_figure(7.0, 0.6 * len(corpus.ids) + 1.2)
    for row, article_id in enumerate(corpus.ids):
        sentences = corpus.sentences[corpus.sentences["article"] == article_id]
        lengths = [len(words(s)) for s in sentences["sentence"]]
        ax.scatter(lengths, [row] * len(lengths), color=colors[article_id], alpha=0.7, s=28)
        mean = sum(lengths) / len(lengths)
        ax.plot([mean, mean], [row - 0.3, row + 0.3], color="black", linewidth=1.5)
    ax.set_yticks(range(len(corpus.ids)), [labels[i] for i in corpus.ids])
    ax.invert_yaxis()
    ax.set_xlabel("words per sentence (black bar: article mean)")
    ax.set_xlim(left=0)
    fig.tight_layout()
    plt.close(fig)
    return fig


def at_a_glance(corpus: Corpus) -> pd.DataFrame:
    """One line per article for the report's front page: outlet, date, headline, length."""
    table = corpus.articles[["id", "outlet", "published", "headline", "words"]].copy()
    table["headline"] = table["headline"].replace("", "(none in the text)")
    return table.sort_values("id").set_index("id")
