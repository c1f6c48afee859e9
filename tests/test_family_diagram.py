"""The copy-family diagram (``report.family_diagram``) and the per-article figures at any
count of articles: known answers on hand-written pairs tables, and 100 synthetic
articles drawn with no two labels overlapping."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from newscompare.report import family_diagram, reuse_plots, voices_plots
from newscompare.report.family_diagram import family_figure, family_layout

PAIR_COLUMNS = ["article_a", "article_b", "relation", "likely_source", "evidence", "containment_a_in_b",
                "containment_b_in_a"]


def pairs_table(rows: list[tuple]) -> pd.DataFrame:
    """Pairs from (a, b, relation, likely_source, evidence) rows, each half contained."""
    return pd.DataFrame([(*row, 0.5, 0.5) for row in rows], columns=PAIR_COLUMNS)


def families_table(groups: dict[str, list[str]], independent: list[str]) -> pd.DataFrame:
    rows = [(a, family, len(members), "") for family, members in groups.items() for a in members]
    rows += [(a, "", 1, "independent") for a in independent]
    return pd.DataFrame(rows, columns=["article", "family", "family_size", "role"]).sort_values("article")


LABELS = {a: f"Outlet {a}" for a in "abcdefgh"}
AFP = "credit: both credit AFP, neither is AFP's own text"


def test_three_reprints_of_one_agency_story_share_one_outside_source():
    pairs = pairs_table([("a", "b", "copy", "common", AFP), ("a", "c", "copy", "common", AFP),
                         ("b", "c", "copy", "common", AFP), ("a", "d", "unrelated", "", ""),
                         ("b", "d", "unrelated", "", ""), ("c", "d", "unrelated", "", "")])
    layout = family_layout(pairs, families_table({"F1": ["a", "b", "c"]}, ["d"]), LABELS)
    outside = [node for node in layout.nodes if node.outside]
    assert [node.label for node in outside] == ["a text outside the collection (credited: AFP)"]
    assert sorted((link.source, link.target, link.kind) for link in layout.links) == [
        (outside[0].key, article, "reprint") for article in "abc"]
    assert not [link for link in layout.links if link.kind == "stated"]  # no arrow between the reprints
    assert layout.independent == ["d"]
    assert {node.key for node in layout.nodes} == {outside[0].key, "a", "b", "c"}  # d is listed, not drawn


def test_an_outside_source_without_one_credit_is_not_named():
    evidence = "credit: a wire reprint or rewrite of a text outside the collection (a: AP; b: Reuters)"
    pairs = pairs_table([("a", "b", "copy", "common", evidence)])
    layout = family_layout(pairs, families_table({"F1": ["a", "b"]}, []), LABELS)
    assert [node.label for node in layout.nodes if node.outside] == ["a text outside the collection"]


def test_a_stated_source_is_one_arrow_from_source_to_copy():
    pairs = pairs_table([("a", "b", "partial_copy", "b", "credit: a credits b's outlet")])
    layout = family_layout(pairs, families_table({"F1": ["a", "b"]}, []), LABELS)
    assert layout.links == [family_diagram.Link("b", "a", "stated", "partial copy")]
    columns = {node.key: node.column for node in layout.nodes}
    assert columns == {"b": 0, "a": 1}  # the source left of its copy
    assert not [node for node in layout.nodes if node.outside]


def test_an_undetermined_direction_is_a_line_without_head():
    pairs = pairs_table([("a", "b", "copy", "", "no cue decides")])
    layout = family_layout(pairs, families_table({"F1": ["a", "b"]}, []), LABELS)
    assert layout.links == [family_diagram.Link("a", "b", "undetermined", "copy")]
    figure = family_figure(layout)
    patches = [child for child in figure.axes[0].get_children() if hasattr(child, "arrowstyle")]
    del patches  # the drawing is checked by eye; the layout says what is drawn
    plt.close(figure)


def test_undetermined_pairs_already_joined_are_not_drawn_twice():
    # Three texts of unknown directions: two lines join them; the third pair is in the table.
    pairs = pairs_table([("a", "b", "copy", "", ""), ("a", "c", "copy", "", ""), ("b", "c", "copy", "", "")])
    layout = family_layout(pairs, families_table({"F1": ["a", "b", "c"]}, []), LABELS)
    assert len([link for link in layout.links if link.kind == "undetermined"]) == 2


def test_a_cycle_of_stated_directions_is_refused():
    pairs = pairs_table([("a", "b", "copy", "a", ""), ("b", "c", "copy", "b", ""), ("a", "c", "copy", "c", "")])
    with pytest.raises(ValueError, match="cycle"):
        family_layout(pairs, families_table({"F1": ["a", "b", "c"]}, []), LABELS)


def test_families_are_drawn_largest_first_with_outside_and_stated_links_together():
    pairs = pairs_table([("a", "b", "copy", "common", AFP), ("a", "c", "copy", "common", AFP),
                         ("b", "c", "copy", "common", AFP), ("c", "d", "paraphrase", "c", "dates and wording"),
                         ("e", "f", "copy", "e", "credit")])
    layout = family_layout(pairs, families_table({"F1": ["a", "b", "c", "d"], "F2": ["e", "f"]}, []), LABELS)
    assert layout.families == ["F1", "F2"]
    columns = {node.key: node.column for node in layout.nodes}
    assert columns["outside:F1:1"] == 0 and columns["c"] == 1 and columns["d"] == 2


# --- Every per-article figure at 100 articles: height grows, no label touches another ---

def overlapping_texts(figure) -> list[tuple[str, str]]:
    """Pairs of visible, non-empty texts of ``figure`` whose drawn boxes overlap."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer).shrunk(0.98, 0.9)) for t in texts]
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if box_a.overlaps(box_b)]


