"""A quantity that appears on several pages is computed once and glued under one name.

Scans the book's markdown pages and the markdown cells of its notebooks for inline glue
(``{glue:text}`` and ``{glue}``). Where the words right after a glued number name one of the
concepts below ("3 renamings of the war", "15 quotations", "2 are related"), the number must
be that concept's one glued name; and that name must be glued by exactly one notebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newscompare.ingest.paths import PROJECT_ROOT

#: Concept -> (its one glued name as "notebook::key", what the words after a number say).
CONCEPTS = {
    "war renamings": ("notebooks/05_framing.ipynb::war_renamings",
                      re.compile(r"^\s*(war\s+)?renamings?\b", re.I)),
    "quotations in the corpus": ("notebooks/04_voices.ipynb::vc_quotes",
                                 re.compile(r"^\s*(direct\s+)?quotations\b(?!\s+(of|annotated))", re.I)),
    "related pairs": ("notebooks/02_text_reuse.ipynb::n_related",
                      re.compile(r"^\s*(are\s+)?related\b|^\s*related\s+pairs\b", re.I)),
}
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")
GLUE_CALL = re.compile(r"""\bglue\(\s*(f?)["']([^"']+)["']""")
AFTER_CHARS = 40  # the words right after a number: "renamings of the war", "quotations"
#: What a hand annotation says is a different quantity from what the package computes
#: (the validation chapter sets one against the other): such names may state the concept.
ANNOTATION_NAME = re.compile(r"::(gold|annotated|vc_annotated)_")


def book_pages(root: Path) -> dict[str, str]:
    """Page path (relative, POSIX) -> its prose: whole .md pages, notebooks' markdown cells."""
    pages = {}
    for path in sorted(root.glob("*.md")):
        if path.name != "README.md":
            pages[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        pages[path.relative_to(root).as_posix()] = "\n".join(
            "".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return pages


def glue_calls(root: Path) -> dict[str, list[str]]:
    """Glued key (as "notebook::key") -> the notebooks' code cells that glue it."""
    calls: dict[str, list[str]] = {}
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        for match in GLUE_CALL.finditer(source):
            if not match.group(1):  # f-strings glue families of names (pair0, pair1...)
                calls.setdefault(f"notebooks/{path.name}::{match.group(2)}", []).append(path.name)
    return calls


def resolve(page: str, reference: str) -> str:
    """A glue reference as "notebook::key" (format spec dropped, path made absolute)."""
    parts = reference.split("::")
    key = parts[-1].split(":")[0]
    if len(parts) == 1:
        return f"{page}::{key}"
    document = parts[0]
    if page.startswith("notebooks/") and "/" not in document:
        document = f"notebooks/{document}"
    return f"{document}::{key}"


def concept_uses(pages: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(page, concept, glued name, the words after it) for every glued number that
    names a concept."""
    uses = []
    for page, text in pages.items():
        for match in GLUE_ROLE.finditer(text):
            after = re.split(r"\{glue|[.;:()]", text[match.end():match.end() + AFTER_CHARS])[0]
            after = " ".join(after.split())
            for concept, (_, pattern) in CONCEPTS.items():
                if pattern.search(after):
                    uses.append((page, concept, resolve(page, match.group(1)), after))
    return uses


def test_each_concept_is_glued_from_its_one_name_on_every_page():
    uses = concept_uses(book_pages(PROJECT_ROOT))
    wrong = [f"{page}: '{after}' is glued from {name}, not {CONCEPTS[concept][0]}"
             for page, concept, name, after in uses
             if name != CONCEPTS[concept][0] and not ANNOTATION_NAME.search(name)]
    assert wrong == []


@pytest.mark.parametrize("concept", sorted(CONCEPTS))
def test_each_concept_appears_and_is_computed_by_one_notebook(concept):
    name, _ = CONCEPTS[concept]
    uses = [use for use in concept_uses(book_pages(PROJECT_ROOT)) if use[1] == concept]
    assert uses, f"no page states the {concept}; the scan would test nothing"
    assert glue_calls(PROJECT_ROOT).get(name) == [name.split("::")[0].split("/")[1]]


def test_scan_catches_a_second_name_for_a_concept():
    pages = {"intro.md": "There are {glue:text}`notebooks/03_edits.ipynb::n_framing:.0f` renamings "
                         "of the war and {glue:text}`notebooks/04_voices.ipynb::vc_quotes:.0f` quotations.",
             "notebooks/02_text_reuse.ipynb": "Only {glue:text}`n_related:.0f` are related."}
    uses = concept_uses(pages)
    assert [(u[1], u[2]) for u in uses] == [
        ("war renamings", "notebooks/03_edits.ipynb::n_framing"),
        ("quotations in the corpus", "notebooks/04_voices.ipynb::vc_quotes"),
        ("related pairs", "notebooks/02_text_reuse.ipynb::n_related"),
    ]
