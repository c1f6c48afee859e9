"""Small graphs: known answers (connected groups, longest chains)."""

from __future__ import annotations

import pytest

from newscompare.analysis.graphs import connected_groups, longest_chains


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


def test_longest_chains_count_the_edges_leading_to_each_node():
    # a -> b -> d and a -> c -> d -> e; f stands alone.
    edges = [("a", "b"), ("b", "d"), ("a", "c"), ("c", "d"), ("d", "e")]
    assert longest_chains("abcdef", edges) == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3, "f": 0}


def test_longest_chains_refuse_a_cycle_naming_what_forms_it():
    with pytest.raises(ValueError, match=r"the story links form a cycle through"):
        longest_chains("abc", [("a", "b"), ("b", "c"), ("c", "a")], "the story links")
