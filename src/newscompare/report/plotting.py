"""One look for every figure: the same style, and each article the same colour and
label in every figure of the book.

Figures in notebooks are shown as cell outputs; captions, numbers and alt text come
from the cell's ``mystnb`` metadata (``figure.caption``, ``figure.name``,
``image.alt``), so they are part of the page, not of the picture.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.figure import Figure

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
ARTICLE_PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",
)
NEUTRAL = "#8C8C8C"  # "no match", "absent" and other non-article marks
#: Colours of the sentence relations, in strength order, shared by every reuse figure.
RELATION_COLORS = {
    "verbatim": "#084081",
    "edited": "#2B8CBE",
    "paraphrase": "#7BCCC4",
    "none": "#D9D9D9",
}
#: Width of the book's text column on a 390 px phone, in CSS pixels: measured on the
#: chapter pages (the front page's is 342), where a figure is scaled down to it.
PHONE_COLUMN_PX = 326
#: The smallest label a reader reads on that phone without zooming, in displayed pixels:
#: the browser test measures every figure against it (``test_browser.py``).
MIN_LABEL_PX = 8
#: The smallest font size of any text in a figure, in points.
SMALL_FONT = 9.0
#: Width of every figure, in inches: the widest that shows a :data:`SMALL_FONT` label at
#: least :data:`MIN_LABEL_PX` tall in the phone column (5.1 inches), less a twentieth for
#: a column a little narrower. Figures grow in height, not width, with their rows; on a
#: wide screen they are shown at their natural size (``presentation.InlineFigure``).
FIGURE_WIDTH = round(0.95 * SMALL_FONT * PHONE_COLUMN_PX / (MIN_LABEL_PX * 72), 1)
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 200,  # 2x: sharp on high-density screens
    "figure.figsize": (FIGURE_WIDTH, 4.0),
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "legend.fontsize": SMALL_FONT,
    "legend.title_fontsize": SMALL_FONT,
    "xtick.labelsize": SMALL_FONT,
    "ytick.labelsize": SMALL_FONT,
    "svg.hashsalt": "newscompare",  # fixed ids in SVG output: identical files on re-runs
    "savefig.metadata": None,
}


def apply_style() -> None:
    """Set the book's matplotlib style (call once at the top of a notebook). In a
    notebook, figures are also shown at twice their display resolution ("retina"), so
    they stay sharp on high-density screens and when a phone zooms in."""
    mpl.rcParams.update({key: value for key, value in STYLE.items() if key != "savefig.metadata"})
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to configure
        return
    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")


def article_colors(article_ids: Iterable[str]) -> dict[str, str]:
    """Article id -> colour, assigned in sorted id order so it is the same in every figure."""
    ids = sorted(set(article_ids))
    return {article_id: ARTICLE_PALETTE[i % len(ARTICLE_PALETTE)] for i, article_id in enumerate(ids)}


def article_labels(articles) -> dict[str, str]:
    """Article id -> the outlet's name as readers know it ("The Moscow Times (AFP)"), from
    an ``articles`` table; the id stays in the data, not on the figures."""
    return {row.id: str(row.outlet) for row in articles.itertuples()}


#: Drawn in a figure label instead of a character that none of the figure's fonts has
#: (CJK, emoji and other scripts with DejaVu Sans alone): a visible mark, where matplotlib
#: would draw an empty box and warn "Glyph ... missing", which a strict book build fails
#: on. Tables keep the true text.
MISSING_GLYPH = "\u25a1"  # WHITE SQUARE
MISSING_GLYPH_FALLBACK = "?"  # for a font that lacks the square too
#: Longest text drawn in one figure label, line breaks included; a longer one is cut with
#: "…". An outlet name of 10,000 characters cannot be fitted: matplotlib's tight layout
#: gives up with a warning, which a strict book build fails on. Measured on the reuse
#: figures: 200 characters fit, 300 do not. Real outlet and speaker names are far shorter;
#: tables keep the whole text.
MAX_FIGURE_TEXT_CHARS = 150


def figure_fonts() -> tuple:
    """The font files matplotlib draws text with under the current style: one per family
    of ``font.family`` that is installed (matplotlib falls back through them in order,
    glyph by glyph), else its default font. Install a font that has a script (e.g. Noto
    Sans CJK) and name it in ``font.family`` after the book's font, and its text is drawn."""
    found = []
    for family in mpl.rcParams["font.family"]:
        try:
            found.append(font_manager.findfont(font_manager.FontProperties(family=family),
                                               fallback_to_default=False))
        except ValueError:  # not installed: matplotlib skips it the same way
            continue
    return tuple(dict.fromkeys(found)) or (font_manager.findfont(font_manager.FontProperties()),)


@functools.cache
def _characters_of(fonts: tuple) -> frozenset[int]:
    return frozenset().union(*(font_manager.get_font(path).get_charmap() for path in fonts))


