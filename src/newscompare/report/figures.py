"""Figures of the analyses: framing, claims, timeline and the threshold sweep."""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.dates as mdates
import matplotlib.transforms as mtransforms
import pandas as pd
from matplotlib.figure import Figure

from newscompare.analysis.claims import Claim
from newscompare.analysis.framing import Lexicon
from newscompare.analysis.timeline import publication_windows
from newscompare.ingest.corpus import Corpus
from newscompare.report.plotting import (
    FIGURE_WIDTH, MAX_ARTICLE_COLUMNS, NEUTRAL, RELATION_COLORS, SMALL_FONT, apply_style, article_colors,
    article_labels, figure_text, new_figure, row_inches, style_article_matrix, style_article_rows, wrapped_label,
)
from newscompare.report.presentation import code_words, threshold_words

LEGEND_WIDTH_CHARS = 68  # timeline legend: fits the figure's width at 9 pt
#: Longest span of the timeline (in days) labelled with a day's tick: about 9 labels of
#: "26 Jun" fit the axis, a tick every few days.
TIMELINE_DAY_TICKS_MAX_DAYS = 60
TIMELINE_DAY_TICKS = 9
#: Inches per article of the timeline: a 9-point label above a bar or point.
TIMELINE_ROW_INCHES = 0.44
#: Characters per line of an article's label above its timeline row.
TIMELINE_LABEL_CHARS = 60


def frames_figure(table: pd.DataFrame, articles: pd.DataFrame, lexicon: Lexicon,
                  order: list[str] | None = None) -> Figure:
    """Terms found (rows, grouped by category in lexicon order) by article (columns): a
    dot in the article's colour sized by the number of hits, with the count; hits inside
    quotations are counted and drawn hollow when all of a cell's hits are quoted. Past
    :data:`MAX_ARTICLE_COLUMNS` articles, a row per article (in ``order``) and a column
    per lexicon category, the dots in one colour."""
    ids = list(order) if order is not None else sorted(articles["id"])
    labels = article_labels(articles)
    if len(ids) > MAX_ARTICLE_COLUMNS:
        found = [c for c in lexicon.categories if c in set(table["category"])]
        names = [wrapped_label(labels[a], 30) for a in ids]
        longest = max((len(c) for c in found), default=1)
        fig, ax = new_figure(min(2.8 + 0.6 * len(found), FIGURE_WIDTH),
                             0.5 + len(ids) * row_inches(names) + 0.08 * longest, layout="constrained")
        for x, category in enumerate(found):
            for y, article in enumerate(ids):
                cell = table[(table["article"] == article) & (table["category"] == category)]
                if cell.empty:
                    continue
                quoted_only = bool(cell["in_quotation"].all())
                ax.scatter([x], [y], s=30 + 12 * min(len(cell) - 1, 8), linewidths=1.2,
                           facecolors="white" if quoted_only else RELATION_COLORS["verbatim"],
                           edgecolors=RELATION_COLORS["verbatim"])
                if len(cell) > 1:
                    ax.annotate(str(len(cell)), (x, y), xytext=(8, 0), textcoords="offset points",
                                va="center", fontsize=SMALL_FONT)
        style_article_rows(ax, [lexicon.label(c) for c in found], names)
        return fig
    colors = article_colors(ids)
    order_terms = [(c, t) for c in lexicon.categories for t in lexicon.terms[c]]
    found_terms = table.groupby(["category", "term"]).size()
    rows = [key for key in order_terms if key in found_terms.index]
    row_labels = [f"{term} ({lexicon.label(category)})" for category, term in rows]
    longest_article = max((len(labels[a]) for a in ids), default=1)
    fig, ax = new_figure(FIGURE_WIDTH, 0.6 + 0.05 * longest_article + 0.26 * max(len(rows), 1), layout="constrained")
    for y, (category, term) in enumerate(rows):
        for x, article in enumerate(ids):
            cell = table[(table["article"] == article) & (table["category"] == category)
                         & (table["term"] == term)]
            if cell.empty:
                continue
            quoted_only = bool(cell["in_quotation"].all())
            ax.scatter([x], [y], s=60 + 50 * (len(cell) - 1), linewidths=1.5,
                       facecolors="white" if quoted_only else colors[article],
                       edgecolors=colors[article])
            if len(cell) > 1:
                ax.annotate(str(len(cell)), (x, y), xytext=(9, 0), textcoords="offset points",
                            va="center", fontsize=SMALL_FONT)
    style_article_matrix(ax, row_labels, ids, labels)
    return fig


