"""The copy families of any corpus as a diagram: each family a panel, each text a box,
and, where two texts of a family reprint one text that is not in the collection (the
pairs' ``likely_source`` is ``common``), that outside text as a box of its own.

Only what the pairs table states is drawn as an arrow: a likely source to its copy, and an
outside text to its reprints. A related pair whose direction no cue decides is a dashed
line without a head. Articles in no family are not drawn: the diagram's lead-in names them.

:func:`family_layout` computes what is drawn and where (tested without drawing);
:func:`family_figure` draws it.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

import networkx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from newscompare.analysis.graphs import longest_chains
from newscompare.analysis.reuse import COMMON_SOURCE, RELATED_PAIR_RELATIONS
from newscompare.report.plotting import FIGURE_WIDTH, NEUTRAL, SMALL_FONT, figure_text, new_figure

#: How a related pair's relation is written on its arrow.
RELATION_NAMES = {"copy": "copy", "partial_copy": "partial copy", "paraphrase": "rewrite"}
#: The credit a ``common`` pair's evidence names ("credit: both credit AFP, neither is
#: AFP's own text", written by ``reuse._credit_direction``).
_SHARED_CREDIT = re.compile(r"both credit (?P<name>.+?), neither is")

#: Inches: a box per text, up to three lines of 9.5-point text, and the gap to the next row.
ROW_INCHES = 0.66
#: Inches above each family's boxes, for its title and a gap after the family above.
TITLE_INCHES = 0.5
BOX_WIDTH, BOX_HEIGHT = 0.76, 0.72  # in units of a column and of a row
#: Inches of an average 9.5-point character: how many fit a box's line.
CHARACTER_INCHES = 0.087
#: Inches above the diagram for the legend of the stated relations.
LEGEND_INCHES = 0.5
#: Colours of the stated relations on their arrows (the sentence relations' blues and a
#: green for rewrites, told apart with the common forms of colour blindness).
STATED_COLORS = {"copy": "#084081", "partial copy": "#2B8CBE", "rewrite": "#009E73"}


@dataclass(frozen=True)
class Node:
    """A box: an article of the collection, or a text outside it."""

    key: str  # the article id, or "outside:<family>:<n>"
    label: str
    family: str
    column: int
    row: int
    outside: bool = False


@dataclass(frozen=True)
class Link:
    """``stated``: source -> copy (an arrow, with the relation); ``reprint``: outside
    text -> reprint (an arrow); ``undetermined``: a related pair of unknown direction
    (a dashed line, no head)."""

    source: str
    target: str
    kind: str
    relation: str = ""


@dataclass
class FamilyLayout:
    """Every family's boxes and links, in drawing order, and the articles in no family."""

    families: list[str] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    independent: list[str] = field(default_factory=list)
    #: Rows of each family's panel (its tallest column).
    rows: dict[str, int] = field(default_factory=dict)
    #: Columns of each family's panel (its longest chain of arrows, plus one).
    columns: dict[str, int] = field(default_factory=dict)


#: How a text outside the collection is named in its box, and in a narrow box.
OUTSIDE_TEXT = "a text outside the collection"
OUTSIDE_TEXT_SHORT = "outside text"


def outside_label(evidence: list[str]) -> str:
    """The name of an outside text: "a text outside the collection", with the agency
    its reprints credit when their evidence names one and only one."""
    names = sorted({m.group("name") for text in evidence for m in _SHARED_CREDIT.finditer(text)})
    if len(names) == 1:
        return f"{OUTSIDE_TEXT} (credited: {names[0]})"
    return OUTSIDE_TEXT


