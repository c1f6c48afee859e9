"""The timeline of publication: when each article appeared, as the manifest dates it,
for every book (the claims chapter's timeline adds a story's events; this one needs
nothing but the manifest)."""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from newscompare.report.plotting import (
    FIGURE_WIDTH, NEUTRAL, SMALL_FONT, article_colors, figure_text, new_figure, row_inches,
)

#: Width of the figure, in inches: the book's (``plotting.FIGURE_WIDTH``), narrow enough for
#: its labels to stay readable on a phone; rows are ``plotting.row_inches`` high.
WIDTH_INCHES = FIGURE_WIDTH
#: Font size of the labels and dates, in points.
LABEL_POINTS = SMALL_FONT
#: Room for the axes, the date labels and the axis title, in inches.
MARGIN_INCHES = 1.1
#: Characters of an outlet's label kept on the figure ("…" marks a cut, in the middle, so
#: that the id that tells an outlet's articles apart stays), on lines of
#: :data:`LABEL_LINE_CHARS`: the label column then takes at most about a third of the width.
LABEL_CHARS = 38
LABEL_LINE_CHARS = 20
#: Rows above which the dates are also labelled above the plot, so that the top of a tall
#: figure can be read without scrolling down to its axis.
TOP_AXIS_ROWS = 20
#: Spans of days up to which every day gets its own tick ("4 Jul"): wider spans get the
#: automatic ticks of weeks, months or years.
DAY_TICKS_MAX_DAYS = 21
#: Spans of days up to which the ticks are labelled with a day and month ("8 Nov"), the
#: year given once in the axis title; wider spans label months and years ("Nov 2023").
DAY_LABEL_MAX_DAYS = 183


def _label(text: str) -> str:
    """``text`` cut to :data:`LABEL_CHARS` characters in the middle."""
    if len(text) <= LABEL_CHARS:
        return text
    head = (LABEL_CHARS - 1) * 2 // 3
    return text[:head].rstrip() + "…" + text[len(text) - (LABEL_CHARS - 1 - head):].lstrip()


def publication_order(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` (``id, published_start, published_end``) sorted as the timeline shows
    them: earliest possible day, then latest, then id."""
    return articles.sort_values(["published_start", "published_end", "id"], kind="mergesort").reset_index(drop=True)


def plot_publication_timeline(articles: pd.DataFrame, labels: dict[str, str]) -> Figure:
    """One row per article (``articles``: ``id, published_start, published_end``), in
    :func:`publication_order` from the top: a dot in the middle of an exact day, a bar
    over a window of possible days (a month, or a range the manifest gives). ``labels``
    names each article (id -> label). The figure's height grows with the rows."""
    ordered = publication_order(articles)
    colors = article_colors(ordered["id"])
    rows = len(ordered)
    names = ["\n".join(textwrap.wrap(_label(labels.get(i, i)), LABEL_LINE_CHARS)) or _label(labels.get(i, i))
             for i in ordered["id"]]
    fig, ax = new_figure(WIDTH_INCHES, MARGIN_INCHES + row_inches(names) * rows)
    one_day = dt.timedelta(days=1)
    starts = [dt.datetime.fromisoformat(str(day)) for day in ordered["published_start"]]
    ends = [dt.datetime.fromisoformat(str(day)) + one_day for day in ordered["published_end"]]
    # A day is drawn centred on its tick (the tick of "19 Mar" at midnight starting it would
    # make a window of 19-20 March end at the tick of 21 March, read as a day too long).
    half_day = one_day / 2
    for row, (article_id, start, end) in enumerate(zip(ordered["id"], starts, ends, strict=True)):
        if end - start == one_day:
            ax.plot([start], [row], "o", color=colors[article_id], markersize=6)
        else:
            ax.barh(row, end - start, left=start - half_day, height=0.55, color=colors[article_id], alpha=0.85)
    ax.set_yticks(range(rows), [figure_text(name) for name in names], fontsize=LABEL_POINTS)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.grid(axis="y", color=NEUTRAL, alpha=0.2)
    first, last = min(starts), max(ends)
    ax.set_xlim(first - one_day, last)
    if last - first <= dt.timedelta(days=DAY_TICKS_MAX_DAYS):
        interval = 1 if last - first <= dt.timedelta(days=6) else 2 if last - first <= dt.timedelta(days=12) else 3
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=interval))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    else:  # weeks, months or years: at most five labels, short enough not to run together
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=5))
        ax.xaxis.set_major_formatter(mdates.DateFormatter(
            "%-d %b" if last - first <= dt.timedelta(days=DAY_LABEL_MAX_DAYS) else "%b %Y"))
    # Day labels carry no year ("4 Jul"): the axis title gives it.
    years = f"{first:%Y}" if first.year == last.year else f"{first:%Y}–{last:%Y}"
    with_year = last - first <= dt.timedelta(days=DAY_LABEL_MAX_DAYS)
    ax.tick_params(axis="x", labelsize=LABEL_POINTS, labelrotation=0, labeltop=rows > TOP_AXIS_ROWS)
    # Two lines: on one, the caption outgrows a narrow figure and its end is cut off.
    ax.set_xlabel("a dot: the exact day;\na bar: the window of possible days"
                  + (f" ({years})" if with_year else ""), fontsize=LABEL_POINTS)
    fig.tight_layout()
    plt.close(fig)
    return fig
