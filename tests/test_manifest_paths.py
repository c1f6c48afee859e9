"""Issue 23, item 1: a manifest's ``file`` is resolved once, symlinks and ``..`` followed, and
that path is used for reading, checking and new-report's copy; a path that leaves the corpus
folder by any route is refused in one line naming the manifest and the line, before anything
is written; no command writes inside the corpus folder."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from newscompare import scaffold
from newscompare.cli import main
from newscompare.ingest.corpus import read_articles
from newscompare.scaffold import build_wheel

from conftest import MANIFEST_COLUMNS, write_corpus_folder

TEXT = "Modi will visit Moscow next week. The Kremlin said so on Thursday.\n"
OTHER_TEXT = "The minister will travel on Monday. Talks are planned in the capital.\n"
CHAPTERS_DIR = Path(__file__).parent / "fixtures" / "chapters"


def write_manifest(folder: Path, files: dict[str, str]) -> Path:
    """A manifest in ``folder`` whose rows name ``files`` (id -> the ``file`` cell, as given)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for article_id, name in files.items():
            writer.writerow([article_id, name, f"Outlet {article_id}", "", "2024-07-04"])
    return folder


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: a file's bytes, a link's target, a folder's name."""
    entries: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[key] = "-> " + os.readlink(path)
        elif path.is_file():
            entries[key] = path.read_bytes()
        else:
            entries[key] = "folder"
    return entries


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@pytest.fixture
def world(tmp_path: Path) -> Path:
    """A place with a corpus folder (``corpus/a.txt`` listed second, on line 3) and, beside
    it, a researcher's own file that no command may read into a report or overwrite."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "victim.txt").write_text(OTHER_TEXT, encoding="utf-8")
    return tmp_path


def new_report(corpus: Path, dest: Path, capsys, monkeypatch) -> tuple[int, str]:
    """Exit code and stderr of the command (for refusals: no wheel is built)."""
    # The placeholder chapters of the scaffold tests: the paths are the point here.
    monkeypatch.setattr("newscompare.scaffold.NOTEBOOK_TEMPLATES_DIR", CHAPTERS_DIR)
    code = main(["new-report", str(corpus), str(dest)])
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """This package's wheel, built once for the reports these tests make."""
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def make_book(corpus: Path, dest: Path, wheel: Path) -> Path:
    return scaffold.new_report(corpus, dest, notebooks_dir=CHAPTERS_DIR, wheel=wheel)


def absolute(corpus: Path, world: Path) -> str:
    (corpus / "b.txt").write_text(OTHER_TEXT, encoding="utf-8")
    return str(corpus / "b.txt")  # inside, but the manifest would not survive a copy


def climbs_out_and_back(corpus: Path, world: Path) -> str:
    (corpus / "b.txt").write_text(OTHER_TEXT, encoding="utf-8")
    return "../corpus/b.txt"  # new-report once copied it to DEST/corpus/b.txt


def climbs_out(corpus: Path, world: Path) -> str:
    return "../victim.txt"


def symlinked_folder_outside(corpus: Path, world: Path) -> str:
    (corpus / "outside").symlink_to(world, target_is_directory=True)
    return "outside/victim.txt"


def symlinked_file_outside(corpus: Path, world: Path) -> str:
    (corpus / "link.txt").symlink_to(world / "victim.txt")
    return "link.txt"


def symlink_then_climb(corpus: Path, world: Path) -> str:
    # Resolved, deep/../../.. is the corpus folder itself, so the file read is corpus/victim.txt;
    # new-report once copied it to seeds/deep/../../../victim.txt, i.e. over world/victim.txt.
    (corpus / "nested" / "deeper" / "deepest").mkdir(parents=True)
    (corpus / "deep").symlink_to(corpus / "nested" / "deeper" / "deepest", target_is_directory=True)
    (corpus / "victim.txt").write_text("Overwritten by a report on someone else's folder.\n", encoding="utf-8")
    return "deep/../../../victim.txt"


#: How a ``file`` cell can leave the corpus folder, and the reason the refusal gives.
REFUSED = {
    "absolute": (absolute, "is an absolute path"),
    "climbs out and back": (climbs_out_and_back, "climbs out of the corpus folder with '..'"),
    "climbs out": (climbs_out, "climbs out of the corpus folder with '..'"),
    "symlinked folder outside": (symlinked_folder_outside, "leads outside the corpus folder"),
    "symlinked file outside": (symlinked_file_outside, "leads outside the corpus folder"),
    "symlink then climb": (symlink_then_climb, "climbs out of the corpus folder with '..'"),
}