def synthetic_labels(count: int) -> dict[str, str]:
    """Article ids a001... with outlet names of varied length, some long enough to wrap."""
    names = ["Reuters", "The Moscow Times (AFP)", "International Business Times Australia", "CNA",
             "Trend News Agency", "kokani.me (republished newspaper copy)", "$5 Daily"]
    return {f"a{k:03d}": f"{names[k % len(names)]} {k}" for k in range(count)}


def synthetic_pairs(labels: dict[str, str]) -> pd.DataFrame:
    """Families of five (reprints of one outside text) and unrelated pairs between them."""
    ids = sorted(labels)
    rows = []
    for a, b in itertools.combinations(ids, 2):
        same = ids.index(a) // 5 == ids.index(b) // 5
        rows.append((a, b, "copy" if same else "unrelated", "common" if same else "", AFP if same else "",
                     0.8 if same else 0.01, 0.7 if same else 0.01))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def synthetic_alignments(labels: dict[str, str]) -> pd.DataFrame:
    ids = sorted(labels)
    rows = []
    for k, article in enumerate(ids):
        for sentence in range(8):
            relation = ["verbatim", "edited", "paraphrase", "none"][(k + sentence) % 4]
            match = ids[(k + 1) % len(ids)] if relation != "none" else ""
            rows.append((article, sentence, match, relation))
    return pd.DataFrame(rows, columns=["article", "sentence_index", "match_article", "relation"])


@pytest.mark.parametrize("count", [2, 15, 100])
def test_sentence_bars_grow_with_the_articles_and_keep_labels_apart(count):
    labels = synthetic_labels(count)
    figure = reuse_plots.sentence_relation_bars(synthetic_alignments(labels), labels)
    assert figure.get_figheight() >= 0.24 * count
    assert overlapping_texts(figure) == []
    plt.close(figure)


