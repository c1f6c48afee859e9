"""Known answers for word-level edits, their classes, omissions/additions and the
escaped reading view."""

from __future__ import annotations

import pandas as pd
import pytest

from newscompare import edits, reuse
from newscompare.reading_view import ROOT_CLASS, reading_view_html


def classes(source: str, copy: str) -> set[tuple[str, str]]:
    return {(e["operation"], e["edit_class"]) for e in edits.diff_words(source, copy)}


@pytest.mark.parametrize(
    ("source", "copy", "expected"),
    [
        ("Prices rose sharply in June across the region.", "Prices climbed sharply in June across the region.",
         ("substitution", "wording")),
        ("Prices rose in June across the region.", "Prices rose quickly in June across the region.",
         ("insertion", "wording")),
        ("Prices rose in June across the whole region.", "Prices rose in June across the region.",
         ("deletion", "wording")),
        ("In June, prices rose across the region.", "Prices rose across the region in June.",
         ("move", "wording")),
        ("The Kremlin said Thursday that talks would start.", "The Kremlin said yesterday that talks would start.",
         ("substitution", "time_reference")),
        ("India became a major purchaser of oil.", "India became a major buyer of oil.",
         ("substitution", "synonym")),
        ("The war has tested relations.", "That campaign has tested relations.",
         ("substitution", "framing")),
        ("Some were left stranded in border towns.", "Some were stranded in border towns.",
         ("deletion", "dropped_qualifier")),
    ],
)
def test_edit_operation_and_class(source, copy, expected):
    assert expected in classes(source, copy)


def test_typographic_only_changes_are_kept_apart():
    found = edits.diff_words('A much-needed "export market" for oil.', "A much needed \u201cexport market\u201d for oil.")
    assert found and {e["operation"] for e in found} == {"typographic"}


def test_identical_sentences_have_no_edits():
    assert edits.diff_words("Nothing changed here at all.", "Nothing changed here at all.") == []


def test_sentence_edits_and_omissions_on_a_copy():
    source = [
        "The harbour authority closed the northern bridge after heavy storms damaged its cables.",
        "Engineers found cracks in three supporting towers during an inspection on Monday.",
        "Repairs are expected to cost several million dollars and last until spring.",
        "The mayor promised temporary ferries for commuters while the work continues.",
    ]
    copy = [
        source[0],
        "Engineers found cracks in three supporting towers during an inspection yesterday.",
        source[3],
        "Separately, the national weather office warned of more rain along the coast.",
    ]
    rows = [
        {"article": a, "sentence_index": k, "sentence": s}
        for a, texts in {"a": source, "b": copy}.items() for k, s in enumerate(texts)
    ]
    sentences = pd.DataFrame(rows)
    found = edits.sentence_edits(sentences)
    assert found[["source_article", "copy_article", "edit_class"]].values.tolist() == [
        ["a", "b", "time_reference"]
    ]
    changes = edits.omissions_and_additions(sentences)
    sentence_level = changes[changes["level"] == "sentence"]
    assert sentence_level[["kind", "article", "sentence_index"]].values.tolist() == [
        ["omitted", "a", "2"], ["added", "b", "3"]
    ]


def test_reading_view_escapes_article_text():
    hostile = "He wrote <script>alert(1)</script> and &<>\"' in the text."
    sentences = pd.DataFrame({
        "article": ["a", "b"], "sentence_index": [0, 0],
        "sentence": [hostile, hostile.replace("wrote", "typed")],
    })
    alignments = reuse.align_sentences(sentences)
    page = reading_view_html(sentences, alignments, "a", "b")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;&lt;&gt;&quot;&#x27;" in page
    assert f'class="{ROOT_CLASS}"' in page
    assert "<del>wrote</del>" in page and "<ins>typed</ins>" in page


def test_seed_edits_find_the_weekday_change(seeds):
    found = edits.sentence_edits(seeds)
    time_edits = found[found["edit_class"] == "time_reference"]
    assert ("thursday" in " ".join(time_edits["source_text"])) and ("yesterday" in " ".join(time_edits["copy_text"]))
