"""Issue 10: progress on a terminal only, the parse cache, and the passim export."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from newscompare.cli import main
from newscompare.ingest.corpus import read_articles
from newscompare.ingest.nlp import load_model
from newscompare.ingest.paths import SEEDS_DIR, STORY_LEXICON_FILE

from conftest import write_corpus_folder

TEXTS = {
    "x": "# A Story\n\nThe minister will travel on Monday. Talks are planned.\n\n"
         "Read more: another story\n",
    "y": "By Jane Roe\n\nThe minister will travel on Monday, officials said.\n",
}


def tables(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}


def test_parse_cache_gives_byte_identical_tables(tmp_path: Path, monkeypatch, capsys) -> None:
    cache = tmp_path / "cache"
    lexicon = ["--lexicon", str(STORY_LEXICON_FILE)]  # so that framing terms are parsed too
    assert main(["analyze", str(SEEDS_DIR), "--out", str(tmp_path / "plain"), *lexicon]) == 0
    assert main(["analyze", str(SEEDS_DIR), "--out", str(tmp_path / "first"), "--cache", str(cache), *lexicon]) == 0
    assert len(list(cache.glob("*.parse"))) == 5  # one per article
    nlp = load_model()
    parsed = []
    real_pipe = nlp.pipe
    monkeypatch.setattr(nlp, "pipe", lambda texts, **kw: real_pipe(parsed.extend(texts) or texts, **kw))
    assert main(["analyze", str(SEEDS_DIR), "--out", str(tmp_path / "second"), "--cache", str(cache), *lexicon]) == 0
    paragraphs = {text for article in read_articles(SEEDS_DIR) for _, text in article.paragraphs}
    assert parsed and not paragraphs & set(parsed)  # only the framing terms; articles from the cache
    assert tables(tmp_path / "second") == tables(tmp_path / "first") == tables(tmp_path / "plain")


def test_changed_text_is_parsed_again(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = write_corpus_folder(tmp_path / "corpus", TEXTS)
    cache = tmp_path / "cache"
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--cache", str(cache)]) == 0
    (folder / "y.txt").write_text("The minister will fly on Monday, officials said.\n", encoding="utf-8")
    nlp = load_model()
    parsed = []
    real_pipe = nlp.pipe
    monkeypatch.setattr(nlp, "pipe", lambda texts, **kw: real_pipe(parsed.extend(texts) or texts, **kw))
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--cache", str(cache)]) == 0
    assert "The minister will fly on Monday, officials said." in parsed
    assert "The minister will travel on Monday. Talks are planned." not in parsed


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path, capsys) -> None:
    folder = write_corpus_folder(tmp_path / "corpus", TEXTS)
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""


def test_progress_per_stage_on_a_terminal(tmp_path: Path, monkeypatch, capsys) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    folder = write_corpus_folder(tmp_path / "corpus", TEXTS)
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 0
    shown = terminal.getvalue()
    for stage in ("parse", "alignments", "pairs", "edits", "entities", "quotes"):
        assert stage in shown


def test_export_passim_writes_one_json_object_per_article(tmp_path: Path, capsys) -> None:
    folder = write_corpus_folder(tmp_path / "corpus", TEXTS, published={"y": "2024-07-05/2024-07-07"})
    out = tmp_path / "passim" / "corpus.jsonl"
    assert main(["export-passim", str(folder), str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records == [
        {"id": "x", "series": "Outlet x", "date": "2024-07-04",
         "text": "The minister will travel on Monday. Talks are planned."},
        {"id": "y", "series": "Outlet y", "date": "2024-07-05",
         "text": "The minister will travel on Monday, officials said."},
    ]
    assert "2 articles" in capsys.readouterr().out


def test_export_passim_reports_bad_input(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["export-passim", str(tmp_path / "empty"), str(tmp_path / "out.jsonl")]) == 2
    assert "no manifest" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_export_passim_to_a_folder_is_refused(tmp_path: Path, capsys) -> None:
    folder = write_corpus_folder(tmp_path / "corpus", TEXTS)
    (tmp_path / "out.jsonl").mkdir()
    assert main(["export-passim", str(folder), str(tmp_path / "out.jsonl")]) == 2
    assert "out.jsonl: is a folder; expected a file name" in capsys.readouterr().err
