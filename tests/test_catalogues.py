"""The three catalogue files (claims, events, framing lexicon) are read with one discipline:
each fault is one short line naming the file (and line), a FIFO never blocks, a BOM is
accepted, and a YAML alias bomb or an oversized file is refused before it is expanded."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newscompare.analysis import claims, framing, timeline
from newscompare.cli import main
from newscompare.ingest import catalogue
from newscompare.ingest.errors import CorpusError

from conftest import write_corpus_folder

GOOD_CLAIMS = "claims:\n  - id: visit\n    statement: A visit.\n    all_of: [[visit]]\n"
GOOD_EVENTS = "date,end_date,event,reported_by\n2024-07-01,,Announced,TASS\n"
GOOD_LEXICON = "categories:\n  naming:\n    terms: [war]\n"

#: loader, a valid file's text, the command-line option.
LOADERS: dict[str, tuple[Callable, str, str]] = {
    "claims": (claims.load_claims, GOOD_CLAIMS, "--claims"),
    "events": (timeline.load_events, GOOD_EVENTS, "--events"),
    "lexicon": (framing.load_lexicon, GOOD_LEXICON, "--lexicon"),
}
YAML_LOADERS = ["claims", "lexicon"]
#: The billion laughs: nine levels of nine aliases, a few hundred bytes that expand to 9**9 items.
ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + k)}: &{chr(98 + k)} [" + ",".join([f"*{chr(97 + k)}"] * 9) + "]\n" for k in range(8)
) + "claims: *i\ncategories: *i\n"


def refused(kind: str, path: Path) -> CorpusError:
    with pytest.raises(CorpusError) as error:
        LOADERS[kind][0](path)
    message = str(error.value)
    assert "\n" not in message and len(message) < 300 + len(str(path)), message
    assert message.startswith(str(path))
    return error.value


@pytest.mark.parametrize("kind", LOADERS)
def test_a_valid_catalogue_is_read(tmp_path, kind):
    path = tmp_path / "catalogue"
    path.write_text(LOADERS[kind][1], encoding="utf-8")
    assert LOADERS[kind][0](path) is not None


@pytest.mark.parametrize("kind", LOADERS)
def test_a_missing_catalogue_is_not_found(tmp_path, kind):
    assert "not found; expected a" in refused(kind, tmp_path / "nothing.yml").detail


@pytest.mark.parametrize("kind", LOADERS)
def test_a_folder_is_not_a_regular_file(tmp_path, kind):
    assert refused(kind, tmp_path).detail.startswith("not a regular file (a folder)")


@pytest.mark.parametrize("kind", LOADERS)
def test_a_fifo_is_refused_without_blocking(tmp_path, kind):
    fifo = tmp_path / "pipe.yml"
    os.mkfifo(fifo)
    # Opening a FIFO with no writer blocks forever: this test would hang, not fail.
    assert refused(kind, fifo).detail.startswith("not a regular file (a FIFO)")


@pytest.mark.parametrize("kind", LOADERS)
def test_a_catalogue_that_is_not_utf8_names_the_line(tmp_path, kind):
    path = tmp_path / "latin1"
    path.write_bytes(LOADERS[kind][1].encode("utf-8") + "# caf\u00e9\n".encode("latin-1"))
    error = refused(kind, path)
    assert "is not valid UTF-8" in error.detail
    assert error.line == LOADERS[kind][1].count("\n") + 1


@pytest.mark.parametrize("kind", LOADERS)
def test_a_byte_order_mark_is_accepted(tmp_path, kind):
    loader, text, _ = LOADERS[kind]
    plain, marked = tmp_path / "plain", tmp_path / "marked"
    plain.write_text(text, encoding="utf-8")
    marked.write_text(text, encoding="utf-8-sig")
    assert marked.read_bytes().startswith(b"\xef\xbb\xbf")
    first, second = loader(plain), loader(marked)
    if kind == "events":
        assert second.equals(first) and list(second.columns) == timeline.EVENT_COLUMNS
    else:
        assert second == first


@pytest.mark.parametrize("kind", LOADERS)
def test_an_oversized_catalogue_is_refused_by_the_documented_limit(tmp_path, kind):
    path = tmp_path / "big"
    path.write_text(LOADERS[kind][1] + "#" * catalogue.CATALOGUE_MAX_BYTES + "\n", encoding="utf-8")
    assert f"more than {catalogue.CATALOGUE_MAX_BYTES:,}" in refused(kind, path).detail


@pytest.mark.parametrize("kind", YAML_LOADERS)
def test_malformed_yaml_names_the_line(tmp_path, kind):
    path = tmp_path / "bad.yml"
    path.write_text(LOADERS[kind][1] + "  - [unclosed\n", encoding="utf-8")
    error = refused(kind, path)
    assert error.detail.startswith("not valid YAML")
    assert error.line is not None


@pytest.mark.parametrize("kind", YAML_LOADERS)
def test_a_yaml_alias_bomb_is_refused_on_one_short_line(tmp_path, kind):
    path = tmp_path / "bomb.yml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert len(ALIAS_BOMB) < 400
    error = refused(kind, path)
    assert "anchors and aliases" in error.detail
    assert error.line == 1


@pytest.mark.parametrize("kind", YAML_LOADERS)
def test_deep_yaml_nesting_is_refused(tmp_path, kind):
    path = tmp_path / "deep.yml"
    path.write_text("claims: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "levels deep" in refused(kind, path).detail


def test_a_long_value_is_quoted_short_in_the_error(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_text("claims:\n  - " + "x" * 100_000 + "\n", encoding="utf-8")
    error = refused("claims", path)
    assert error.detail.startswith("expected a mapping") and error.detail.endswith("...")


def test_a_long_event_date_is_quoted_short_in_the_error(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("date,end_date,event,reported_by\n" + "9" * 100_000 + ",,e,r\n", encoding="utf-8")
    assert refused("events", path).line == 2


@pytest.mark.parametrize("kind", LOADERS)
def test_analyze_refuses_a_fifo_catalogue_in_one_line(tmp_path, capsys, kind):
    folder = write_corpus_folder(tmp_path / "corpus", {"x": "The minister will travel.\n"})
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), LOADERS[kind][2], str(fifo)]) == 2
    assert capsys.readouterr().err == f"error: {fifo}: not a regular file (a FIFO); expected " \
        + {"claims": "a claims catalogue in YAML (like story/claims.yml)",
           "events": "a CSV of background events (like story/events.csv)",
           "lexicon": "a framing lexicon in YAML (like story/framing_lexicon.yml)"}[kind] + "\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", LOADERS)
def test_new_report_refuses_an_alias_bomb_or_a_folder_in_one_line(tmp_path, capsys, kind):
    folder = write_corpus_folder(tmp_path / "corpus", {"x": "The minister will travel.\n"})
    bad = tmp_path / "catalogue"
    if kind == "events":
        bad.mkdir()
    else:
        bad.write_text(ALIAS_BOMB, encoding="utf-8")
    assert main(["new-report", str(folder), str(tmp_path / "book"), LOADERS[kind][2], str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}") and err.count("\n") == 1 and len(err) < 300
    assert not (tmp_path / "book").exists()
