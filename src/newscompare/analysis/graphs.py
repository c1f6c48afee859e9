"""Small graphs: connected groups (union-find) for copy families and merged or split
sentences; directions kept free of cycles; the longest chain leading to each node, which
places the boxes of the family diagram and of the story map."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


def connected_groups(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]]
                     ) -> list[list]:
    """The connected components of the graph, each as a sorted list, sorted by first member.

    Every node of ``nodes`` and every end of an edge is a node; a node with no edge is a
    component of its own. Nodes must be mutually comparable (for a deterministic order).
    """
    parent: dict = {}

    def root(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving keeps the trees flat
            node = parent[node]
        return node

    for node in nodes:
        root(node)
    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict = {}
    for node in list(parent):
        members.setdefault(root(node), []).append(node)
    return sorted(sorted(group) for group in members.values())


def reaches(edges: dict[Hashable, set[Hashable]], start: Hashable, goal: Hashable) -> bool:
    """Whether ``goal`` can be reached from ``start`` along the directed ``edges``
    (node -> its successors)."""
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(edges.get(node, ()))
    return False


def acyclic_edges(edges: Iterable[tuple[Hashable, Hashable]]) -> tuple[list[tuple], list[tuple]]:
    """(kept, dropped): the directed edges taken in the order given, each kept unless it
    closes a cycle with the edges kept before it. Give the edges strongest first, so that
    a cycle is broken at its weakest edge."""
    successors: dict[Hashable, set[Hashable]] = {}
    kept, dropped = [], []
    for source, target in edges:
        if source == target or reaches(successors, target, source):
            dropped.append((source, target))
            continue
        successors.setdefault(source, set()).add(target)
        kept.append((source, target))
    return kept, dropped


def longest_chains(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
                   what: str = "the links") -> dict[Hashable, int]:
    """Node -> the number of edges on the longest chain of ``edges`` (from, to) that ends
    at it (0 for a node nothing leads to); raise ValueError naming ``what`` on a cycle,
    which no stated chain of sources may hold."""
    nodes = list(nodes)
    before: dict[Hashable, list[Hashable]] = {node: [] for node in nodes}
    for start, end in edges:
        before[end].append(start)
    length: dict[Hashable, int] = {}

    def visit(node: Hashable, path: frozenset) -> int:
        if node in path:
            raise ValueError(f"{what} form a cycle through {node!r}")
        if node not in length:
            length[node] = max((visit(earlier, path | {node}) + 1 for earlier in before[node]), default=0)
        return length[node]

    for node in nodes:
        visit(node, frozenset())
    return length

