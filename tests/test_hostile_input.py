"""Issue 10: every hostile input gets a one-line error (file, line, what was expected;
exit 2) before any analysis runs, and pathological text costs linear time."""

from __future__ import annotations

import csv
import errno
import time
import warnings
from pathlib import Path

import pytest

from newscompare import tables
from newscompare.analysis.reuse import DEFAULT_THRESHOLDS
from newscompare.cli import main
from newscompare.ingest.corpus import PAIR_SEQUENCE_WORDS, load_corpus, read_articles, sharing_pairs
from newscompare.ingest import staging
from newscompare.ingest.errors import CorpusError, CorpusWarning
from newscompare.ingest.nlp import load_model
from newscompare.ingest.text import normalize, words

from conftest import write_corpus_folder

GOOD_TEXT = "Modi will visit Moscow next week. The Kremlin said so on Thursday.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_corpus_folder(tmp_path / "corpus", {"a": GOOD_TEXT, "b": GOOD_TEXT})


def analyze(folder: Path, out: Path | str, capsys) -> tuple[int, str]:
    """Exit code and stderr of ``analyze folder --out out``."""
    code = main(["analyze", str(folder), "--out", str(out)])
    return code, capsys.readouterr().err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def fail_if_analysis_runs(monkeypatch) -> None:
    """Output errors must be found before the corpus is even loaded."""
    def refuse(*args, **kwargs):
        raise AssertionError("the analysis ran before the output folder was checked")

    monkeypatch.setattr("newscompare.cli.load_corpus", refuse)


# --- the --out folder ---------------------------------------------------------------