def claims_figure(table: pd.DataFrame, articles: pd.DataFrame, claims: list[Claim],
                  comparison: pd.DataFrame | None = None, order: list[str] | None = None) -> Figure:
    """Claim (rows, most widely reported first) x article (columns): a square in the
    article's colour where the claim was detected. With ``comparison`` (from
    :func:`newscompare.evaluation.annotations.compare_claims`), a black cross marks a detection the annotation
    rejects and an empty black square a claim the detection missed. Past
    :data:`MAX_ARTICLE_COLUMNS` articles, a row per article (in ``order``) and a column per
    claim, the squares in one colour."""
    ids = list(order) if order is not None else sorted(articles["id"])
    labels = article_labels(articles)
    present = table.pivot(index="claim_id", columns="article", values="present")
    claim_order = sorted((c.id for c in claims), key=lambda c: (-int(present.loc[c].sum()), c))
    claim_names = [code_words(c) for c in claim_order]  # "russian oil", not the code russian_oil
    many = len(ids) > MAX_ARTICLE_COLUMNS
    colors = {a: RELATION_COLORS["verbatim"] for a in ids} if many else article_colors(ids)
    if many:
        names = [wrapped_label(labels[a], 30) for a in ids]
        longest = max((len(c) for c in claim_names), default=1)
        fig, ax = new_figure(min(2.8 + 0.32 * len(claim_order), FIGURE_WIDTH),
                             0.5 + len(ids) * row_inches(names) + 0.08 * longest, layout="constrained")
    else:
        longest_article = max((len(labels[a]) for a in ids), default=1)
        fig, ax = new_figure(FIGURE_WIDTH, 0.6 + 0.05 * longest_article + 0.26 * len(claim_order),
                             layout="constrained")

    def at(claim_id: str, article: str) -> tuple[int, int]:
        """(x, y) of a claim and an article."""
        if many:
            return claim_order.index(claim_id), ids.index(article)
        return ids.index(article), claim_order.index(claim_id)

    for claim_id in claim_order:
        for article in ids:
            if present.at[claim_id, article]:
                ax.scatter(*[[v] for v in at(claim_id, article)], marker="s", s=60 if many else 110,
                           color=colors[article])
    if comparison is not None:
        for row in comparison.itertuples():
            x, y = at(row.claim_id, row.article)
            if row.outcome == "false positive":
                ax.scatter([x], [y], marker="x", s=80, color="black")
            elif row.outcome == "false negative":
                ax.scatter([x], [y], marker="s", s=110, facecolors="none", edgecolors="black")
    if many:
        style_article_rows(ax, claim_names, names)
        return fig
    style_article_matrix(ax, claim_names, ids, labels)
    return fig


