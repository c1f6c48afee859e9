"""Bad input gets a clear error naming the file, the line and what was expected."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newscompare.ingest.corpus import load_corpus
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.manifest import parse_published

from conftest import write_corpus_folder

GOOD_TEXT = "Modi will visit Moscow next week. The Kremlin said so on Thursday.\n"


def write_manifest(folder: Path, text: str) -> None:
    (folder / "manifest.csv").write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_corpus_folder(tmp_path / "corpus", {"a": GOOD_TEXT, "b": GOOD_TEXT})


def test_good_folder_loads(folder: Path) -> None:
    corpus = load_corpus(folder)
    assert corpus.ids == ["a", "b"]


def test_no_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"manifest\.csv: no manifest; expected a manifest\.csv"):
        load_corpus(tmp_path)


def test_manifest_row_whose_file_is_missing(folder: Path) -> None:
    (folder / "b.txt").unlink()
    with pytest.raises(CorpusError, match=r"manifest\.csv, line 3: file 'b\.txt' not found"):
        load_corpus(folder)


def test_a_file_that_differs_only_in_case_is_named(folder: Path) -> None:
    # A manifest written on a case-insensitive disk names b.txt for B.txt.
    (folder / "b.txt").rename(folder / "B.txt")
    with pytest.raises(CorpusError, match=r"line 3: file 'b\.txt' not found in .*\('B\.txt' is there: "
                       r"file names are case-sensitive\); expected an article file"):
        load_corpus(folder)


@pytest.mark.parametrize("first_lines", ["<!DOCTYPE html>\n<html lang=\"en\">", "\n  <html>\n<head><title>x</title>",
                                         "Saved page\n<HEAD>\n<body class=\"x\">"])
def test_a_web_page_saved_as_text_is_refused_on_its_first_html_line(folder: Path, first_lines: str) -> None:
    (folder / "b.txt").write_text(first_lines + "\n<p>" + GOOD_TEXT + "</p></body></html>\n", encoding="utf-8")
    line = next(n for n, text in enumerate(first_lines.splitlines(), start=1) if text.strip().startswith("<"))
    with pytest.raises(CorpusError, match=rf"b\.txt, line {line}: the file is a web page's HTML source, not its text"):
        load_corpus(folder)


def test_an_article_that_mentions_html_tags_is_read(folder: Path) -> None:
    (folder / "b.txt").write_text("The site's <body> tag and <html> element were changed.\n" + GOOD_TEXT,
                                  encoding="utf-8")
    assert load_corpus(folder).ids == ["a", "b"]


def test_text_file_without_manifest_row(folder: Path) -> None:
    (folder / "c.txt").write_text(GOOD_TEXT, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.txt: article file has no row in manifest\.csv"):
        load_corpus(folder)


def test_duplicate_ids(folder: Path) -> None:
    write_manifest(
        folder,
        "id,file,outlet,url,published\na,a.txt,A,,2024-07-04\na,b.txt,B,,2024-07-04\n",
    )
    with pytest.raises(CorpusError, match=r"line 3: duplicate id 'a' \(first on line 2\)"):
        load_corpus(folder)


def test_missing_required_column(folder: Path) -> None:
    write_manifest(folder, "id,file,outlet,url\na,a.txt,A,\nb,b.txt,B,\n")
    with pytest.raises(CorpusError, match=r"line 1: missing required column\(s\) published"):
        load_corpus(folder)


def test_sha256_mismatch(folder: Path) -> None:
    good = hashlib.sha256(GOOD_TEXT.encode()).hexdigest()
    write_manifest(
        folder,
        "id,file,outlet,url,published,sha256\n"
        f"a,a.txt,A,,2024-07-04,{good}\nb,b.txt,B,,2024-07-04,{'0' * 64}\n",
    )
    with pytest.raises(CorpusError, match=r"line 3: sha256 of b\.txt is [0-9a-f]{64}, expected 0{64}"):
        load_corpus(folder)


def test_sha256_match_loads(folder: Path) -> None:
    good = hashlib.sha256(GOOD_TEXT.encode()).hexdigest()
    write_manifest(
        folder,
        "id,file,outlet,url,published,sha256\n"
        f"a,a.txt,A,,2024-07-04,{good}\nb,b.txt,B,,2024-07-04,{good.upper()}\n",
    )
    assert len(load_corpus(folder).articles) == 2


def test_bytes_not_utf8(folder: Path) -> None:
    (folder / "b.txt").write_bytes(b"First line is fine.\nSecond has \xff a bad byte.\n")
    with pytest.raises(CorpusError, match=r"b\.txt, line 2: byte 0xff at offset 31 is not valid UTF-8"):
        load_corpus(folder)


def test_article_without_body_text(folder: Path) -> None:
    (folder / "b.txt").write_text("# Just A Headline\n\nBy Somebody\n\nRead more: elsewhere\n")
    with pytest.raises(CorpusError, match=r"b\.txt, line 1: no body text found .*its longest line was read as "
                                          r"headline \(markdown heading\)"):
        load_corpus(folder)


def test_a_paragraph_with_inline_html_links_is_text_not_navigation(folder: Path) -> None:
    paragraph = ("FTX founder Sam Bankman-Fried was found guilty on Thursday of defrauding customers of his "
                 '<a href="https://example.com/a" target="_blank">cryptocurrency exchange</a> in one of the '
                 "biggest financial frauds on record. A jury in Manhattan convicted him on all seven counts. "
                 'He took <a href="https://example.com/b" target="_blank">the stand</a> in his own defence.')
    (folder / "b.txt").write_text(paragraph + "\n")
    corpus = load_corpus(folder)
    assert set(corpus.lines.loc[corpus.lines["article"] == "b", "role"]) == {"body"}


def test_unparseable_published(folder: Path) -> None:
    write_manifest(
        folder, "id,file,outlet,url,published\na,a.txt,A,,2024-07-04\nb,b.txt,B,,July 4th\n"
    )
    with pytest.raises(CorpusError, match=r"line 3: unparseable published 'July 4th'.*expected YYYY-MM-DD"):
        load_corpus(folder)


def test_window_that_ends_before_it_starts(folder: Path) -> None:
    write_manifest(
        folder,
        "id,file,outlet,url,published\na,a.txt,A,,2024-07-04/2024-07-01\nb,b.txt,B,,2024-07\n",
    )
    with pytest.raises(CorpusError, match=r"line 2: unparseable published.*ends before it starts"):
        load_corpus(folder)


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2024-07-04", "2024-07-04", "2024-07-04"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-06-25/2024-07-04", "2024-06-25", "2024-07-04"),
    ],
)
def test_parse_published(value: str, start: str, end: str) -> None:
    window = parse_published(value)
    assert (window.start.isoformat(), window.end.isoformat()) == (start, end)


@pytest.mark.parametrize("value", ["2024-13", "2024-07-32", "04/07/2024", "2024"])
def test_parse_published_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


def test_error_names_file_of_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not a folder"):
        load_corpus(tmp_path / "nowhere")


def test_loading_never_writes_the_corpus_folder(folder: Path) -> None:
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    load_corpus(folder)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert after == before


# --- messages a user can act on (issue 23, item 7) -------------------------------------


def test_a_manifest_that_is_a_folder_is_not_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "manifest.csv").mkdir()
    with pytest.raises(CorpusError, match=r"manifest\.csv: not a regular file \(a folder\)"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(("delimiter", "named"), [(";", "';'"), ("\t", "a tab")])
def test_a_manifest_with_another_delimiter_says_so(folder: Path, delimiter: str, named: str) -> None:
    write_manifest(folder, delimiter.join(["id", "file", "outlet", "url", "published"]) + "\n"
                   + delimiter.join(["a", "a.txt", "A", "", "2024-07-04"]) + "\n")
    with pytest.raises(CorpusError, match=f"line 1: the manifest seems to use {named} as its delimiter"):
        load_corpus(folder)


def test_an_unclosed_quotation_mark_is_named_on_the_line_it_opens(folder: Path) -> None:
    write_manifest(folder, 'id,file,outlet,url,published\na,a.txt,"A,,2024-07-04\nb,b.txt,B,,2024-07-04\n')
    with pytest.raises(CorpusError, match=r"line 2: 3 fields, expected 5 as in the header: a quotation "
                                          r"mark on this line seems unclosed \(the record runs on to line 3\)"):
        load_corpus(folder)


def test_a_record_with_a_quoted_line_break_is_named_by_its_first_line(folder: Path) -> None:
    write_manifest(folder, 'id,file,outlet,url,published\na,a.txt,A,,2024-07-04\nb,"b\n.txt",B,,2024-07-04\n')
    with pytest.raises(CorpusError, match=r"line 3: file 'b\\n\.txt' not found"):
        load_corpus(folder)
