"""Reader tables, plurals and the story map: known answers on tiny inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from newscompare.report import presentation, story_map


def test_reader_table_headers_blanks_booleans_integers_and_sentence_numbers():
    table = pd.DataFrame({"article": ["000", "004"], "sentence_index": [0, "3;4"],
                          "in_quotation": [True, False], "words": [12.0, 7.0],
                          "share": [0.1234, float("nan")], "note": [pd.NA, "<b>x</b>"]})
    shown = presentation.reader_table(table, {"words": "Words"}, percent=["share"], integers=["words"],
                                      sentence_numbers=["sentence_index"], names={"000": "AFP"})
    assert list(shown.frame.columns) == ["Article", "Sentence index", "In quotation", "Words", "Share", "Note"]
    assert shown.frame.values.tolist() == [["AFP", "1", "yes", "12", "12.3%", ""],
                                           ["004", "4, 5", "no", "7", "", "<b>x</b>"]]
    assert "&lt;b&gt;x&lt;/b&gt;" in shown._repr_html_() and "<b>x" not in shown._repr_html_()
    # No pandas index column: the first cell of each row is the first column's value.
    assert shown.html.split("<tbody>")[1].startswith('\n<tr><td data-label="Article">AFP</td>')


def test_reader_table_missing_column_is_named():
    with pytest.raises(KeyError, match="no column"):
        presentation.reader_table(pd.DataFrame({"a": [1]}), columns=["b"])


def test_plural_and_join_words():
    assert presentation.plural(1, "change") == "1 change"
    assert presentation.plural(2, "change") == "2 changes"
    assert presentation.plural(0, "quotation") == "0 quotations"
    assert presentation.join_words(["a", "b", "c"]) == "a, b and c"
    assert presentation.join_words(["a"]) == "a"


def test_story_links_from_pairs_and_outside_sources():
    pairs = pd.DataFrame({"article_a": ["a", "b"], "article_b": ["c", "c"],
                          "relation": ["paraphrase", "unrelated"], "likely_source": ["a", ""]})
    outside = pd.DataFrame({"source": ["Wire"], "date": ["2024-07-01"], "target": ["a"],
                            "link": ["wire story"], "evidence": [""]})
    links = story_map.story_links(pairs, outside)
    assert links.values.tolist() == [["a", "c", "rewrite", True], ["Wire", "a", "wire story", False]]


def test_seeds_outside_sources_load_and_name_real_targets(seeds):
    outside = story_map.load_outside_sources()
    targets = set(outside["target"])
    assert targets <= set(seeds.ids) | set(outside["source"])


def test_seeds_copy_errors_are_found_in_the_texts(seeds):
    errors = story_map.copy_errors(seeds.sentences)
    assert list(errors["article"]) == ["004", "003", "001"]
    assert "economy ally" in errors.loc[2, "sentence"]


def test_copy_error_not_in_the_text_is_reported(seeds, tmp_path):
    path = tmp_path / "errors.csv"
    path.write_text("article,words,error,origin\n004,no such words,x,y\n", encoding="utf-8")
    with pytest.raises(Exception, match="not in any body sentence"):
        story_map.copy_errors(seeds.sentences, path)


def test_long_tokens_may_break_but_stay_escaped():
    shown = presentation.reader_table(pd.DataFrame({"sha": ["a" * 30], "t": ["<" * 30]}))
    body = shown.html.split("<tbody>")[1]
    assert "aaaaaaaaaaaa<wbr>aaaaaaaaaaaa<wbr>aaaaaa" in body
    assert "&lt;" * 12 + "<wbr>" in body and "&l<wbr>" not in body
