"""Issue 23, item 2: parse cache entries are written atomically and carry the hash of what they
hold; a damaged, swapped or foreign entry is parsed again with one warning line naming it
(never spaCy's advice to convert it); an unusable cache path is refused in one line."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zlib
from pathlib import Path

import pytest
import srsly
from spacy.tokens import DocBin

from newscompare.cli import main
from newscompare.ingest import nlp

from conftest import write_corpus_folder

TEXTS = {
    "a": "Modi will visit Moscow next week. The Kremlin said so on Thursday.\n",
    "b": "The minister will travel on Monday. Talks are planned in the capital.\n\n"
         "A second paragraph follows here.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus_folder(tmp_path / "corpus", TEXTS)


def analyze(corpus: Path, out: Path, cache: Path | str, capsys) -> tuple[int, str]:
    """Exit code and stderr of ``analyze corpus --out out --cache cache``."""
    code = main(["analyze", str(corpus), "--out", str(out), "--cache", str(cache)])
    return code, capsys.readouterr().err


def entries(cache: Path) -> dict[str, bytes]:
    """Every file in the cache folder, hidden ones too, by name."""
    return {path.name: path.read_bytes() for path in sorted(cache.iterdir())}


def entry_of(cache: Path, article_text: str) -> Path:
    """The entry of the article whose one body paragraph set is ``article_text``'s."""
    paragraphs = [line for line in article_text.splitlines() if line.strip()]
    return cache / f"{nlp._cache_key(paragraphs)}{nlp.CACHE_SUFFIX}"


def sentences(out: Path) -> bytes:
    return (out / "sentences.csv").read_bytes()


