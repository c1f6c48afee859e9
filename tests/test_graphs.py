"""Connected groups: known answers on small graphs."""

from __future__ import annotations

from newscompare.analysis.graphs import connected_groups


def test_chains_join_and_isolated_nodes_stay_alone() -> None:
    groups = connected_groups(["e", "a"], [("b", "c"), ("c", "d"), ("a", "b")])
    assert groups == [["a", "b", "c", "d"], ["e"]]


def test_no_edges_gives_singletons_in_order() -> None:
    assert connected_groups(["b", "a"], []) == [["a"], ["b"]]


def test_tuple_nodes_from_two_sides() -> None:
    edges = [(("c", 0), ("s", 0)), (("c", 0), ("s", 1)), (("c", 2), ("s", 3))]
    assert connected_groups([], edges) == [
        [("c", 0), ("s", 0), ("s", 1)], [("c", 2), ("s", 3)],
    ]