def make_refused_row(world: Path, case: str) -> tuple[Path, str, str]:
    """The corpus of ``world`` with a second row (line 3) naming the file of ``case``."""
    corpus = world / "corpus"
    make, expected = REFUSED[case]
    name = make(corpus, world)
    write_manifest(corpus, {"a": "a.txt", "x": name})
    return corpus, name, expected


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_path_leaving_the_corpus_is_refused_by_analyze(world: Path, case: str, capsys, monkeypatch) -> None:
    corpus, name, expected = make_refused_row(world, case)
    before = snapshot(world)
    code = main(["analyze", str(corpus), "--out", str(world / "out")])
    line = one_error_line(capsys.readouterr().err)
    assert code == 2
    assert line.startswith(f"error: {corpus / 'manifest.csv'}, line 3: file {name!r} {expected}"), line
    assert snapshot(world) == before


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_path_leaving_the_corpus_is_refused_by_new_report_before_dest_is_made(
        world: Path, case: str, capsys, monkeypatch) -> None:
    corpus, name, expected = make_refused_row(world, case)
    before = snapshot(world)
    code, err = new_report(corpus, world / "book", capsys, monkeypatch)
    line = one_error_line(err)
    assert code == 2
    # The manifest is blamed (an absolute path once gave "book: cannot be written").
    assert line.startswith(f"error: {corpus / 'manifest.csv'}, line 3: file {name!r} {expected}"), line
    assert snapshot(world) == before  # no DEST, no staging folder, the victim untouched


def test_a_path_leaving_the_corpus_is_refused_by_export_passim(world: Path, capsys) -> None:
    corpus, name, expected = make_refused_row(world, "climbs out")
    before = snapshot(world)
    assert main(["export-passim", str(corpus), str(world / "out.jsonl")]) == 2
    assert f"line 3: file {name!r} {expected}" in one_error_line(capsys.readouterr().err)
    assert snapshot(world) == before


def test_a_symlinked_folder_inside_then_dotdot_is_read_and_copied_by_its_resolved_path(
        world: Path, wheel: Path) -> None:
    # deep -> nested/deeper, so "deep/../b.txt" is nested/b.txt (not b.txt, as the string
    # reads): the file checked is the file read and the file copied, under nested/ in seeds/.
    corpus = world / "corpus"
    (corpus / "nested" / "deeper").mkdir(parents=True)
    (corpus / "nested" / "b.txt").write_text(OTHER_TEXT, encoding="utf-8")
    (corpus / "deep").symlink_to(corpus / "nested" / "deeper", target_is_directory=True)
    write_manifest(corpus, {"a": "./a.txt", "b": "deep/../b.txt"})
    [a, b] = read_articles(corpus)
    assert (a.file.path, a.file.relative.as_posix()) == ((corpus / "a.txt").resolve(), "a.txt")
    assert (b.file.path, b.file.relative.as_posix()) == ((corpus / "nested" / "b.txt").resolve(), "nested/b.txt")
    assert b.paragraphs == [(0, OTHER_TEXT.strip())]

    seeds = make_book(corpus, world / "book", wheel) / "seeds"
    assert sorted(path.relative_to(seeds).as_posix() for path in seeds.rglob("*") if path.is_file()) == [
        "a.txt", "manifest.csv", "nested/b.txt"]
    assert (seeds / "nested" / "b.txt").read_text(encoding="utf-8") == OTHER_TEXT
    # The copied manifest names each file by the path it was copied to, so the book reads it.
    with open(seeds / "manifest.csv", newline="", encoding="utf-8") as handle:
        assert [row["file"] for row in csv.DictReader(handle)] == ["a.txt", "nested/b.txt"]
    assert [article.row.fields["id"] for article in read_articles(seeds)] == ["a", "b"]


def test_a_symlinked_article_inside_the_corpus_is_copied_as_its_target(world: Path, wheel: Path) -> None:
    corpus = world / "corpus"
    (corpus / "texts").mkdir()
    (corpus / "texts" / "b.txt").write_text(OTHER_TEXT, encoding="utf-8")
    (corpus / "b.txt").symlink_to(corpus / "texts" / "b.txt")
    write_manifest(corpus, {"a": "a.txt", "b": "b.txt"})
    seeds = make_book(corpus, world / "book", wheel) / "seeds"
    assert not (seeds / "b.txt").exists()
    assert (seeds / "texts" / "b.txt").read_text(encoding="utf-8") == OTHER_TEXT
    assert not (seeds / "texts" / "b.txt").is_symlink()


