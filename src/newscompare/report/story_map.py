"""How the story travelled: a diagram of the texts of the corpus and the sources outside it.

Links between texts of the corpus come from the reuse finding (``reuse.article_pairs``:
its relation and likely source); links from sources outside the corpus (a news agency, a
wire story, a briefing) come from a story-specific CSV (the seeds' is
``story/outside_sources.csv``, columns ``source, date, target, link, evidence``), because
text comparison cannot see a text that is not in the corpus.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from newscompare.analysis.graphs import longest_chains
from newscompare.analysis.reuse import rests_on_credit
from newscompare.ingest.catalogue import read_catalogue_csv, short_repr
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.paths import STORY_DIR
from newscompare.report.plotting import FIGURE_WIDTH, NEUTRAL, SMALL_FONT, article_colors, figure_text, new_figure

OUTSIDE_SOURCES_FILE = STORY_DIR / "outside_sources.csv"
OUTSIDE_COLUMNS = ["source", "date", "target", "link", "evidence"]
LINK_COLUMNS = ["source", "target", "link", "inside_corpus"]
#: How a pair relation of ``reuse.article_pairs`` is named on the diagram.
RELATION_LINKS = {"copy": "copy", "partial_copy": "partial copy", "paraphrase": "rewrite"}
#: A text's box, in units of its column: the rest of the column is the gap its arrows cross.
BOX_WIDTH = 0.66
#: Characters per line in a box (9-point text in a box about an inch wide), and of a
#: link's name in the gap between boxes.
BOX_CHARS = 13
LINK_CHARS = 9


def load_outside_sources(path: Path | str = OUTSIDE_SOURCES_FILE) -> pd.DataFrame:
    """The links from sources outside the corpus, checked: one row per link."""
    path = Path(path)
    rows = []
    for line, row in read_catalogue_csv(path, OUTSIDE_COLUMNS, "a CSV of the links from "
                                        "sources outside the corpus (like story/outside_sources.csv)"):
        try:
            dt.date.fromisoformat(row["date"].strip())
        except ValueError:
            raise CorpusError(path, f"date {short_repr(row['date'])} is not YYYY-MM-DD", line=line) from None
        rows.append({c: row[c].strip() for c in OUTSIDE_COLUMNS})
    return pd.DataFrame(rows, columns=OUTSIDE_COLUMNS)


#: Added to the name of a link whose direction rests on no credit line.
TO_CHECK = ", to check"


def story_links(pairs: pd.DataFrame, outside: pd.DataFrame) -> pd.DataFrame:
    """Every link of the diagram: source, target (article id or outside source), the
    link's name and whether both ends are in the corpus. Corpus links are the related
    pairs with a likely source, named by :data:`RELATION_LINKS`; a direction no credit line
    states (dates, wording, coverage) is named with ", to check", as the check-by-hand list
    has it."""
    rows = []
    for row in pairs.itertuples():
        if row.relation in RELATION_LINKS and row.likely_source in (row.article_a, row.article_b):
            copy = row.article_b if row.likely_source == row.article_a else row.article_a
            credited = rests_on_credit(getattr(row, "evidence", ""))
            rows.append({"source": row.likely_source, "target": copy,
                         "link": RELATION_LINKS[row.relation] + ("" if credited else TO_CHECK),
                         "inside_corpus": True})
    for row in outside.itertuples():
        rows.append({"source": row.source, "target": row.target, "link": row.link,
                     "inside_corpus": False})
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%b}"


def story_map_figure(windows: pd.DataFrame, pairs: pd.DataFrame, outside: pd.DataFrame) -> Figure:
    """The diagram: sources outside the corpus as grey dashed boxes, the texts of the
    corpus as boxes in their book colours with outlet and publication date (``windows``
    from ``timeline.publication_windows``), arrows labelled with the link. Columns run
    from first source to last copy; each chain of links has its own band of rows."""
    links = story_links(pairs, outside)
    ids = list(windows["article"])
    outside_dates = dict(zip(outside["source"], outside["date"], strict=True))
    nodes = ids + [n for n in dict.fromkeys(list(links["source"]) + list(links["target"])) if n not in ids]
    unknown = [n for n in nodes if n not in ids and n not in outside_dates]
    if unknown:
        raise ValueError(f"story links name {unknown}, which are neither articles nor outside sources")
    # Longest path from each node to one without outgoing links: chains of reversed links.
    heights = longest_chains(nodes, [(row.target, row.source) for row in links.itertuples()],
                             "the story links")
    top = max(heights.values())
    column = {n: top - heights[n] for n in nodes}
    # Bands: connected groups of nodes, in order of their earliest date.
    group = {n: n for n in nodes}

    def root(n: str) -> str:
        while group[n] != n:
            n = group[n]
        return n

    for row in links.itertuples():
        group[root(row.source)] = root(row.target)
    dates = {**outside_dates, **dict(zip(windows["article"], windows["published_start"], strict=True))}
    bands: dict[str, list[str]] = {}
    for n in nodes:
        bands.setdefault(root(n), []).append(n)
    ordered = sorted(bands.values(), key=lambda members: (min(dates[m] for m in members), sorted(members)))
    position, row_number = {}, 0
    for members in ordered:
        rows_needed = 0
        for x in range(top + 1):
            here = sorted((m for m in members if column[m] == x), key=lambda m: (m not in ids, dates[m], m))
            for k, m in enumerate(here):
                position[m] = (x, row_number + k)
            rows_needed = max(rows_needed, len(here))
        row_number += rows_needed
    colors = article_colors(ids)
    window_of = {r.article: r for r in windows.itertuples()}
    # Narrow and with large type: the diagram must stay readable on a 390 px phone screen.
    fig, ax = new_figure(FIGURE_WIDTH, 1.1 * row_number + 0.3)
    # A box holds lines of BOX_CHARS characters; the gap between columns, the link's name
    # on lines of LINK_CHARS.
    box_w, box_h = BOX_WIDTH, 0.8
    for n, (x, y) in position.items():
        if n in ids:
            w = window_of[n]
            when = (_day(w.published_start) if w.published_start == w.published_end
                    else f"{_day(w.published_start)} to {_day(w.published_end)}")
            text = "\n".join(textwrap.wrap(w.outlet, BOX_CHARS)) + f"\n{when}"
            style = {"facecolor": colors[n], "edgecolor": colors[n], "alpha": 0.25, "linewidth": 1.5}
            weight = "bold"
        else:
            text = "\n".join(textwrap.wrap(n, BOX_CHARS) + [_day(outside_dates[n])]
                             + textwrap.wrap("(not in the corpus)", BOX_CHARS))
            style = {"facecolor": "white", "edgecolor": NEUTRAL, "linestyle": "--", "linewidth": 1.2}
            weight = "normal"
        ax.add_patch(FancyBboxPatch((x - box_w / 2, -y - box_h / 2), box_w, box_h,
                                    boxstyle="round,pad=0.02", **style))
        ax.text(x, -y, figure_text(text), ha="center", va="center", fontsize=SMALL_FONT, fontweight=weight,
                linespacing=1.05)
    for row in links.itertuples():
        (x0, y0), (x1, y1) = position[row.source], position[row.target]
        start, end = (x0 + box_w / 2, -y0), (x1 - box_w / 2, -y1)
        ax.annotate("", xy=end, xytext=start, arrowprops={
            "arrowstyle": "-|>", "color": "black" if row.inside_corpus else NEUTRAL, "lw": 1.3})
        # The label sits on the arrow's first half, clear of the box it points to.
        ax.text(start[0] + 0.5 * (end[0] - start[0]), start[1] + 0.5 * (end[1] - start[1]) + 0.06,
                figure_text("\n".join(textwrap.wrap(row.link, LINK_CHARS))), ha="center",
                va="bottom", fontsize=SMALL_FONT, fontstyle="italic", linespacing=1.0,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    ax.set_xlim(-0.5, top + 0.5)
    ax.set_ylim(-row_number + 0.5, 0.5)
    ax.axis("off")
    fig.tight_layout(pad=0.2)
    return fig


COPY_ERRORS_FILE = STORY_DIR / "copy_errors.csv"
COPY_ERROR_COLUMNS = ["article", "words", "error", "origin"]


def copy_errors(sentences: pd.DataFrame, path: Path | str = COPY_ERRORS_FILE) -> pd.DataFrame:
    """Errors a text makes or carries, read from a story-specific CSV (columns ``article,
    words, error, origin``), each checked against the texts: the ``words`` must occur in
    a body sentence of the article, whose number (0-based) and text are added as
    ``sentence_index`` and ``sentence``. A row whose words are not found is an error."""
    path = Path(path)
    rows = []
    for line, row in read_catalogue_csv(path, COPY_ERROR_COLUMNS, "a CSV of copy errors "
                                        "(like story/copy_errors.csv)"):
        article, words = row["article"].strip(), row["words"].strip()
        mine = sentences[(sentences["article"] == article) & sentences["sentence"].str.contains(words, regex=False)]
        if mine.empty:
            raise CorpusError(path, f"{short_repr(words)} is not in any body sentence of article "
                              f"{short_repr(article)}",
                              line=line)
        rows.append({"article": article, "sentence_index": int(mine["sentence_index"].iloc[0]),
                     "sentence": str(mine["sentence"].iloc[0]), "words": words,
                     "error": row["error"].strip(), "origin": row["origin"].strip()})
    return pd.DataFrame(rows, columns=["article", "sentence_index", "sentence", "words", "error", "origin"])
