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


PAIR_SHARE = re.compile(r"::(pair\d+)_(a_in_b|b_in_a|shared)\b")


def test_a_pairs_share_of_wording_is_stated_in_one_direction_outside_its_chapter():
    """Issue 20 item 7: the front page gave 72% (the AFP text's share found in the copy)
    and the conclusions 54% (the copy's share found in the AFP text) as if one quantity.
    Outside the reuse chapter, which gives both directions side by side, each pair's share
    is glued under one name on every page."""
    used: dict[str, set[str]] = {}
    for page, text in book_pages(PROJECT_ROOT).items():
        if page == "notebooks/02_text_reuse.ipynb":
            continue
        for match in GLUE_ROLE.finditer(text):
            found = PAIR_SHARE.search(match.group(1) if "::" in match.group(1) else "::" + match.group(1))
            if found:
                used.setdefault(found.group(1), set()).add(found.group(2))
    assert used, "no page states a pair's shared wording"
    for pair, names in used.items():
        assert len(names) == 1, f"{pair}'s share is glued as {sorted(names)} on different pages"


SHARE_WITH_COUNTS = re.compile(r"(\d+(?:\.\d+)?)% \((\d[\d,]*) of (\d[\d,]*)")


def _glued_texts(root: Path) -> list[tuple[str, str]]:
    """(notebook, text) of every glued text/plain output stored in the notebooks."""
    found = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                for kind, text in output.get("data", {}).items():
                    if kind.endswith("text/plain"):  # glue stores "application/papermill.record/text/plain"
                        found.append((path.name, "".join(text)))
    return found


def test_every_share_given_with_its_counts_equals_them():
    """Issue 20: every "N% (a of b)" the book shows equals round(100 a / b) (a share
    rounded from a log's decimals was one point off its own counts)."""
    checked = 0
    for name, text in _glued_texts(PROJECT_ROOT) + list(book_pages(PROJECT_ROOT).items()):
        for match in SHARE_WITH_COUNTS.finditer(text):
            shown, part, whole = match.group(1), int(match.group(2).replace(",", "")), int(match.group(3).replace(",", ""))
            if whole == 0:
                continue
            decimals = len(shown.split(".")[1]) if "." in shown else 0
            expected = f"{100 * part / whole:.{decimals}f}"
            assert shown == expected or abs(float(shown) - 100 * part / whole) <= 0.5 * 10 ** -decimals + 1e-9, (
                name, match.group(0))
            checked += 1
    assert checked > 5
