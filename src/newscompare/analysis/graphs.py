"""Connected groups of a small undirected graph (union-find), used for copy families and
for merged or split sentences."""

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