def test_out_that_is_an_existing_file(folder: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me\n", encoding="utf-8")
    fail_if_analysis_runs(monkeypatch)
    code, err = analyze(folder, out, capsys)
    assert code == 2
    assert f"{out}: exists and is not a folder" in one_error_line(err)
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_out_that_cannot_be_created(folder: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    fail_if_analysis_runs(monkeypatch)
    code, err = analyze(folder, tmp_path / "file" / "out", capsys)
    assert code == 2
    assert "cannot create the folder or write beside it" in one_error_line(err)


def test_out_that_is_not_writable(folder: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    # The tests may run as root, for whom chmod does not protect a folder: the refusal
    # is simulated where the staging folder is made.
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(staging.tempfile, "mkdtemp", denied)
    fail_if_analysis_runs(monkeypatch)
    code, err = analyze(folder, tmp_path / "out", capsys)
    assert code == 2
    assert "(Permission denied); expected a writable place" in one_error_line(err)


def test_out_empty_string(folder: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = analyze(folder, "", capsys)
    assert code == 2
    assert "--out: is empty; expected the path of a folder" in one_error_line(err)
    assert list(tmp_path.glob("*.csv")) == []


@pytest.mark.parametrize("entry, make", [
    ("notes.txt", lambda path: path.write_text("mine\n", encoding="utf-8")),  # not ours: kept
    ("pairs.csv", lambda path: path.mkdir()),  # a folder where a table should go
])
def test_out_holding_anything_but_tables_is_refused(
    folder: Path, tmp_path: Path, capsys, monkeypatch, entry: str, make
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    make(out / entry)
    fail_if_analysis_runs(monkeypatch)
    code, err = analyze(folder, out, capsys)
    assert code == 2
    assert f"{entry}: is not a table this command writes" in one_error_line(err)


def test_failed_rerun_keeps_the_earlier_tables_whole(folder: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "out"
    assert analyze(folder, out, capsys)[0] == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    real_write = tables.write_csv
    written, refused = [], []

    def disk_full_after_three(table, path):
        if len(written) == 3:
            refused.append(path.name)
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real_write(table, path)

    monkeypatch.setattr(tables, "write_csv", disk_full_after_three)
    (folder / "b.txt").write_text("A different text entirely, about the weather.\n", encoding="utf-8")
    code, err = analyze(folder, out, capsys)
    assert code == 2
    # Names the --out given, not the hidden staging folder the file was being written in.
    assert one_error_line(err) == (f"error: {out}: cannot write {refused[0]} (No space left "
                                   "on device); expected a writable folder with free space")
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]  # no staging left


# --- the manifest -------------------------------------------------------------------


def test_header_only_manifest(folder: Path, capsys) -> None:
    for name in ("a.txt", "b.txt"):
        (folder / name).unlink()
    (folder / "manifest.csv").write_text("id,file,outlet,url,published\n", encoding="utf-8")
    code, err = analyze(folder, folder.parent / "out", capsys)
    assert code == 2
    assert "manifest.csv, line 2: the manifest has a header but no article rows" in one_error_line(err)


def test_manifest_field_over_the_csv_limit(folder: Path, capsys) -> None:
    huge = "x" * (csv.field_size_limit() + 1)
    with open(folder / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write(f'c,c.txt,Outlet,"{huge}",2024-07-04\n')
    code, err = analyze(folder, folder.parent / "out", capsys)
    assert code == 2
    assert "manifest.csv, line 4: field larger than field limit" in one_error_line(err)


def test_manifest_row_naming_the_manifest(folder: Path) -> None:
    with open(folder / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write("m,manifest.csv,Outlet,,2024-07-04\n")
    with pytest.raises(CorpusError, match=r"line 4: file 'manifest\.csv' is the manifest itself"):
        load_corpus(folder)


def test_two_rows_naming_one_file(folder: Path) -> None:
    with open(folder / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write("c,a.txt,Outlet,,2024-07-04\n")
    with pytest.raises(CorpusError, match=r"line 4: file 'a\.txt' is already named on line 2"):
        load_corpus(folder)


def test_duplicated_header_column(folder: Path) -> None:
    lines = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",outlet"] + [line + ",Other" for line in lines[1:]]
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 1: column\(s\) 'outlet' appear more than once"):
        load_corpus(folder)


def test_nul_byte_in_manifest(folder: Path) -> None:
    text = (folder / "manifest.csv").read_text(encoding="utf-8").replace("Outlet b", "Out\0let b")
    (folder / "manifest.csv").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"manifest\.csv, line 3: NUL byte at offset \d+"):
        load_corpus(folder)


# --- the articles -------------------------------------------------------------------


def test_nul_byte_in_article(folder: Path) -> None:
    (folder / "b.txt").write_text("Headline\n\nModi will\0 visit Moscow.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"b\.txt, line 3: NUL byte at offset 19; expected a text file"):
        load_corpus(folder)


def test_article_over_the_size_limit_is_refused_before_parsing(folder: Path, monkeypatch) -> None:
    # A 2 MB article ran past two minutes, a 20 MB one would take hours (issue 23).
    from newscompare.ingest import corpus as corpus_module

    monkeypatch.setattr(corpus_module, "MAX_ARTICLE_BYTES", 100)

    def refuse(*args, **kwargs):
        raise AssertionError("the model ran on an article over the size limit")

    monkeypatch.setattr(corpus_module, "parse_texts", refuse)
    lines = ["Modi will visit Moscow next week, the Kremlin said."] * 4  # 52 bytes a line
    (folder / "b.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"b\.txt, line 2: the article is longer than 100 bytes "
                       r".*expected an article of at most 100 bytes"):
        load_corpus(folder)


def test_article_at_the_size_limit_is_read(folder: Path, monkeypatch) -> None:
    from newscompare.ingest import corpus as corpus_module

    text = GOOD_TEXT
    monkeypatch.setattr(corpus_module, "MAX_ARTICLE_BYTES", len(text.encode("utf-8")))
    (folder / "b.txt").write_text(text, encoding="utf-8")
    assert list(load_corpus(folder).articles["id"]) == ["a", "b"]


def test_article_over_the_size_limit_is_one_error_line(folder: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("newscompare.ingest.corpus.MAX_ARTICLE_BYTES", 100)
    (folder / "b.txt").write_text(GOOD_TEXT * 3, encoding="utf-8")
    code, err = analyze(folder, folder.parent / "out", capsys)
    assert code == 2
    line = one_error_line(err)
    assert "b.txt, line 2: the article is longer than 100 bytes" in line
    assert not (folder.parent / "out").exists()


@pytest.mark.parametrize("body", ["\u200b\u200d\u200b", "... -- !!! ?", "\ufeff\u2060 *** \u200b"])
def test_article_without_words(folder: Path, body: str) -> None:
    (folder / "b.txt").write_text(f"# A headline\n\n{body}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"b\.txt, line 3: the body has no words"):
        load_corpus(folder)


def test_an_article_in_another_script_is_warned_and_left_out(folder: Path) -> None:
    # A mixed collection goes on: the Russian article stays in the article list and is
    # left out of what the English model reads; the English article is analysed.
    (folder / "b.txt").write_text(
        "Премьер-министр Индии Нарендра Моди посетит Москву 8 и 9 июля. "
        "Об этом сообщили в Кремле.\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"b\.txt: only 0% of the letters are Latin script; "
                      r"left out of the analyses that need the English model"):
        corpus = load_corpus(folder)
    assert "b" in set(corpus.articles["id"])
    assert "b" not in set(corpus.sentences["article"])
    assert set(corpus.sentences["article"]) - {"b"}


def test_an_article_wholly_in_another_script_is_left_out_not_refused(folder: Path) -> None:
    (folder / "b.txt").write_text("Моди посетит Москву.\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"b\.txt: only 0% of the letters are Latin script; left out"):
        corpus = load_corpus(folder)
    assert "b" in set(corpus.articles["id"]) and "b" not in set(corpus.sentences["article"])


def test_far_too_few_words_is_warned(folder: Path) -> None:
    (folder / "b.txt").write_text("Modi " + "x" * 3000 + ".\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"b\.txt: 2 words in 3005 characters"):
        load_corpus(folder)


def test_warning_is_one_line_on_the_command_line(folder: Path, capsys) -> None:
    (folder / "b.txt").write_text("Моди посетит Москву 8 июля.\n", encoding="utf-8")
    code, err = analyze(folder, folder.parent / "out", capsys)
    assert code == 0
    assert err.strip().startswith("warning: ") and len(err.strip().splitlines()) == 1


def test_paragraph_over_the_model_limit_is_parsed_in_pieces(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(load_model(), "max_length", 300)
    paragraph = " ".join(f"Sentence number {k} of a very long paragraph." for k in range(40))
    (folder / "b.txt").write_text(paragraph + "\n", encoding="utf-8")
    corpus = load_corpus(folder)
    sentences = corpus.sentences[corpus.sentences["article"] == "b"]
    assert len(sentences) == 40
    assert set(sentences["paragraph_index"]) == {0}
    for row in sentences.itertuples():  # offsets still point into the raw file
        assert paragraph[row.start:row.end] == row.sentence


# --- normalization and linear time --------------------------------------------------


def test_format_characters_are_removed_for_comparison() -> None:
    assert normalize("ver\u200dbatim \u202ecopy\u202c\u2066 here\u2069") == "verbatim copy here"
    assert words("In\u200bdia\u2060's") == ["india's"]


def test_zero_width_joiners_do_not_hide_a_verbatim_copy(make_corpus) -> None:
    sentence = "The Kremlin confirmed that Modi will visit Moscow next week for talks."
    corpus = make_corpus({"a": sentence + "\n", "b": sentence.replace("Kremlin", "Kre\u200dmlin") + "\n"})
    from newscompare.analysis.reuse import align_sentences

    alignments = align_sentences(corpus)
    assert set(alignments["relation"]) == {"verbatim"}
    assert "Kre\u200dmlin" in corpus.sentences["sentence"].iloc[1]  # displayed as in the file


@pytest.mark.parametrize("line", ["[" * 20_000, " " * 20_000, "_a " * 10_000, "*a " * 10_000,
                                  "<https://" * 5_000])
def test_markdown_regexes_are_linear(line: str) -> None:
    # Before the fix each of these took seconds (minutes at 50,000 characters): a
    # pattern rescanned the rest of the line from every opening mark.
    start = time.perf_counter()
    normalize(line)
    assert time.perf_counter() - start < 0.5


def test_markdown_is_still_removed() -> None:
    assert normalize("**Modi** said [it](https://x.org/a) _twice_, <https://x.org>") == (
        "Modi said it twice, https://x.org")


def test_sources_scan_each_paragraph_once(make_corpus, monkeypatch) -> None:
    # Before the fix every sentence scanned its whole paragraph for quotations again
    # (70 of the 100 seconds a 200,000-character paragraph took).
    from newscompare.analysis import sources

    paragraph = " ".join(f'An official said "talks will go on" on day {k}.' for k in range(30))
    corpus = make_corpus({"a": paragraph + "\n", "b": "Modi said so.\n\nPutin agreed.\n"})
    scanned = []
    real = sources.find_quote_spans
    monkeypatch.setattr(sources, "find_quote_spans", lambda text: scanned.append(text) or real(text))
    table = sources.source_mentions(corpus)
    assert len(scanned) == 3  # one per paragraph, not one per sentence (32)
    assert (table["article"] == "a").sum() == 30


def test_long_paragraph_is_parsed_in_bounded_pieces(make_corpus) -> None:
    from newscompare.ingest.corpus import MAX_PARSE_CHARS

    paragraph = " ".join(f"Sentence number {k} of a very long paragraph." for k in range(600))
    assert len(paragraph) > 2 * MAX_PARSE_CHARS
    corpus = make_corpus({"a": paragraph + "\n"})
    docs = {id(span.doc): len(span.doc.text) for span in corpus.spans.values()}
    assert len(docs) == 3 and max(docs.values()) <= MAX_PARSE_CHARS
    assert len(corpus.sentences) == 600


# --- pairs sharing a word sequence (the pair tables grow with their number) ---------------

SHARED = "Modi will visit Moscow next week, the Kremlin said."


def sharing_corpus(tmp_path: Path, texts: dict[str, str]) -> Path:
    return write_corpus_folder(tmp_path / "sharing", texts)


def test_sharing_pairs_counts_pairs_with_a_five_word_sequence_in_common(tmp_path: Path) -> None:
    folder = sharing_corpus(tmp_path, {
        "a": f"{SHARED}\n",
        "b": "Officials said Modi will visit Moscow soon.\n",  # 'modi will visit moscow' is four words
        "c": f"Earlier, {SHARED.lower()}\n",  # a's sentence: one pair
        "d": "A different text entirely, about the weather in Lisbon today.\n",
    })
    assert sharing_pairs(read_articles(folder)) == 1
    folder = sharing_corpus(tmp_path / "four", {k: f"{SHARED}\n" for k in "abcd"})
    assert sharing_pairs(read_articles(folder)) == 6  # 4 * 3 / 2


def test_sharing_pairs_stops_counting_past_the_limit(tmp_path: Path) -> None:
    folder = sharing_corpus(tmp_path, {k: f"{SHARED}\n" for k in "abcdefgh"})  # 28 pairs
    assert 2 < sharing_pairs(read_articles(folder), stop_after=2) < 28


def test_a_corpus_over_the_pair_limit_is_refused_before_parsing(tmp_path: Path, capsys, monkeypatch) -> None:
    # 2,000 reprints of one sentence make about 2 million pairs: minutes of pair tables.
    monkeypatch.setattr("newscompare.ingest.corpus.MAX_SHARING_PAIRS", 2)

    def refuse(*args, **kwargs):
        raise AssertionError("the model ran on a corpus over the pair limit")

    monkeypatch.setattr("newscompare.ingest.corpus.parse_texts", refuse)
    folder = sharing_corpus(tmp_path, {k: f"{SHARED}\n" for k in "abc"})  # 3 pairs
    code, err = analyze(folder, tmp_path / "out", capsys)
    assert code == 2
    assert one_error_line(err) == (
        f"error: {folder}: more than 2 pairs of its 3 articles share a sequence of 5 words, and "
        "the pair tables list every such pair (a story reprinted n times gives n(n-1)/2); expected "
        "at most 2: split the corpus, or use export-passim and passim for text reuse at this scale")
    assert not (tmp_path / "out").exists()


def test_a_corpus_at_the_pair_limit_is_analysed(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("newscompare.ingest.corpus.MAX_SHARING_PAIRS", 3)
    folder = sharing_corpus(tmp_path, {k: f"{SHARED}\n" for k in "abc"})
    assert analyze(folder, tmp_path / "out", capsys)[0] == 0


def test_the_pair_limit_counts_the_sequences_reuse_pairs_on() -> None:
    assert PAIR_SEQUENCE_WORDS == DEFAULT_THRESHOLDS.ngram_size


def test_a_collection_wholly_in_another_script_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Моди посетит Москву.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("id,file,outlet,url,published\na,a.txt,O,,2024-07-05\n",
                                           encoding="utf-8")
    with pytest.warns(CorpusWarning), pytest.raises(CorpusError, match=r"manifest\.csv: every article is in another script"):
        load_corpus(tmp_path)


def test_a_mostly_hindi_article_with_one_english_line_is_left_out(folder: Path) -> None:
    # The line model reads the Hindi lines as furniture; the script is judged on the whole text.
    hindi = "प्रधानमंत्री नरेंद्र मोदी आठ जुलाई को रूस की यात्रा पर जाएंगे और पुतिन से मिलेंगे।"
    (folder / "b.txt").write_text(f"Modi, Putin, BRICS:\n\n{hindi}\n\n{hindi}\n\n{hindi}\n\nPM Modi said so.\n",
                                  encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"b\.txt: only \d+% of the letters are Latin script; left out"):
        corpus = load_corpus(folder)
    assert "b" not in set(corpus.sentences["article"])


def test_fullwidth_latin_is_latin(folder: Path) -> None:
    (folder / "b.txt").write_text(
        "ＰＭ Ｍｏｄｉ ｗｉｌｌ ｖｉｓｉｔ Ｍｏｓｃｏｗ ｏｎ Ｍｏｎｄａｙ ｆｏｒ ｔａｌｋｓ ｗｉｔｈ Ｐｕｔｉｎ ａｂｏｕｔ ｏｉｌ ａｎｄ ｔｒａｄｅ.\n",
        encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus(folder)
    assert not any("Latin script" in str(w.message) for w in caught)


def test_an_article_in_another_script_is_exported_for_passim_with_its_text(tmp_path: Path) -> None:
    # Left out of the English analyses, but passim compares characters in any script.
    folder = write_corpus_folder(tmp_path / "corpus", {
        "a": "India's Prime Minister Narendra Modi will visit Russia next week, the Kremlin said on Thursday.\n",
        "h": "प्रधानमंत्री नरेंद्र मोदी अगले सप्ताह रूस की यात्रा करेंगे।\n\nयह उनकी पहली यात्रा होगी।\n"})
    with pytest.warns(CorpusWarning):
        records = {record["id"]: record["text"] for record in tables.passim_records(folder)}
    assert records["h"] == "प्रधानमंत्री नरेंद्र मोदी अगले सप्ताह रूस की यात्रा करेंगे।\n\nयह उनकी पहली यात्रा होगी।"
    assert records["a"].startswith("India's Prime Minister")