def refuse_analysis(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the corpus was loaded before the cache folder was checked")

    monkeypatch.setattr("newscompare.cli.load_corpus", refuse)


def one_line(err: str, prefix: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(prefix), err
    return lines[0]


# --- writing ---------------------------------------------------------------------------


def test_each_entry_carries_its_key_and_the_hash_of_its_bytes(corpus: Path, tmp_path: Path, capsys) -> None:
    cache = tmp_path / "cache"
    assert analyze(corpus, tmp_path / "out", cache, capsys) == (0, "")
    names = sorted(entries(cache))
    assert names == sorted(entry_of(cache, text).name for text in TEXTS.values())  # no partial file left
    for name in names:
        header_line, _, payload = (cache / name).read_bytes().partition(b"\n")
        assert json.loads(header_line) == {
            "format": nlp.CACHE_FORMAT, "key": name.removesuffix(nlp.CACHE_SUFFIX),
            "payload_bytes": len(payload), "payload_sha256": hashlib.sha256(payload).hexdigest()}


def test_a_write_that_fails_leaves_no_entry_and_no_partial_file(
        corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    cache = tmp_path / "cache"

    def disk_full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(nlp.os, "replace", disk_full)
    code, err = analyze(corpus, tmp_path / "out", cache, capsys)
    assert code == 2
    assert one_line(err, "error: ") == (
        f"error: {cache}: cannot write the parse cache entry {entry_of(cache, TEXTS['a']).name} "
        "(No space left on device); expected a writable folder with free space")
    assert entries(cache) == {}
    assert not (tmp_path / "out").exists()


def test_entries_follow_the_users_umask(corpus: Path, tmp_path: Path, capsys) -> None:
    previous = os.umask(0o022)
    try:
        assert analyze(corpus, tmp_path / "out", tmp_path / "cache", capsys) == (0, "")
    finally:
        os.umask(previous)
    assert {oct((tmp_path / "cache" / name).stat().st_mode & 0o777)
            for name in entries(tmp_path / "cache")} == {"0o644"}


# --- reading: every bad entry is parsed again, with one warning line -------------------


@pytest.fixture
def first_run(corpus: Path, tmp_path: Path, capsys) -> tuple[Path, dict[str, bytes], bytes]:
    """The cache after one run, its entries, and the sentences table of that run."""
    cache = tmp_path / "cache"
    assert analyze(corpus, tmp_path / "first", cache, capsys) == (0, "")
    return cache, entries(cache), sentences(tmp_path / "first")


def rerun_warnings(corpus: Path, tmp_path: Path, cache: Path, capsys) -> list[str]:
    """The warning lines of a second run, which must succeed with the first run's sentences."""
    code, err = analyze(corpus, tmp_path / "second", cache, capsys)
    assert code == 0, err
    assert "spacy convert" not in err
    lines = err.splitlines()
    assert all(line.startswith("warning: ") for line in lines), err
    return lines


def warning(path: Path, reason: str) -> str:
    return (f"warning: {path}: parse cache entry not usable ({reason}); the article is parsed "
            "again and the entry replaced")


def test_a_truncated_entry_is_parsed_again_and_rewritten_whole(
        corpus: Path, tmp_path: Path, first_run, capsys) -> None:
    cache, before, first_sentences = first_run
    entry = entry_of(cache, TEXTS["b"])
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2])  # as a full disk once left it
    payload_bytes = len(whole.partition(b"\n")[2])
    truncated_to = len(whole) // 2 - len(whole.partition(b"\n")[0]) - 1
    assert rerun_warnings(corpus, tmp_path, cache, capsys) == [warning(
        entry, f"truncated or extended: {truncated_to} bytes, the header says {payload_bytes}")]
    assert sentences(tmp_path / "second") == first_sentences
    assert entries(cache) == before


def test_swapped_entries_give_each_article_its_own_sentences(
        corpus: Path, tmp_path: Path, first_run, capsys) -> None:
    cache, before, first_sentences = first_run
    entry_a, entry_b = entry_of(cache, TEXTS["a"]), entry_of(cache, TEXTS["b"])
    entry_a.write_bytes(before[entry_b.name])
    entry_b.write_bytes(before[entry_a.name])
    reason = "it holds another text: its stored hash differs"
    assert sorted(rerun_warnings(corpus, tmp_path, cache, capsys)) == sorted(
        [warning(entry_a, reason), warning(entry_b, reason)])
    assert sentences(tmp_path / "second") == first_sentences
    assert entries(cache) == before


@pytest.mark.parametrize("content, reason", [
    (b"", "no 'newscompare parse cache 1' header"),
    (b"garbage\n" * 3, "no 'newscompare parse cache 1' header"),
    (b"[" * 5000 + b"\n", "no 'newscompare parse cache 1' header"),  # not read past the bound
    (b"\xff\xfe\n", "no 'newscompare parse cache 1' header"),
])
def test_an_entry_that_is_not_one_is_parsed_again(
        corpus: Path, tmp_path: Path, first_run, capsys, content: bytes, reason: str) -> None:
    cache, before, first_sentences = first_run
    entry = entry_of(cache, TEXTS["a"])
    entry.write_bytes(content)
    assert rerun_warnings(corpus, tmp_path, cache, capsys) == [warning(entry, reason)]
    assert sentences(tmp_path / "second") == first_sentences
    assert entries(cache) == before


def test_a_bare_docbin_is_not_handed_to_spacy_unchecked(
        corpus: Path, tmp_path: Path, first_run, capsys) -> None:
    # The format of the cache before issue 23: the DocBin alone.
    cache, before, first_sentences = first_run
    entry = entry_of(cache, TEXTS["a"])
    entry.write_bytes(before[entry.name].partition(b"\n")[2])
    assert rerun_warnings(corpus, tmp_path, cache, capsys) == [
        warning(entry, "no 'newscompare parse cache 1' header")]
    assert entries(cache) == before


def test_an_altered_entry_is_parsed_again(corpus: Path, tmp_path: Path, first_run, capsys) -> None:
    cache, before, first_sentences = first_run
    entry = entry_of(cache, TEXTS["a"])
    data = bytearray(before[entry.name])
    data[-10] ^= 0xFF  # one byte of the DocBin changed, the length kept
    entry.write_bytes(bytes(data))
    assert rerun_warnings(corpus, tmp_path, cache, capsys) == [
        warning(entry, "altered: the sha256 of its bytes differs from the header's")]
    assert entries(cache) == before


def test_an_entry_with_a_right_header_but_another_articles_parse_is_parsed_again(
        corpus: Path, tmp_path: Path, first_run, capsys) -> None:
    # A forged entry: a whole, well-formed entry under a's key that holds b's parse.
    cache, before, first_sentences = first_run
    entry_a, entry_b = entry_of(cache, TEXTS["a"]), entry_of(cache, TEXTS["b"])
    docs_b = list(DocBin().from_bytes(before[entry_b.name].partition(b"\n")[2]).get_docs(nlp.load_model().vocab))
    nlp._write_cache_entry(entry_a, entry_a.name.removesuffix(nlp.CACHE_SUFFIX), docs_b)
    assert rerun_warnings(corpus, tmp_path, cache, capsys) == [
        warning(entry_a, "its texts differ from the article's")]
    assert sentences(tmp_path / "second") == first_sentences
    assert entries(cache) == before


def forge(entry: Path, payload: bytes) -> None:
    """Write ``payload`` under a header that is right for it: the entry's key, its length
    and its sha256, as someone who read the format could."""
    header = {"format": nlp.CACHE_FORMAT, "key": entry.name.removesuffix(nlp.CACHE_SUFFIX),
              "payload_bytes": len(payload), "payload_sha256": hashlib.sha256(payload).hexdigest()}
    entry.write_bytes(json.dumps(header).encode("ascii") + b"\n" + payload)


@pytest.mark.parametrize("payload, error", [
    (b"garbage", "ValueError"),  # not zlib: spaCy's E1014, "convert it using spacy convert"
    (zlib.compress(srsly.msgpack_dumps([1, 2])), "TypeError"),  # msgpack, not a map
    (zlib.compress(srsly.msgpack_dumps({"attrs": []})), "KeyError"),  # a map without the fields
], ids=["not zlib", "msgpack list", "map without fields"])
def test_a_forged_header_over_bytes_that_are_not_a_parse_is_parsed_again(
        corpus: Path, tmp_path: Path, first_run, capsys, payload: bytes, error: str) -> None:
    cache, before, first_sentences = first_run
    entry = entry_of(cache, TEXTS["a"])
    forge(entry, payload)
    assert rerun_warnings(corpus, tmp_path, cache, capsys) == [
        warning(entry, f"its bytes are not a spaCy parse ({error})")]
    assert sentences(tmp_path / "second") == first_sentences
    assert entries(cache) == before


def test_a_whole_entry_is_reused_without_a_warning(corpus: Path, tmp_path: Path, first_run, capsys, monkeypatch) -> None:
    cache, before, first_sentences = first_run
    model = nlp.load_model()
    parsed: list[str] = []
    real_pipe = model.pipe
    monkeypatch.setattr(model, "pipe", lambda texts, **kw: real_pipe(parsed.extend(texts) or texts, **kw))
    assert rerun_warnings(corpus, tmp_path, cache, capsys) == []
    assert parsed == []
    assert sentences(tmp_path / "second") == first_sentences


# --- unusable cache paths ---------------------------------------------------------------


def test_an_empty_cache_path_is_refused(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # Path("") is ".": the cache once filled the current folder
    refuse_analysis(monkeypatch)
    code, err = analyze(corpus, tmp_path / "out", "", capsys)
    assert code == 2
    assert one_line(err, "error: ") == ("error: --cache: is empty; expected the path of a folder "
                                        "for the parse cache (or leave --cache out)")
    assert list(work.iterdir()) == []


def test_a_cache_path_that_is_a_file_is_refused(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    cache = tmp_path / "cache"
    cache.write_text("keep me\n", encoding="utf-8")
    refuse_analysis(monkeypatch)
    code, err = analyze(corpus, tmp_path / "out", cache, capsys)
    assert code == 2
    assert one_line(err, "error: ") == (f"error: {cache}: exists and is not a folder; expected a "
                                        "folder for the parse cache (or a path where one can be made)")
    assert cache.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache", "corpus"]


def test_a_cache_path_under_a_file_is_refused(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    refuse_analysis(monkeypatch)
    code, err = analyze(corpus, tmp_path / "out", tmp_path / "file" / "cache", capsys)
    assert code == 2
    assert one_line(err, "error: ") == (f"error: {tmp_path / 'file' / 'cache'}: cannot be created or "
                                        "written (Not a directory); expected a writable folder for "
                                        "the parse cache")


def test_a_cache_folder_that_cannot_be_written_is_refused(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    # The tests may run as root, for whom chmod does not protect a folder: the refusal is
    # simulated where the cache folder is tried (the next test uses chmod where it can).
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    (tmp_path / "cache").mkdir()
    monkeypatch.setattr(nlp.tempfile, "mkstemp", denied)
    refuse_analysis(monkeypatch)
    code, err = analyze(corpus, tmp_path / "out", tmp_path / "cache", capsys)
    assert code == 2
    assert one_line(err, "error: ") == (f"error: {tmp_path / 'cache'}: cannot be created or written "
                                        "(Permission denied); expected a writable folder for the "
                                        "parse cache")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_is_refused(corpus: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    refuse_analysis(monkeypatch)
    try:
        code, err = analyze(corpus, tmp_path / "out", cache, capsys)
    finally:
        cache.chmod(0o755)
    assert code == 2
    assert "cannot be created or written (Permission denied)" in one_line(err, "error: ")