@pytest.mark.parametrize("count", [2, 8, 12, 15, 40])
def test_containment_matrix_grows_with_the_articles_and_keeps_labels_apart(count):
    # Up to 12 articles the chapter asks for the shares in the cells; they are written only
    # where they fit (two readers saw "28.2%34.5%" run together in a 12-article matrix).
    labels = synthetic_labels(count)
    figure = reuse_plots.containment_heatmap(synthetic_pairs(labels), labels, numbers=count <= 12)
    assert figure.get_figheight() >= 0.17 * count
    assert overlapping_texts(figure) == []
    plt.close(figure)


def test_family_diagram_of_100_articles_keeps_labels_apart():
    labels = synthetic_labels(100)
    pairs = synthetic_pairs(labels)
    ids = sorted(labels)
    families = families_table({f"F{k + 1}": ids[5 * k:5 * k + 5] for k in range(18)}, ids[90:])
    layout = family_layout(pairs, families, labels)
    assert len(layout.families) == 18 and len([n for n in layout.nodes if n.outside]) == 18
    figure = family_figure(layout)
    assert figure.get_figheight() >= 18 * 5 * family_diagram.ROW_INCHES
    assert overlapping_texts(figure) == []
    plt.close(figure)
@pytest.mark.parametrize("count", [2, 15, 100])
def test_source_bars_grow_with_the_articles_and_keep_labels_apart(count):
    labels = synthetic_labels(count)
    kinds = ["person", "institution", "agency"]
    by_kind = pd.DataFrame(np.arange(count * 3).reshape(count, 3) % 5, index=sorted(labels), columns=kinds)
    figure = voices_plots.sources_bar_chart(by_kind, labels)
    assert figure.get_figheight() >= 0.24 * count
    assert overlapping_texts(figure) == []
    plt.close(figure)


@pytest.mark.parametrize("count", [2, 15, 100])
def test_entity_heatmap_grows_with_the_articles_and_keeps_labels_apart(count):
    labels = synthetic_labels(count)
    entities = [f"Entity with a longer name {k}" for k in range(12)]
    matrix = pd.DataFrame(np.arange(12 * count).reshape(12, count) % 4, index=entities, columns=sorted(labels))
    figure = voices_plots.entity_heatmap(matrix, labels, articles_as_rows=count > 12)
    rows = count if count > 12 else len(entities)
    assert figure.get_figheight() >= 0.24 * rows
    assert overlapping_texts(figure) == []
    plt.close(figure)


@pytest.mark.parametrize("count", [1, 15, 100])
def test_edit_bars_grow_with_the_copy_pairs_and_keep_labels_apart(count):
    labels = synthetic_labels(count + 1)
    ids = sorted(labels)
    classes = ["typographic", "wording", "synonym", "framing"]
    edits = pd.DataFrame([(ids[0], ids[k + 1], classes[(k + n) % 4]) for k in range(count) for n in range(k % 5 + 1)],
                         columns=["source_article", "copy_article", "edit_class"])
    figure = reuse_plots.edit_class_bars(edits, labels)
    assert figure.get_figheight() >= 0.24 * count
    assert overlapping_texts(figure) == []
    plt.close(figure)


@pytest.mark.parametrize("count", [2, 15, 100])
def test_claims_grid_grows_with_the_articles_and_keeps_labels_apart(count):
    from newscompare.analysis.claims import Claim
    from newscompare.report import figures

    labels = synthetic_labels(count)
    articles = pd.DataFrame({"id": sorted(labels), "outlet": [labels[a] for a in sorted(labels)]})
    claims = [Claim(f"claim_{k}", "a statement", (("x",),)) for k in range(6)]
    table = pd.DataFrame([(c.id, a, (k + n) % 3 == 0) for k, c in enumerate(claims) for n, a in enumerate(sorted(labels))],
                         columns=["claim_id", "article", "present"])
    figure = figures.claims_figure(table, articles, claims)
    assert figure.get_figheight() >= 0.24 * (count if count > 12 else len(claims))
    assert overlapping_texts(figure) == []
    plt.close(figure)


