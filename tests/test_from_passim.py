"""from-passim: passim's pairwise alignments back to a corpus folder for one story.

tests/fixtures/passim/seeds_align.json is the align.json part file a real passim run wrote
(passim 878ccb3, Spark 4.0.1 local mode) on the seeds as export-passim writes them:
``python -m newscompare export-passim seeds seeds.jsonl``, then
``spark-submit passim/seriatim.py --all-pairs --pairwise --fields 'xxhash64(series) as gid'
--filterpairs 'gid < gid2' seeds.jsonl out``. It aligns 000 with 001 and 003 with 004.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from newscompare.cli import main
from newscompare.ingest.corpus import read_articles
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.passim import (
    aligned_groups,
    read_passim_alignments,
    read_passim_records,
)
from newscompare.ingest.paths import SEEDS_DIR
from newscompare.tables import export_passim

ALIGN = Path(__file__).parent / "fixtures" / "passim" / "seeds_align.json"


@pytest.fixture
def seeds_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "seeds.jsonl"
    export_passim(SEEDS_DIR, path)
    return path


def test_real_passim_alignments_are_read():
    alignments = read_passim_alignments(ALIGN)
    assert sorted(zip(alignments["id"], alignments["id2"])) == [("000", "001"), ("003", "004"),
                                                                ("003", "004")]


def test_aligned_groups_are_connected_components_largest_first():
    alignments = pd.DataFrame({"id": ["d", "b", "x"], "id2": ["c", "a", "y"]})
    assert aligned_groups(alignments) == [["a", "b"], ["c", "d"], ["x", "y"]]
    chained = pd.DataFrame({"id": ["a", "c", "e"], "id2": ["b", "b", "f"]})
    assert aligned_groups(chained) == [["a", "b", "c"], ["e", "f"]]


def test_from_passim_writes_the_group_around_an_article(seeds_jsonl, tmp_path, capsys):
    dest = tmp_path / "story"
    assert main(["from-passim", str(ALIGN), str(seeds_jsonl), str(dest), "--around", "004"]) == 0
    assert "2 articles" in capsys.readouterr().out
    manifest = pd.read_csv(dest / "manifest.csv", dtype=str, keep_default_na=False)
    assert manifest.columns.tolist() == ["id", "file", "outlet", "url", "published"]
    assert manifest["id"].tolist() == ["003", "004"]
    seeds = pd.read_csv(SEEDS_DIR / "manifest.csv", dtype=str).set_index("id")
    assert manifest["outlet"].tolist() == seeds.loc[["003", "004"], "outlet"].tolist()
    # The folder is a corpus the commands read (as analyze and new-report do).
    articles = read_articles(dest)
    records = {json.loads(line)["id"]: json.loads(line) for line in seeds_jsonl.read_text().splitlines()}
    assert ["\n\n".join(t for _, t in a.paragraphs) for a in articles] == [
        records["003"]["text"], records["004"]["text"]]


def test_from_passim_defaults_to_the_largest_group(seeds_jsonl, tmp_path):
    # Two groups of two: the tie goes to the group with the first id.
    assert main(["from-passim", str(ALIGN), str(seeds_jsonl), str(tmp_path / "story")]) == 0
    assert sorted(p.name for p in (tmp_path / "story").iterdir()) == ["000.txt", "001.txt", "manifest.csv"]


def test_from_passim_refuses_a_bad_alignment_line(seeds_jsonl, tmp_path, capsys):
    bad = tmp_path / "align.json"
    bad.write_text(ALIGN.read_text(encoding="utf-8").splitlines()[0] + "\n{\"id\": \"000\"}\n",
                   encoding="utf-8")
    assert main(["from-passim", str(bad), str(seeds_jsonl), str(tmp_path / "story")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"error: {bad}, line 2: field 'id2' is missing; expected a string")
    assert error.count("\n") == 1
    assert not (tmp_path / "story").exists()


def test_from_passim_refuses_an_article_it_did_not_align(seeds_jsonl, tmp_path, capsys):
    assert main(["from-passim", str(ALIGN), str(seeds_jsonl), str(tmp_path / "story"),
                 "--around", "002"]) == 2
    assert capsys.readouterr().err == (
        f"error: {ALIGN}: aligns nothing with '002'; expected an article passim aligned with "
        "at least one other\n")


def test_from_passim_refuses_records_without_the_aligned_articles(tmp_path, capsys):
    records = tmp_path / "other.jsonl"
    records.write_text('{"id": "000", "text": "Some text.", "date": "2024-07-04"}\n', encoding="utf-8")
    assert main(["from-passim", str(ALIGN), str(records), str(tmp_path / "story")]) == 2
    assert capsys.readouterr().err == (
        f"error: {records}: has no record for '001', which {ALIGN} aligns; expected the file "
        "passim ran on\n")


def test_from_passim_refuses_a_bad_record_line(tmp_path):
    records = tmp_path / "bad.jsonl"
    records.write_text('{"id": "000", "text": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.jsonl, line 2: is not JSON"):
        read_passim_records(records)


def test_from_passim_refuses_a_folder_that_is_not_empty(seeds_jsonl, tmp_path, capsys):
    dest = tmp_path / "story"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine\n", encoding="utf-8")
    assert main(["from-passim", str(ALIGN), str(seeds_jsonl), str(dest)]) == 2
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert sorted(p.name for p in dest.iterdir()) == ["keep.txt"]


def _seeds_records_with(seeds_jsonl: Path, article: str, **changes) -> Path:
    """The seeds' passim records with some fields of one article changed (None drops it)."""
    lines = []
    for line in seeds_jsonl.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == article:
            for field, value in changes.items():
                if value is None:
                    record.pop(field, None)
                else:
                    record[field] = value
        lines.append(json.dumps(record))
    seeds_jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return seeds_jsonl


