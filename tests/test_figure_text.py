"""Text from the articles, the manifest and the catalogues is drawn literally in every
figure: dollar signs never start matplotlib mathematics (``$$...$$`` made the book's build
fail; ``$5 and $10`` was drawn in italics)."""

from __future__ import annotations

import io

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from newscompare.analysis.claims import Claim
from newscompare.report import figures, overview, reuse_plots, story_map, voices_plots
from newscompare.report.plotting import MAX_FIGURE_TEXT_CHARS, figure_text

MATH = r"$$\frac{a}{b}$$ News"
PRICES = "$5 and $10 Daily"
OUTLETS = {"a": MATH, "b": PRICES}


def drawn_text(figure) -> str:
    """The figure as SVG with its text kept as text (not glyph paths), so that what is drawn
    can be searched; drawing is also what fails on a mathematics parse error."""
    buffer = io.StringIO()
    with mpl.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg")
    plt.close(figure)
    return buffer.getvalue()


@pytest.mark.parametrize("text, escaped", [
    ("plain", "plain"),
    ("$5 and $10", r"\$5 and \$10"),
    ("$$x$$", r"\$\$x\$\$"),
    (r"already \$", r"already \\$"),
])
def test_figure_text_escapes_every_dollar(text, escaped):
    assert figure_text(text) == escaped


def articles() -> pd.DataFrame:
    return pd.DataFrame({"id": list(OUTLETS), "outlet": list(OUTLETS.values())})


def test_claims_figure_draws_outlets_and_claims_literally():
    table = pd.DataFrame({"article": ["a", "b"], "claim_id": ["c", "c"], "present": [True, False]})
    svg = drawn_text(figures.claims_figure(table, articles(), [Claim("c", "s", (("x",),))]))
    assert MATH in svg and PRICES in svg


def test_reuse_figures_draw_outlets_literally():
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "containment_a_in_b": [0.5],
                          "containment_b_in_a": [0.25]})
    # Labels are wrapped at 18 characters: search the lines.
    svg = drawn_text(reuse_plots.containment_heatmap(pairs, OUTLETS))
    assert r"$$\frac{a}{b}$$" in svg and PRICES in svg
    edits = pd.DataFrame({"source_article": ["a"], "copy_article": ["b"], "edit_class": ["$x$"]})
    svg = drawn_text(reuse_plots.edit_class_bars(edits, OUTLETS))
    # "source → copy", wrapped at 24 characters after the arrow.
    assert f"{MATH} →" in svg and PRICES in svg and "$x$" in svg


def test_voices_figures_draw_entities_and_outlets_literally():
    matrix = pd.DataFrame({"a": [1], "b": [2]}, index=["$Bond$ Corp"])
    svg = drawn_text(voices_plots.entity_heatmap(matrix, OUTLETS))
    assert "$Bond$ Corp" in svg and MATH in svg and PRICES in svg
    by_kind = pd.DataFrame({"person": [1, 2]}, index=["a", "b"])
    svg = drawn_text(voices_plots.sources_bar_chart(by_kind, OUTLETS))
    assert MATH in svg and PRICES in svg


def test_story_map_draws_outlets_sources_and_links_literally():
    windows = pd.DataFrame({"article": ["a", "b"], "outlet": ["$$x$$", "$5 and $10"],
                            "published_start": ["2024-07-04"] * 2, "published_end": ["2024-07-04"] * 2})
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "relation": ["copy"], "likely_source": ["a"]})
    outside = pd.DataFrame({"source": ["$ wire $"], "date": ["2024-07-03"], "target": ["a"],
                            "link": ["$paid$"], "evidence": [""]})
    svg = drawn_text(story_map.story_map_figure(windows, pairs, outside))
    for text in ("$$x$$", "$5 and $10", "$ wire $", "$paid$"):
        assert text in svg


