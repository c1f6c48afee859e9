"""What the figures state agrees with the tables and the text, in readers' words, at a
width a phone shows legibly: issue 20 items 11, 12, 24 and 26 (the browser test measures
the built pages; these check the figures themselves)."""

from __future__ import annotations

import io

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text

from newscompare.analysis.claims import Claim
from newscompare.analysis.framing import Lexicon
from newscompare.report import figures, plotting, reuse_plots, voices_plots
from newscompare.report.presentation import InlineFigure, code_words


def drawn_text(figure) -> str:
    """The figure as SVG with its text kept as text, so that what is drawn can be searched."""
    buffer = io.StringIO()
    with mpl.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg")
    plt.close(figure)
    return buffer.getvalue()


def alignment_rows(rows: list[tuple[str, int, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article", "sentence_index", "match_article", "match_sentence_index",
                                       "relation"])


# A rewrite: b's sentence 2 is aligned to a's sentence 1 from b's side only (a's sentence 1
# is aligned to b's sentence 1); a's sentence 2 is aligned to two of b's.
ALIGNMENTS = alignment_rows([
    ("a", 0, "b", "0", "verbatim"), ("a", 1, "b", "1", "edited"), ("a", 2, "b", "3;4", "paraphrase"),
    ("b", 0, "a", "0", "verbatim"), ("b", 1, "a", "1", "edited"), ("b", 2, "a", "1", "paraphrase"),
    ("b", 3, "a", "2", "paraphrase"), ("b", 4, "a", "", "none"),
])


def test_aligned_links_take_both_sides_of_a_pair():
    links = reuse_plots.aligned_links(ALIGNMENTS, "a", "b")
    assert list(links.itertuples(index=False, name=None)) == [
        (0, 0, "verbatim"), (1, 1, "edited"), (1, 2, "paraphrase"), (2, 3, "paraphrase"), (2, 4, "paraphrase"),
    ]
    # Drawn from b's side, the same links, ends swapped.
    swapped = reuse_plots.aligned_links(ALIGNMENTS, "b", "a")
    assert sorted(zip(swapped["sentence_b"], swapped["sentence_a"], strict=True)) == sorted(
        zip(links["sentence_a"], links["sentence_b"], strict=True))


def test_alignment_diagram_draws_a_sentence_aligned_from_the_other_side():
    # Issue 20 item 11: b's sentence 3 (index 2) was drawn unmatched while the tables match it.
    figure = reuse_plots.alignment_diagram(ALIGNMENTS, "a", "b", {"a": "A", "b": "B"})
    [axes] = figure.axes
    lines = {(tuple(line.get_xdata()), tuple(line.get_ydata())) for line in axes.get_lines()}
    assert ((0, 1), (1, 2)) in lines
    assert len(lines) == 5
    plt.close(figure)


def test_a_containment_share_is_written_as_the_text_writes_it():
    # Issue 20 item 12: 1.5% was drawn as "2%" while the text says 1.5%.
    assert reuse_plots.share_text(0.015) == "1.5%"
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "containment_a_in_b": [0.015],
                          "containment_b_in_a": [0.723]})
    svg = drawn_text(reuse_plots.containment_heatmap(pairs, {"a": "A", "b": "B"}))
    assert ">1.5%<" in svg and ">72.3%<" in svg and ">2%<" not in svg


@pytest.mark.parametrize("code, words", [("war_naming", "war naming"), ("russian_oil", "russian oil"),
                                         ("paraphrase", "rewrite"), ("own_reporting", "own reporting")])
def test_code_words(code, words):
    assert code_words(code) == words


def test_figures_name_codes_in_readers_words():
    # Issue 20 item 24: war_naming, russian_oil, time_reference, own_reporting, partial_copy.
    articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"]})
    frames = pd.DataFrame({"article": ["a"], "category": ["war_naming"], "term": ["invasion"],
                           "in_quotation": [False]})
    svg = drawn_text(figures.frames_figure(frames, articles, Lexicon({"war_naming": ["invasion"]}, {})))
    assert "war naming" in svg and "war_naming" not in svg
    claims = pd.DataFrame({"article": ["a", "b"], "claim_id": ["russian_oil"] * 2, "present": [True, False]})
    svg = drawn_text(figures.claims_figure(claims, articles, [Claim("russian_oil", "s", (("oil",),))]))
    assert "russian oil" in svg and "russian_oil" not in svg
    edits = pd.DataFrame({"source_article": ["a"], "copy_article": ["b"], "edit_class": ["time_reference"]})
    svg = drawn_text(reuse_plots.edit_class_bars(edits, {"a": "A", "b": "B"}))
    assert "time reference" in svg and "time_reference" not in svg
    kinds = pd.DataFrame({"own_reporting": [1], "person": [2]}, index=["a"])
    svg = drawn_text(voices_plots.sources_bar_chart(kinds, {"a": "A"}))
    assert "own reporting" in svg and "own_reporting" not in svg
    svg = drawn_text(reuse_plots.sentence_relation_bars(ALIGNMENTS, {"a": "A", "b": "B"}))
    # A sentence is "reworded"; "rewrite" is the book's word for a pair of texts.
    assert "reworded" in svg and "paraphrase" not in svg and "rewrite" not in svg