@pytest.mark.parametrize(("changes", "message"), [
    ({"date": "2024-13-45"}, "has date '2024-13-45'; expected a day"),
    ({"date": "2024-02-30"}, "has date '2024-02-30'; expected a day"),
    ({"date": "\u0662\u0660\u0662\u0664-\u0660\u0667-\u0660\u0665"}, "expected a day"),
    ({"text": "Some\u0000text here."}, "holds a NUL character"),
    ({"text": "!!! ??? ... --- ***"}, "the text has no words"),
    ({"series": None, "outlet": None}, "has no outlet or series"),
    ({"series": ["x", "y"]}, "field 'series' is ['x', 'y']; expected a string"),
    ({"url": {"href": "x"}}, "field 'url' is {'href': 'x'}; expected a string"),
    ({"text": "A\ud800 text."}, "unpaired surrogate"),
])
def test_from_passim_refuses_a_record_the_corpus_checks_would(seeds_jsonl, tmp_path, capsys, changes, message):
    records = _seeds_records_with(seeds_jsonl, "004", **changes)
    assert main(["from-passim", str(ALIGN), str(records), str(tmp_path / "story"), "--around", "004"]) == 2
    err = capsys.readouterr().err
    assert message in err and f"{records}, line " in err and err.count("\n") == 1
    assert not (tmp_path / "story").exists()


def test_from_passim_refuses_json_nested_too_deeply(tmp_path):
    records = tmp_path / "deep.jsonl"
    records.write_text('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"deep.jsonl, line 1: is not JSON this reader can take"):
        read_passim_records(records)


def test_from_passim_names_a_folder_given_as_the_records_file(tmp_path, capsys):
    (tmp_path / "recs").mkdir()
    assert main(["from-passim", str(ALIGN), str(tmp_path / "recs"), str(tmp_path / "story")]) == 2
    assert "recs: is a folder; expected the JSON-lines file" in capsys.readouterr().err


def test_from_passim_refuses_a_destination_that_loops(seeds_jsonl, tmp_path, capsys):
    loop = tmp_path / "story"
    loop.symlink_to(loop)
    assert main(["from-passim", str(ALIGN), str(seeds_jsonl), str(loop)]) == 2
    assert "cannot be followed" in capsys.readouterr().err