def test_a_file_that_is_a_folder_is_not_a_regular_file(world: Path, capsys) -> None:
    corpus = world / "corpus"
    (corpus / "b.txt").mkdir()
    write_manifest(corpus, {"a": "a.txt", "b": "b.txt"})
    assert main(["analyze", str(corpus), "--out", str(world / "out")]) == 2
    assert one_error_line(capsys.readouterr().err) == (
        f"error: {corpus / 'manifest.csv'}, line 3: file 'b.txt' is not a regular file (a "
        "folder, a device or a pipe); expected an article file")


# --- outputs inside the corpus --------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus_folder(tmp_path / "corpus", {"a": TEXT, "b": OTHER_TEXT})


@pytest.mark.parametrize("target", ["manifest.csv", "a.txt", "passim.jsonl", "sub/passim.jsonl", "."])
def test_export_passim_refuses_an_output_inside_the_corpus(corpus: Path, target: str, capsys) -> None:
    before = snapshot(corpus)
    out = corpus / target
    assert main(["export-passim", str(corpus), str(out)]) == 2
    assert one_error_line(capsys.readouterr().err) == (
        f"error: {out}: is inside the corpus folder {corpus}; expected a path outside it (the "
        "corpus is never modified)")
    assert snapshot(corpus) == before


def test_export_passim_refuses_a_symlink_into_the_corpus(corpus: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "out.jsonl").symlink_to(corpus / "manifest.csv")
    before = snapshot(corpus)
    assert main(["export-passim", str(corpus), str(tmp_path / "out.jsonl")]) == 2
    assert "is inside the corpus folder" in one_error_line(capsys.readouterr().err)
    assert snapshot(corpus) == before


def test_export_passim_beside_the_corpus_is_written(corpus: Path, tmp_path: Path, capsys) -> None:
    assert main(["export-passim", str(corpus), str(tmp_path / "corpus.jsonl")]) == 0
    assert len((tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def refuse_analysis(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the analysis ran before the outputs were checked")

    monkeypatch.setattr("newscompare.cli.load_corpus", refuse)


@pytest.mark.parametrize("option", ["--out", "--cache"])
@pytest.mark.parametrize("inside", ["tables", ".", "sub/deeper"])
def test_analyze_refuses_an_output_inside_the_corpus(
        corpus: Path, tmp_path: Path, option: str, inside: str, capsys, monkeypatch) -> None:
    refuse_analysis(monkeypatch)
    before = snapshot(corpus)
    path = corpus / inside
    out = [] if option == "--out" else ["--out", str(tmp_path / "out")]
    assert main(["analyze", str(corpus), option, str(path), *out]) == 2
    assert one_error_line(capsys.readouterr().err) == (
        f"error: {path}: is inside the corpus folder {corpus}; expected a path outside it (the "
        "corpus is never modified)")
    assert snapshot(corpus) == before
    assert not (tmp_path / "out").exists()


def test_export_passim_refuses_to_replace_a_fifo(corpus: Path, tmp_path: Path, capsys) -> None:
    # A FIFO stands for any file that is not regular: /dev/null given as OUT must stay a device.
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    assert main(["export-passim", str(corpus), str(fifo)]) == 2
    assert one_error_line(capsys.readouterr().err) == (
        f"error: {fifo}: is not a regular file (a FIFO, device or socket); expected a file name "
        "such as corpus.jsonl")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symlink_loop_or_an_overlong_name_is_one_line(tmp_path: Path, capsys) -> None:
    folder = write_corpus_folder(tmp_path / "corpus", {"a": TEXT, "b": OTHER_TEXT})
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    rows = (folder / "manifest.csv").read_text(encoding="utf-8").replace("b.txt", "loop.txt")
    (folder / "manifest.csv").write_text(rows, encoding="utf-8")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 2
    assert "is a loop of symbolic links" in one_error_line(capsys.readouterr().err)
    (folder / "manifest.csv").write_text(rows.replace("loop.txt", "x" * 300 + ".txt"), encoding="utf-8")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 2
    assert "cannot be used (File name too long)" in one_error_line(capsys.readouterr().err)