def timeline_figure(corpus: Corpus, events: pd.DataFrame,
                    sources: dict[str, str] | None = None) -> Figure:
    """Articles as bars (publication window) or points (exact date), one row each in
    their book colours, above numbered event marks; events listed under the axis.
    ``sources``: as in :func:`publication_windows`."""
    windows = publication_windows(corpus, sources)
    colors = article_colors(windows["article"])
    labels = article_labels(corpus.articles)
    legend_lines = [
        figure_text(line)
        for number, e in enumerate(events.itertuples(), start=1)
        for line in textwrap.wrap(
            f"{number}. {e.date}{'' if e.end_date == e.date else ' to ' + e.end_date}: "
            f"{e.event}", width=LEGEND_WIDTH_CHARS, subsequent_indent="    ")
    ]
    legend_height = 0.165 * len(legend_lines)  # inches: one 9 pt line with spacing
    # Earliest first; a row of TIMELINE_ROW_INCHES per article holds its bar and the label above it.
    windows = windows.assign(label=windows["article"].map(labels)).sort_values(
        ["published_start", "published_end", "label", "article"], kind="mergesort").reset_index(drop=True)
    label_lines = {}
    for window in windows.itertuples():
        confidence = (f" (date: {window.published_confidence} confidence)"
                      if window.published_confidence else "")
        if window.start_raised_by_source:
            confidence += f"; not before its source, {labels[window.start_raised_by_source]}"
        label_lines[window.article] = textwrap.wrap(labels[window.article] + confidence, TIMELINE_LABEL_CHARS)
    extra_lines = sum(len(lines) - 1 for lines in label_lines.values())
    height = 1.2 + TIMELINE_ROW_INCHES * len(windows) + 0.15 * extra_lines + legend_height
    fig, ax = new_figure(FIGURE_WIDTH, height)
    one_day = dt.timedelta(days=1)
    label_position = mtransforms.blended_transform_factory(ax.transAxes, ax.transData)
    # From the bottom row up: each row's label, above its bar, takes the room of its lines.
    row_y, y = {}, 1.0
    for window in windows.iloc[::-1].itertuples():
        row_y[window.article] = y
        y += 1 + 0.45 * (len(label_lines[window.article]) - 1)
    top = y - 0.1
    for window in windows.itertuples():
        y = row_y[window.article]
        start = dt.datetime.fromisoformat(window.published_start)
        end = dt.datetime.fromisoformat(window.published_end) + one_day
        if window.exact:  # a point in the middle of its day
            ax.plot([start + one_day / 2], [y], "o", color=colors[window.article], markersize=8)
        else:
            ax.barh(y, end - start, left=start, height=0.35, color=colors[window.article],
                    alpha=0.85)
        ax.text(0.0, y + 0.3, figure_text("\n".join(label_lines[window.article])), transform=label_position,
                fontsize=SMALL_FONT, va="bottom", ha="left", linespacing=1.1)
    for number, event in enumerate(events.itertuples(), start=1):
        start = dt.datetime.fromisoformat(event.date)
        end = dt.datetime.fromisoformat(event.end_date) + one_day
        if end - start > one_day:
            ax.axvspan(start, end, color=NEUTRAL, alpha=0.15, linewidth=0)
        ax.axvline(start, color=NEUTRAL, linestyle="--", linewidth=0.8)
        ax.annotate(str(number), (start, 0.2 + 0.35 * (number % 2)), ha="center",
                    fontsize=SMALL_FONT, color="black",
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": NEUTRAL})
    if legend_lines:
        fig.text(0.01, 0.01, "\n".join(legend_lines), fontsize=SMALL_FONT, va="bottom", ha="left")
    all_days = [dt.datetime.fromisoformat(d) for d in
                list(windows["published_start"]) + list(windows["published_end"])
                + list(events["date"]) + list(events["end_date"])]
    ax.set_xlim(min(all_days) - one_day, max(all_days) + 4 * one_day)
    ax.set_ylim(0, top)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    if max(all_days) - min(all_days) <= dt.timedelta(days=TIMELINE_DAY_TICKS_MAX_DAYS):
        # A tick every few days, each with its month, so no date is read without one.
        span = (max(all_days) - min(all_days)).days + 5
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, -(-span // TIMELINE_DAY_TICKS))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    else:
        # Events years apart: a tick every three days would be thousands of labels.
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("publication: point = a single day,\nbar = possible window")
    fig.subplots_adjust(left=0.07, right=0.94, top=0.97,
                        bottom=(legend_height + 0.8) / height)
    return fig


def plot_sensitivity(sweep: pd.DataFrame, columns: int = 2):
    """Small multiples, one panel per threshold: sentence-level binary F1 and exact
    relation accuracy against the threshold value; the default is a dashed line, values
    that are not stable (see :data:`newscompare.evaluation.validation.STABLE_MAX_CHANGED_LABELS`) are hollow markers.
    Returns the matplotlib Figure."""
    import matplotlib.pyplot as plt

    apply_style()
    names = list(dict.fromkeys(sweep["threshold"]))
    rows = -(-len(names) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(FIGURE_WIDTH, 1.75 * rows + 0.7),
                                sharey=True, squeeze=False)
    lines = (("sentence_f1", "reused-or-not F1", RELATION_COLORS["verbatim"]),
             ("relation_accuracy", "exact relation accuracy", RELATION_COLORS["paraphrase"]))
    for ax, name in zip(axes.flat, names):
        group = sweep[sweep["threshold"] == name].sort_values("value")
        default = group.loc[group["is_default"], "value"].iloc[0]
        ax.axvline(default, color=NEUTRAL, linestyle="--", linewidth=0.8)
        for column, label, color in lines:
            ax.plot(group["value"], group[column], color=color, linewidth=1.2, label=label)
            for stable, face in ((True, color), (False, "white")):
                part = group[group["stable"] == stable]
                ax.scatter(part["value"], part[column], s=12, color=face, edgecolors=color,
                           linewidths=0.8, zorder=3)
        # Two panels share the width: a long name takes two lines rather than its neighbour's room.
        words = threshold_words(name)
        ax.set_title(figure_text("\n".join(textwrap.wrap(words[:1].upper() + words[1:], 26))), fontsize=SMALL_FONT,
                     fontweight="normal")
        ax.set_ylim(-0.05, 1.08)
        ax.tick_params(labelsize=SMALL_FONT)
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=2, fontsize=SMALL_FONT)
    figure.tight_layout(rect=(0, 0.45 / (1.75 * rows + 0.7), 1, 1))
    return figure
