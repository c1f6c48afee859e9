"""The checks of a hand annotation's form: known problems on a tiny event, none on the
committed held-out gold."""

from __future__ import annotations

import pandas as pd
import pytest

from newscompare.evaluation import gold_checks, heldout


@pytest.fixture
def event(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "tiny-01.txt").write_text("Headline here\n\nThe minister said \u201cwe will act\u201d.\n", encoding="utf-8")
    (folder / "tiny-02.txt").write_text("Other headline\nBody text, as it was.\n", encoding="utf-8")
    (folder / "tiny-03.txt").write_text("Third\n", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "id,file,outlet,url,published\n"
        "tiny-01,tiny-01.txt,A,https://a.example/1,2024-01-01\n"
        "tiny-02,tiny-02.txt,B,https://b.example/2,2024-01-01\n"
        "tiny-03,tiny-03.txt,C,https://c.example/3,2024-01-01\n", encoding="utf-8")
    return folder


def _lines(folder):
    return gold_checks.raw_lines(folder, gold_checks.read_table(folder / "manifest.csv"))


def test_pairs_missing_twice_bad_direction(event):
    table = pd.DataFrame([
        ["tiny", "tiny-01", "tiny-02", "copy", "tiny-03", "3", "0", "3", ""],
        ["tiny", "tiny-01", "tiny-02", "copy", "common", "3", "0", "3", ""],
        ["tiny", "tiny-02", "tiny-03", "unrelated", "tiny-02", "0", "0", "1", ""],
    ], columns=gold_checks.COLUMNS["pairs"])
    problems = gold_checks.check_pairs(table, "tiny", ["tiny-01", "tiny-02", "tiny-03"])
    assert any("likely_source 'tiny-03'" in p for p in problems)
    assert any("listed twice" in p for p in problems)
    assert any("unrelated pair has likely_source" in p for p in problems)
    assert any("('tiny-01', 'tiny-03') missing" in p for p in problems)
    assert len(problems) == 4


def test_line_roles_cover_every_non_blank_line(event):
    table = pd.DataFrame([
        ["tiny", "tiny-01", "1", "headline", "Headline here", ""],
        ["tiny", "tiny-01", "2", "body", "", ""],
        ["tiny", "tiny-01", "3", "quote", "The minister", ""],
        ["tiny", "tiny-02", "2", "body", "Something else", ""],
    ], columns=gold_checks.COLUMNS["line_roles"])
    problems = gold_checks.check_line_roles(table, "tiny", _lines(event))
    assert problems == [
        "line_roles.csv line 3: tiny-01 line 2 is blank",
        "line_roles.csv line 4: role 'quote', expected one of " + str(gold_checks.LINE_ROLES),
        "line_roles.csv line 5: text_start 'Something else' does not begin tiny-02 line 2",
        "line_roles.csv: tiny-02 line 1 has no role",
        "line_roles.csv: tiny-03 line 1 has no role",
    ]


def test_quotes_are_found_in_their_article(event):
    table = pd.DataFrame([
        ["tiny", "tiny-01", "we will act", "full", "the minister", "", ""],
        ["tiny", "tiny-02", "we will act", "full", "the minister", "", ""],
    ], columns=gold_checks.COLUMNS["quotes"])
    assert gold_checks.check_quotes(table, "tiny", _lines(event)) == [
        "quotes.csv line 3: quotation 'we will act' not found in tiny-02"]


def test_the_committed_gold_is_well_formed():
    for event in heldout.event_names():
        assert gold_checks.check_event(heldout.HELDOUT_DIR / event,
                                       heldout.HELDOUT_ANNOTATIONS_DIR / event) == [], event