def smallest_font(figure) -> float:
    """The smallest font size (points) of the texts the figure draws."""
    figure.canvas.draw()
    return min(text.get_fontsize() for text in figure.findobj(Text)
               if text.get_visible() and text.get_text().strip() and text.get_window_extent().width > 0)


def test_the_figure_width_shows_the_smallest_font_legibly_in_a_phone_column():
    # The rule of the browser test, on paper: points x displayed / natural width >= 8 px.
    scale = plotting.PHONE_COLUMN_PX / (plotting.FIGURE_WIDTH * 72)
    assert plotting.SMALL_FONT * scale >= plotting.MIN_LABEL_PX


def test_every_reuse_figure_draws_no_text_smaller_than_the_book_allows():
    labels = {"a": "The Moscow Times (AFP)", "b": "kokani.me (republished newspaper copy)"}
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "containment_a_in_b": [0.5],
                          "containment_b_in_a": [0.25]})
    drawn = [reuse_plots.containment_heatmap(pairs, labels), reuse_plots.sentence_relation_bars(ALIGNMENTS, labels),
             reuse_plots.alignment_diagram(ALIGNMENTS, "a", "b", labels)]
    for figure in drawn:
        assert figure.get_figwidth() <= plotting.FIGURE_WIDTH
        assert smallest_font(figure) >= plotting.SMALL_FONT
        plt.close(figure)


def test_an_inline_figure_is_shown_at_most_at_its_natural_size():
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4.5, 2.0))  # no text: nothing keeps it from shrinking
    html = InlineFigure(figure, "alt").html
    assert 'style="width: 100%; height: auto; min-width: 0px; max-width: 432px"' in html  # 4.5 in = 432 CSS px


@pytest.mark.parametrize(("points", "floor"), [(6, 432), (9, 288), (12, 216)])
def test_an_inline_figure_never_shrinks_its_smallest_label_below_8_pixels(points, floor):
    # A 6-point label is 8 CSS pixels at natural size: that figure never shrinks (it scrolls
    # in its box on a phone); a 12-point one may shrink to half its width.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4.5, 2.0))
    figure.text(0.5, 0.5, "label", fontsize=points)
    html = InlineFigure(figure, "alt").html
    assert f"min-width: {floor}px; max-width: 432px" in html


def test_sensitivity_panels_are_narrow_and_titled_in_words():
    sweep = pd.DataFrame({
        "threshold": ["ngram_size"] * 2 + ["paraphrase_in_order_min_overlap"] * 2,
        "value": [4, 5, 0.2, 0.3], "is_default": [False, True, True, False],
        "sentence_f1": [0.8, 0.9, 0.9, 0.7], "relation_accuracy": [0.7, 0.8, 0.8, 0.6],
        "stable": [True, True, True, False],
    })
    figure = figures.plot_sensitivity(sweep)
    assert figure.get_figwidth() <= plotting.FIGURE_WIDTH
    assert smallest_font(figure) >= plotting.SMALL_FONT
    svg = drawn_text(figure)
    assert "The length of the word" in svg and "ngram" not in svg
    assert "The overlap accepted" in svg and "paraphrase" not in svg  # wrapped, in words


def test_edit_bars_give_a_direction_only_where_the_pairs_state_one():
    # Two reprints of one outside text are "A and B", as the edits chapter titles them.
    edits = pd.DataFrame({"source_article": ["a", "c"], "copy_article": ["b", "d"],
                          "edit_class": ["wording", "synonym"]})
    pairs = pd.DataFrame({"article_a": ["a", "c"], "article_b": ["b", "d"], "likely_source": ["common", "c"]})
    svg = drawn_text(reuse_plots.edit_class_bars(edits, {"a": "A", "b": "B", "c": "C", "d": "D"}, pairs))
    assert "A and B" in svg and "C → D" in svg and "A → B" not in svg