def test_a_text_drawing_on_two_agencies_stories_does_not_merge_them():
    # a, b, c reprint one agency story; d reprints another; x takes from both stories.
    edges = [("a", "b"), ("a", "c"), ("b", "c"), ("a", "x"), ("b", "x"), ("c", "x"), ("d", "x")]
    assert family_diagram.outside_groups(edges) == [["a", "b", "c", "x"], ["d", "x"]]


def test_reprints_of_one_story_stay_one_group_though_not_every_pair_is_found():
    # Two takes of one story reprinted: a and b carry the first take, c both, d the second;
    # the pairs a-d and b-d were not found, yet a, b, c, d reprint one agency story.
    edges = [("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("b", "d")]
    assert family_diagram.outside_groups(edges) == [["a", "b", "c", "d"]]
    assert family_diagram.outside_groups([]) == []


def test_the_name_beside_a_bar_stays_inside_the_figure():
    # The ninth reader's "The Hindu (via Webjosh)" was cut at the figure's right edge.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    # More articles than get a colour each: the bars carry the name of the article matched most.
    labels = {f"t{k:02d}": f"The Hindu (via Webjosh) aggregator page {k}" for k in range(15)}
    figure = reuse_plots.sentence_relation_bars(synthetic_alignments(labels), labels)
    renderer = FigureCanvasAgg(figure).get_renderer()
    width = figure.bbox.x1
    notes = [text for ax in figure.axes for text in ax.texts]
    assert notes and all(text.get_window_extent(renderer).x1 <= width for text in notes)
    plt.close(figure)


def test_a_chain_of_reprints_each_paired_with_the_next_is_one_outside_text():
    # a-b, b-c and c-d were each found paired (no other pair): one story, one box.
    assert family_diagram.outside_groups([("a", "b"), ("b", "c"), ("c", "d")]) == [["a", "b", "c", "d"]]
    # A dense block and a pair hanging off it stay two, unless both credit one agency.
    edges = [("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")]
    assert family_diagram.outside_groups(edges) == [["a", "b", "c"], ["c", "d"]]
    credits = {frozenset(("a", "b")): "AP", frozenset(("c", "d")): "AP"}
    assert family_diagram.outside_groups(edges, credits) == [["a", "b", "c", "d"]]


def test_an_undecided_pair_of_two_reprints_keeps_them_with_one_outside_text():
    # a, b, c reprint one take (all "common"); d pairs "common" with c only, and its pair
    # with a is undecided: the four reprint one text, drawn as one box, not two.
    pairs = pairs_table([("a", "b", "copy", "common", ""), ("a", "c", "copy", "common", ""),
                         ("b", "c", "copy", "common", ""), ("c", "d", "copy", "common", ""),
                         ("a", "d", "copy", "", "no cue decides")])
    layout = family_layout(pairs, families_table({"F1": ["a", "b", "c", "d"]}, []), LABELS)
    outside = [node.key for node in layout.nodes if node.outside]
    assert len(outside) == 1
    assert sorted(link.target for link in layout.links if link.kind == "reprint") == ["a", "b", "c", "d"]


def test_no_grey_arrow_crosses_to_a_text_whose_source_is_drawn():
    # The twelfth reader read the grey arrow from the outside text to a far column, passing
    # behind the box between, as leaving that box: a text whose source is drawn has the
    # outside text through that source.
    pairs = pairs_table([("a", "b", "copy", "common", AFP), ("a", "c", "copy", "common", AFP),
                         ("b", "c", "copy", "b", "order: c updates b")])
    layout = family_layout(pairs, families_table({"F1": ["a", "b", "c"]}, []), LABELS)
    stated_targets = {link.target for link in layout.links if link.kind == "stated"}
    hidden = [link for link in layout.links if link.kind == "reprint" and link.target in stated_targets]
    assert hidden  # the layout keeps the link; the drawing leaves it out
    [ax] = family_figure(layout).axes
    arrows = [text for text in ax.texts if getattr(text, "arrow_patch", None) is not None]
    assert len(arrows) == len(layout.links) - len(hidden)