def _groups(members: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of ``members`` joined by ``edges``, each sorted, in order of their
    first member."""
    parent = {m: m for m in members}

    def root(m: str) -> str:
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for m in sorted(members):
        groups.setdefault(root(m), []).append(m)
    return sorted(groups.values())


def outside_groups(edges: list[tuple[str, str]],
                   credits: dict[frozenset[str], str] | None = None) -> list[list[str]]:
    """Groups of texts that reprint one outside text, from the pairs answered "common":
    the blocks of the graph of those pairs (its biconnected components, networkx), so
    that a text through which alone two groups touch (a rewrite that draws on a Reuters
    and an AP story) lies in both, and the two stories stay two boxes. A group in which
    pairs are missing stays one (the reprints of one story need not all pair with each
    other: a shorter and a longer take). Blocks of a single pair that meet in a text are
    one group too (a chain of reprints, each found paired with the next only, reprints
    one story: drawn as one box, not one per pair), and so are blocks whose pairs are
    credited (``credits``: pair -> the agency both texts credit) to one same agency.
    Each group sorted; groups in order."""
    graph = networkx.Graph()
    graph.add_edges_from(edges)
    blocks = [set(block) for block in networkx.biconnected_components(graph)]
    credits = credits or {}
    named = [{credits[frozenset(e)] for e in graph.subgraph(block).edges if frozenset(e) in credits}
             for block in blocks]
    joined = networkx.Graph()
    joined.add_nodes_from(range(len(blocks)))
    for first in range(len(blocks)):
        for second in range(first + 1, len(blocks)):
            if not blocks[first] & blocks[second]:
                continue
            chain = len(blocks[first]) == len(blocks[second]) == 2
            one_agency = len(named[first] | named[second]) == 1 and named[first] and named[second]
            if chain or one_agency:
                joined.add_edge(first, second)
    return sorted(sorted(set().union(*(blocks[k] for k in group)))
                  for group in networkx.connected_components(joined))


def family_layout(pairs: pd.DataFrame, families: pd.DataFrame, labels: dict[str, str]) -> FamilyLayout:
    """The diagram of ``families`` (``reuse.copy_families``) from the related pairs of
    ``pairs`` (``reuse.article_pairs``); ``labels`` names the articles. Families are
    drawn largest first; in each, a column per step of copying (outside texts and texts
    copied from none first), rows ordered so that a copy sits near its source."""
    related = pairs[pairs["relation"].isin(RELATED_PAIR_RELATIONS)]
    member_of = {r.article: r.family for r in families.itertuples() if r.family}
    layout = FamilyLayout(independent=sorted(r.article for r in families.itertuples() if not r.family))
    sizes = pd.Series(member_of).value_counts()
    layout.families = sorted(sizes.index, key=lambda f: (-sizes[f], int(f[1:]) if f[1:].isdigit() else 0, f))
    for family in layout.families:
        members = sorted(a for a, f in member_of.items() if f == family)
        mine = related[related["article_a"].map(member_of).eq(family)]
        links: list[Link] = []
        outside_nodes: list[tuple[str, str]] = []
        common = mine[mine["likely_source"] == COMMON_SOURCE]
        # Each block of the "common" pairs reprints one outside text (outside_groups).
        credited = {frozenset((row.article_a, row.article_b)): match.group("name")
                    for row in common.itertuples()
                    for match in [_SHARED_CREDIT.search(str(row.evidence))] if match}
        # A related pair of undecided direction between two reprints still shows that they
        # carry one text: it joins their groups (the reprints of one wire take, one of whose
        # pairs is undecided, are not drawn from two outside texts), though the box is
        # linked only to the texts that a "common" answer ties to it.
        undecided = mine[mine["likely_source"] == ""]
        reprints = set(common["article_a"]) | set(common["article_b"])
        joining = [(a, b) for a, b in zip(undecided["article_a"], undecided["article_b"], strict=True)
                   if a in reprints and b in reprints]
        groups = outside_groups(list(zip(common["article_a"], common["article_b"], strict=True)) + joining,
                                credited)
        for number, group in enumerate([g for g in groups if set(g) & reprints], 1):
            key = f"outside:{family}:{number}"
            inside = common["article_a"].isin(group) & common["article_b"].isin(group)
            outside_nodes.append((key, outside_label(list(common.loc[inside, "evidence"].astype(str)))))
            links += [Link(key, article, "reprint") for article in group if article in reprints]
        for row in mine[mine["likely_source"].isin(members)].itertuples():
            copy = row.article_b if row.likely_source == row.article_a else row.article_a
            links.append(Link(row.likely_source, copy, "stated", RELATION_NAMES.get(row.relation, "")))
        # Pairs of unknown direction: a dashed line only where the texts are not already
        # joined by a drawn link (a family of ten such texts would otherwise draw 45 lines;
        # the pairs table lists them all).
        undetermined = mine[mine["likely_source"] == ""]
        undetermined = undetermined.assign(
            most=undetermined[["containment_a_in_b", "containment_b_in_a"]].max(axis=1)
        ).sort_values(["most", "article_a", "article_b"], ascending=[False, True, True], kind="mergesort")
        joined = [(link.source, link.target) for link in links]
        keys = [k for k, _ in outside_nodes] + members
        for row in undetermined.itertuples():
            if len(_groups(keys, joined + [(row.article_a, row.article_b)])) < len(_groups(keys, joined)):
                links.append(Link(row.article_a, row.article_b, "undetermined", RELATION_NAMES.get(row.relation, "")))
                joined.append((row.article_a, row.article_b))
        # A box stands one column right of the longest chain of arrows leading to it.
        depth = longest_chains(keys, [(link.source, link.target) for link in links
                                      if link.kind != "undetermined"],
                               "the stated directions of copying")
        parents: dict[str, list[str]] = {k: [] for k in keys}
        for link in links:
            if link.kind != "undetermined":
                parents[link.target].append(link.source)
        row_of: dict[str, float] = {}
        label_of = dict(outside_nodes) | {a: labels.get(a, a) for a in members}
        for column in range(max(depth.values()) + 1):
            here = [k for k in keys if depth[k] == column]
            # Near its sources: ordered by their mean row, then by name.
            here.sort(key=lambda k: (sum(row_of[p] for p in parents[k]) / len(parents[k]) if parents[k] else -1,
                                     label_of[k], k))
            for row_number, key in enumerate(here):
                row_of[key] = row_number
                layout.nodes.append(Node(key, label_of[key], family, column, row_number, key.startswith("outside:")))
        layout.rows[family] = max(sum(1 for k in keys if depth[k] == c) for c in range(max(depth.values()) + 1))
        layout.columns[family] = max(depth.values()) + 1
        layout.links += links
    return layout


def family_figure(layout: FamilyLayout, family_names: dict[str, str] | None = None) -> Figure:
    """The drawing of ``layout``: a panel per family, stacked, each titled with
    ``family_names`` (family -> title; default "Family F1"), boxes in columns (dashed grey
    for a text outside the collection), arrows for stated directions coloured by relation
    (legend above), grey arrows to the reprints of an outside text, dashed lines for pairs
    of unknown direction. Lines pass behind the boxes. The height grows with the rows, so
    every label keeps its size."""
    family_names = family_names or {}
    relations = [r for r in STATED_COLORS if any(link.relation == r and link.kind == "stated" for link in layout.links)]
    legend_inches = LEGEND_INCHES if relations else 0.0
    height = sum(layout.rows.values()) * ROW_INCHES + len(layout.families) * TITLE_INCHES + 0.1 + legend_inches
    fig, ax = new_figure(FIGURE_WIDTH, max(height, 1.0))
    # Coordinates: x from 0 to 1 across the figure, each family's panel cut into its own
    # columns (a one-column family takes two), so that a long chain in one family does not
    # narrow the boxes of the others; y in rows from the top (a title takes TITLE/ROW rows).
    column_width = {family: 1 / max(layout.columns[family], 2) for family in layout.families}
    title_rows = TITLE_INCHES / ROW_INCHES
    top, position = {}, {}
    offset = 0.0
    for family in layout.families:
        top[family] = offset
        offset += title_rows + layout.rows[family]
    for node in layout.nodes:
        position[node.key] = ((node.column + 0.5) * column_width[node.family],
                              top[node.family] + title_rows + node.row + 0.5)
    for family in layout.families:
        ax.text(0.005, -(top[family] + 0.3 * title_rows), figure_text(family_names.get(family, f"Family {family}")),
                ha="left", va="top", fontsize=9.5, fontweight="bold")
    for node in layout.nodes:
        x, y = position[node.key]
        box_width = BOX_WIDTH * column_width[node.family]
        # A box's label fills its box: fewer characters a line the more columns share the width.
        box_chars = max(int(FIGURE_WIDTH * box_width / CHARACTER_INCHES), 8)
        label = node.label
        if node.outside and len(textwrap.wrap(label, box_chars)) > 3:
            label = label.replace(OUTSIDE_TEXT, OUTSIDE_TEXT_SHORT)  # keep the credit, shorten the rest
        if node.outside:
            style = {"facecolor": "white", "edgecolor": NEUTRAL, "linestyle": "--", "linewidth": 1.1}
        else:
            style = {"facecolor": "#DCEAF5", "edgecolor": "#0072B2", "linewidth": 1.0}
        ax.add_patch(FancyBboxPatch((x - box_width / 2, -y - BOX_HEIGHT / 2), box_width, BOX_HEIGHT,
                                    boxstyle="round,pad=0.0,rounding_size=0.08", zorder=2, **style))
        text = "\n".join(textwrap.wrap(label, box_chars, max_lines=3, placeholder="…")) or label
        ax.text(x, -y, figure_text(text), ha="center", va="center", fontsize=9.5, zorder=3,
                fontstyle="italic" if node.outside else "normal", linespacing=1.1)
    family_of = {node.key: node.family for node in layout.nodes}
    # A text with a stated source in the collection has the outside text through it: a
    # second, grey arrow from the outside text would cross the boxes between (and be read
    # as leaving one of them).
    sourced = {link.target for link in layout.links if link.kind == "stated"}
    for link in layout.links:
        if link.kind == "reprint" and link.target in sourced:
            continue
        (x0, y0), (x1, y1) = position[link.source], position[link.target]
        half = BOX_WIDTH * column_width[family_of[link.source]] / 2
        if link.kind == "undetermined":
            # Same column: an arc bulging right, clear of the boxes between the two.
            start, end = (x0 + half, -y0), (x1 + half, -y1)
            if x0 != x1:
                start, end = ((x0 + half, -y0), (x1 - half, -y1)) if x0 < x1 else \
                             ((x0 - half, -y0), (x1 + half, -y1))
            ax.annotate("", xy=end, xytext=start, zorder=1, arrowprops={
                "arrowstyle": "-", "linestyle": "--", "color": "black", "lw": 1.0,
                "connectionstyle": "arc3,rad=-0.35" if x0 == x1 else "arc3,rad=0"})
            continue
        start, end = (x0 + half, -y0), (x1 - half, -y1)
        colour = NEUTRAL if link.kind == "reprint" else STATED_COLORS.get(link.relation, "black")
        # An arrow past a column bends, so that it is not read as leaving a box it passes behind.
        ax.annotate("", xy=end, xytext=start, zorder=1, arrowprops={
            "arrowstyle": "-|>", "color": colour, "lw": 1.1 if link.kind == "reprint" else 1.6,
            "shrinkA": 0, "shrinkB": 1, "connectionstyle": "arc3,rad=0.25"
                                              if x1 - x0 > 1.5 * column_width[family_of[link.source]] else "arc3,rad=0"})
    if relations:
        handles = [Line2D([], [], color=STATED_COLORS[r], lw=1.6, marker=">", markevery=[1], label=r) for r in relations]
        fig.legend(handles=handles, loc="upper left", ncol=len(handles), fontsize=SMALL_FONT,
                   title="stated source → copy:", title_fontsize=SMALL_FONT, alignment="left",
                   bbox_to_anchor=(0.01, 1.0), frameon=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(-offset, 0)
    ax.axis("off")
    fig.subplots_adjust(left=0.01, right=0.99, top=1 - (legend_inches + 0.05) / max(height, 1.0), bottom=0.01)
    return fig