def test_corpus_figures_draw_the_manifests_outlets_literally(make_corpus):
    corpus = make_corpus({"a": "The minister will travel on Monday.\n",
                          "b": "Talks are planned for July.\n"},
                         published={"a": "2024-07-04", "b": "2024-07-01/2024-07-05"})
    corpus.articles["outlet"] = corpus.articles["id"].map(OUTLETS)
    events = pd.DataFrame({"date": ["2024-07-02"], "end_date": ["2024-07-02"],
                           "event": ["Costs of $5 and $10 announced"], "reported_by": [""]})
    svg = drawn_text(figures.timeline_figure(corpus, events))
    assert MATH in svg and PRICES in svg and "Costs of $5 and $10 announced" in svg
    svg = drawn_text(overview.plot_sentence_lengths(corpus))
    assert MATH in svg and PRICES in svg


# --- characters the figure's fonts do not have ------------------------------------------

CJK, EMOJI = "新华社", "News 🙂"  # not in DejaVu Sans, the book's only font


@pytest.mark.parametrize("text, drawn", [
    (CJK, "\u25a1\u25a1\u25a1"),
    (EMOJI, "News \u25a1"),
    ("$5 \u231a", r"\$5 " + "\u25a1"),  # a watch: in STIX, not in DejaVu Sans
    ("Two\nlines é", "Two\nlines é"),
])
def test_figure_text_marks_characters_no_font_has(text, drawn):
    assert figure_text(text) == drawn


def test_figure_text_keeps_characters_a_fallback_font_has():
    # A second family in font.family is a fallback, glyph by glyph, as matplotlib draws.
    with mpl.rc_context({"font.family": ["DejaVu Sans", "STIXGeneral"]}):
        assert figure_text("$5 \u231a") == r"\$5 " + "\u231a"
        svg = drawn_text(voices_plots.sources_bar_chart(
            pd.DataFrame({"person": [1]}, index=["a"]), {"a": "Time \u231a"}))
    assert "Time \u231a" in svg


def test_reuse_figures_draw_cjk_and_emoji_outlets_without_a_missing_glyph_warning():
    # pytest turns warnings into errors here, as a strict book build does.
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "containment_a_in_b": [0.5],
                          "containment_b_in_a": [0.25]})
    labels = {"a": CJK, "b": EMOJI}
    svg = drawn_text(reuse_plots.containment_heatmap(pairs, labels))
    assert "\u25a1\u25a1\u25a1" in svg and "News \u25a1" in svg
    alignments = pd.DataFrame({"article": ["a", "b"], "sentence_index": [0, 0],
                               "match_article": ["b", "a"], "relation": ["verbatim", "verbatim"]})
    drawn_text(reuse_plots.sentence_relation_bars(alignments, labels))


# --- text too long to fit -----------------------------------------------------------------


def test_figure_text_cuts_only_text_over_the_limit():
    assert figure_text("O" * MAX_FIGURE_TEXT_CHARS) == "O" * MAX_FIGURE_TEXT_CHARS
    assert figure_text("O" * 10_000) == "O" * (MAX_FIGURE_TEXT_CHARS - 1) + "\u2026"
    # cut before escaping: the last dollar kept is escaped whole
    assert figure_text("$" * 10_000) == r"\$" * (MAX_FIGURE_TEXT_CHARS - 1) + "\u2026"


def test_reuse_figures_fit_a_10000_character_outlet_without_a_layout_warning():
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "containment_a_in_b": [0.5],
                          "containment_b_in_a": [0.25]})
    labels = {"a": "O" * 10_000, "b": "Short"}
    drawn_text(reuse_plots.containment_heatmap(pairs, labels))
    alignments = pd.DataFrame({"article": ["a", "b"], "sentence_index": [0, 0],
                               "match_article": ["b", "a"], "relation": ["verbatim", "verbatim"]})
    drawn_text(reuse_plots.sentence_relation_bars(alignments, labels))
