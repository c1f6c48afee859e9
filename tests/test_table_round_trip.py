"""Every CSV the package writes reads back identical with pandas and with the csv module,
whatever the text holds: carriage returns (old Mac line ends), line feeds, quotation marks,
commas, control characters, right-to-left marks."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from newscompare.cli import main
from newscompare.ingest.corpus import read_articles
from newscompare.ingest.manifest import read_manifest
from newscompare.scaffold import copy_corpus
from newscompare.tables import TABLES, csv_line_terminator, write_csv


#: Characters that break naive CSV: line ends, quotes, separators, controls, bidi marks.
HOSTILE = "\r\n\"',;\t\x01\x0b\x0c\x1b\x7f\x85\u2028\u2029\u200e\u200f\u202a\u202e\u2066\u2069 #"
hostile_text = st.text(
    alphabet=st.one_of(st.sampled_from(HOSTILE),
                       st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")),
    max_size=30,
)


def read_back_text(path: Path, columns: list[str]) -> pd.DataFrame:
    """The CSV as text, as a careful reader loads it: no NA guessing, every cell a string."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)[columns]


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(hostile_text, hostile_text, st.integers(-5, 5)), min_size=1, max_size=6))
def test_hostile_strings_read_back_identical(tmp_path_factory, rows):
    table = pd.DataFrame(rows, columns=["article", "text", "count"])
    path = tmp_path_factory.mktemp("csv") / "table.csv"
    write_csv(table, path)
    back = pd.read_csv(path, dtype={"article": str, "text": str}, keep_default_na=False)
    assert back.columns.tolist() == ["article", "text", "count"]
    assert back["article"].tolist() == table["article"].tolist()
    assert back["text"].tolist() == table["text"].tolist()
    assert back["count"].tolist() == table["count"].tolist()
    with open(path, newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle))[1:] == [[a, t, str(c)] for a, t, c in rows]


def test_a_bare_carriage_return_is_quoted_and_plain_tables_keep_lf():
    assert csv_line_terminator(["plain", 1, None]) == "\n"
    assert csv_line_terminator(["old\rmac"]) == "\r\n"
    buffer = io.StringIO()
    pd.DataFrame({"text": ["a\rb"], "n": [1]}).to_csv(buffer, index=False,
                                                      lineterminator=csv_line_terminator(["a\rb"]))
    assert buffer.getvalue() == 'text,n\r\n"a\rb",1\r\n'


def write_cr_corpus(folder: Path) -> Path:
    """Two articles: one with old-Mac line ends (bare CR), one whose id and outlet hold a CR."""
    folder.mkdir()
    (folder / "mac.txt").write_bytes(
        b'The "quoted", minister said.\rThe minister will travel on Monday.\rTalks are planned, he said.\r')
    (folder / "b.txt").write_text("The minister will travel on Monday. Talks are planned.\n", encoding="utf-8")
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")  # quotes the id's CR
        writer.writerow(["id", "file", "outlet", "url", "published"])
        writer.writerow(["mac", "mac.txt", "Old \u202eMac\u202c, \"Daily\"", "", "2024-07-04"])
        writer.writerow(["b\rc", "b.txt", "B\rC", "", "2024-07-05"])
    return folder


def test_every_table_of_analyze_reads_back_with_cr_line_ends_and_a_cr_in_an_id(tmp_path, capsys):
    folder = write_cr_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out)]) == 0
    from newscompare.ingest.corpus import load_corpus
    from newscompare.tables import AnalysisOptions

    corpus = load_corpus(folder)
    for name, make in TABLES.items():
        expected = make(corpus, AnalysisOptions())
        text_columns = [c for c in expected.columns
                        if not (pd.api.types.is_numeric_dtype(expected[c])
                                or pd.api.types.is_bool_dtype(expected[c]))]
        back = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert back.columns.tolist() == expected.columns.tolist(), name
        assert len(back) == len(expected), name
        for column in text_columns:
            assert back[column].tolist() == expected[column].fillna("").astype(str).tolist(), (name, column)
    ids = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)["id"]
    assert sorted(ids) == ["b\rc", "mac"]


def test_new_reports_copy_of_the_manifest_reads_back_identical(tmp_path):
    folder = write_cr_corpus(tmp_path / "corpus")
    articles = read_articles(folder)
    copy_corpus(folder, articles, tmp_path / "seeds")
    copied = {row.fields["id"]: row.fields for row in read_manifest(tmp_path / "seeds")}
    assert copied["b\rc"]["outlet"] == "B\rC"
    assert {i: {k: v for k, v in f.items() if k != "sha256"} for i, f in copied.items()} == \
        {a.row.fields["id"]: a.row.fields for a in articles}