def drawable_text(text: str) -> str:
    """``text`` with each character that none of :func:`figure_fonts` has replaced by
    :data:`MISSING_GLYPH` (line breaks are kept: they are not drawn as glyphs)."""
    characters = _characters_of(figure_fonts())
    mark = MISSING_GLYPH if ord(MISSING_GLYPH) in characters else MISSING_GLYPH_FALLBACK
    return "".join(c if c == "\n" or ord(c) in characters else mark for c in text)


def figure_text(text: object) -> str:
    """``text`` as literal text for a matplotlib figure, as ``html.escape`` makes it literal
    for HTML: every ``$`` is escaped, so text from the articles, the manifest or a catalogue
    is never read as mathematics (an outlet named ``$$...$$`` made the book's build fail;
    ``$5 and $10`` was drawn in italics), and a character the figure's fonts cannot draw
    (``新华社``, an emoji, with DejaVu Sans alone) is shown as :data:`MISSING_GLYPH`
    (:func:`drawable_text`). Wrap text before escaping it (a line break between the
    backslash and its ``$`` would show both). Text over :data:`MAX_FIGURE_TEXT_CHARS` is
    cut there with "…" (before escaping, so that a ``\\$`` is never split)."""
    drawn = drawable_text(str(text))
    if len(drawn) > MAX_FIGURE_TEXT_CHARS:
        drawn = drawn[:MAX_FIGURE_TEXT_CHARS - 1] + "\u2026"
    return drawn.replace("$", r"\$")


def figure_texts(texts: Iterable[object]) -> list[str]:
    """:func:`figure_text` of each of ``texts`` (tick labels)."""
    return [figure_text(text) for text in texts]


def new_figure(width: float = FIGURE_WIDTH, height: float = 4.0, **subplot_kw) -> tuple[Figure, object]:
    """A figure and axes in the book's style, :data:`FIGURE_WIDTH` wide by default."""
    apply_style()
    return plt.subplots(figsize=(width, height), **subplot_kw)


def style_article_matrix(ax, row_labels: list[str], article_ids: list[str],
                         labels: dict[str, str]) -> None:
    """Axes of an item (rows) x article (columns) dot matrix: one tick per row and per
    article, first row at the top, light row guides. Labels are drawn as literal text."""
    ax.set_yticks(range(len(row_labels)), figure_texts(row_labels), fontsize=SMALL_FONT)
    ax.set_xticks(range(len(article_ids)), figure_texts(labels[i] for i in article_ids), rotation=35,
                  ha="right", rotation_mode="anchor", fontsize=SMALL_FONT)
    ax.set_xlim(-0.6, len(article_ids) - 0.4)
    ax.set_ylim(len(row_labels) - 0.5, -0.5)
    ax.grid(axis="y", color=NEUTRAL, alpha=0.2)


def style_article_rows(ax, column_labels: list[str], article_names: list[str]) -> None:
    """Axes of an article (rows) x item (columns) dot matrix, the turned form of
    :func:`style_article_matrix` for many articles: item labels on top, one row per
    article (``article_names`` already wrapped), first article at the top."""
    ax.set_xticks(range(len(column_labels)), figure_texts(column_labels), rotation=90, fontsize=SMALL_FONT)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(article_names)), article_names, fontsize=SMALL_FONT)
    ax.set_xlim(-0.6, len(column_labels) - 0.4)
    ax.set_ylim(len(article_names) - 0.5, -0.5)
    ax.grid(axis="y", color=NEUTRAL, alpha=0.2)


#: Inches per row of a figure with a row per article (or per pair): a one-line 9-point
#: label and its gap. Such a figure grows by a row's height per article, so its labels
#: keep their size at 100 articles as at 2.
ROW_INCHES = 0.26
#: Inches added to every row for each further line of its longest wrapped label.
LINE_INCHES = 0.15


def wrapped_label(text: object, width: int) -> str:
    """``text`` wrapped onto lines of ``width`` characters (never cut), as literal figure
    text (:func:`figure_text`)."""
    return figure_text("\n".join(textwrap.wrap(str(text), width)) or str(text))


def row_inches(labels: Iterable[str]) -> float:
    """The height of one row that holds the tallest of ``labels`` (wrapped figure text)
    without touching the next."""
    lines = max((str(label).count("\n") + 1 for label in labels), default=1)
    return ROW_INCHES + LINE_INCHES * (lines - 1)


#: Articles up to which a matrix figure gives each article a column: a column of about 0.2
#: inch holds a dot (its count beside it gets tight), and twelve beside the row labels fill
#: the :data:`FIGURE_WIDTH`. With more articles, the articles become the rows (a row each,
#: the figure growing with them) and the items the columns.
MAX_ARTICLE_COLUMNS = 12
