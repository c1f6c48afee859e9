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
    pairs = pd.DataFrame({"article_a": ["a", "b", "d"], "article_b": ["c", "c", "e"],
                          "relation": ["paraphrase", "unrelated", "copy"], "likely_source": ["a", "", "d"],
                          "evidence": ["credit: c credits a's outlet", "", "coverage: e holds nothing of its own"]})
    outside = pd.DataFrame({"source": ["Wire"], "date": ["2024-07-01"], "target": ["a"],
                            "link": ["wire story"], "evidence": [""]})
    links = story_map.story_links(pairs, outside)
    # A direction no credit line states is named to be checked, as the check-by-hand list has it.
    assert links.values.tolist() == [["a", "c", "rewrite", True], ["d", "e", "copy, to check", True],
                                     ["Wire", "a", "wire story", False]]


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
    assert "a" * 20 + "<wbr>" + "a" * 10 + "<" in body
    assert "&lt;" * 20 + "<wbr>" in body and "&l<wbr>" not in body


def test_identifiers_and_addresses_break_between_words_only():
    """Issue 20 item 24: a parameter name broke mid-word ("ReuseThresho|lds.paraphra|se_...")."""
    shown = presentation.reader_table(pd.DataFrame({
        "name": ["ReuseThresholds.paraphrase_in_order_min_overlap"],
        "url": ["https://www.themoscowtimes.com/2024/07/04/indias-modi-to-visit-russia-next-week-a85609"]}))
    body = shown.html.split("<tbody>")[1]
    assert "ReuseThresholds.<wbr>paraphrase_<wbr>in_<wbr>order_<wbr>min_<wbr>overlap" in body
    assert ">https://<wbr>www.<wbr>themoscowtimes.<wbr>com/<wbr>2024/<wbr>" in body
    assert "indias-<wbr>modi-<wbr>" in body


def _download(shown: presentation.ReaderTable) -> tuple[str, bytes]:
    """The name and the decoded bytes of a reader table's one download link."""
    import base64
    import re

    [(name, encoded)] = re.findall(r'<a class="nc-download" download="([^"]*)" '
                                   r'href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]*)">', shown.html)
    return name, base64.b64decode(encoded)


def test_a_cut_table_downloads_every_row_as_shown():
    import csv
    import io

    table = pd.DataFrame({"article": ["a", "b", "c"], "share": [0.5, 0.25, 1.0]})
    shown = presentation.reader_table(table, {"share": "Share found"}, percent=["share"],
                                      names={"a": "AFP"}, max_rows=2)
    assert len(shown.frame) == 2
    assert "The first 2 of 3 rows; <a class=\"nc-download\"" in shown.html
    assert ">download all 3 rows (CSV)</a>." in shown.html
    name, data = _download(shown)
    assert name == "article-share-found.csv"
    assert data == "\ufeffArticle,Share found\nAFP,50.0%\nb,25.0%\nc,100.0%\n".encode()
    assert data == shown.csv
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [
        ["Article", "Share found"], ["AFP", "50.0%"], ["b", "25.0%"], ["c", "100.0%"]]


def test_an_uncut_table_offers_itself_after_its_caption():
    shown = presentation.reader_table(pd.DataFrame({"outlet": ["CNN"]}), caption="Sources & dates")
    assert "<caption>Sources &amp; dates <a class=\"nc-download\"" in shown.html
    assert ">Download this table (CSV)</a>.</caption>" in shown.html
    assert _download(shown) == ("outlet.csv", "\ufeffOutlet\nCNN\n".encode())


def test_hostile_cells_stay_data_in_the_page_and_in_the_download():
    import csv
    import io

    hostile = ['<script>alert(1)</script>', 'say "hi", then \'bye\'', "=HYPERLINK(\"http://x\")",
               "@SUM(A1)", "-3", "+2.5%", "- a dash"]
    shown = presentation.reader_table(pd.DataFrame({'quote"><script>': hostile}), max_rows=1)
    page = shown.html
    assert "<script>" not in page and "\"><script>" not in page
    assert page.count("<a ") == 1 and page.count("href=") == 1
    name, data = _download(shown)
    assert name == "quote-script.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [['Quote"><script>'], ['<script>alert(1)</script>'], ['say "hi", then \'bye\''],
                    ["'=HYPERLINK(\"http://x\")"], ["'@SUM(A1)"], ["-3"], ["+2.5%"], ["'- a dash"]]


def test_a_download_too_large_for_the_page_names_the_analyze_file(monkeypatch):
    monkeypatch.setattr(presentation, "MAX_DOWNLOAD_BYTES", 10)
    table = pd.DataFrame({"text": ["a long enough cell", "another", "third"]})
    shown = presentation.reader_table(table, max_rows=2, source_csv="lines.csv")
    assert "<a " not in shown.html
    assert ("The first 2 of 3 rows; all are in lines.csv, written by python -m newscompare analyze "
            "(too large to download from this page (0.0 MB)).") in shown.html


@pytest.mark.parametrize(("value", "linked"), [
    ("https://example.org/a?b=1&c=2", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False), ("data:text/html,<script>x</script>", False), ("file:///etc/passwd", False),
    ("https://", False), ("//example.org/x", False), ("https://exa mple.org", False), ("https://[::1", False),
    ("", False), ("example.org/a", False),
])
def test_only_web_addresses_become_links(value, linked):
    assert (presentation.web_address(value) is not None) == linked


def test_addresses_are_links_that_stay_escaped():
    table = pd.DataFrame({"outlet": ["A", "B", "C"],
                          "url": ['https://example.org/?q="x"&y=<b>', "javascript:alert(1)", ""]})
    shown = presentation.reader_table(table, {"url": "Address"}, links=["url"])
    rows = shown.html.split("<tbody>")[1].split("</tr>")
    assert ('<a href="https://example.org/?q=&quot;x&quot;&amp;y=&lt;b&gt;" rel="noopener noreferrer">'
            in rows[0])
    assert "<a " not in rows[1] and "javascript:alert(1)" in rows[1]
    assert shown.html.count("href=") == 2  # the first address and the download


def test_reference_list_entries_are_escaped_and_linked():
    entries = pd.DataFrame({"id": ["b", "a", "c"], "outlet": ["<i>Gazette</i>", "AFP", "CNN"],
                            "title": ["A & B", "", "Who knew?"],
                            "published": ["4 July 2024", "July 2024", "between 1 July 2024 and 2 July 2024"],
                            "address": ["https://g.example/1", "not an address", ""],
                            "retrieved": ["2024-08-01", "", ""]})
    page = presentation.ReferenceList(entries).html
    assert page.splitlines() == [
        '<ol class="nc-references">',
        '<li>&lt;i&gt;Gazette&lt;/i&gt;. “A &amp; B.” 4 July 2024. <a href="https://g.example/1" '
        'rel="noopener noreferrer">https://g.example/1</a> Retrieved 2024-08-01.</li>',
        "<li>AFP. July 2024. not an address.</li>",
        "<li>CNN. “Who knew?” Between 1 July 2024 and 2 July 2024.</li>",
        "</ol>"]


def test_published_words_for_a_day_a_month_and_a_window():
    assert presentation.published_words("2024-07-04", "2024-07-04", "2024-07-04") == "4 July 2024"
    assert presentation.published_words("2024-07", "2024-07-01", "2024-07-31") == "July 2024"
    assert (presentation.published_words("2024-07-05/2024-07-07", "2024-07-05", "2024-07-07")
            == "between 5 July 2024 and 7 July 2024")


def test_outlet_summary_dates_by_the_manifest_and_marks_what_is_derived_or_noted(seeds):
    """Issue 20 items 6 and 15: one publication date per text, the manifest's, marked
    "inferred" unless read from the page; a window that the timeline starts later (at its
    source's publication) says so as derived; a link that rests on the provenance notes
    says so; no blank cell reads as "changed nothing"."""
    from newscompare.analysis import timeline
    from newscompare.analysis.edits import OMISSION_COLUMNS
    from newscompare.report import overview

    outside = story_map.load_outside_sources()
    windows = timeline.publication_windows(seeds, {"003": "004"})
    links = story_map.story_links(pd.DataFrame(columns=["article_a", "article_b", "relation", "likely_source"]), outside)
    summary = overview.outlet_summary(
        seeds, windows, links, pd.DataFrame(columns=OMISSION_COLUMNS), pd.DataFrame(columns=["article", "speaker"]),
        pd.DataFrame(columns=["article", "category", "in_quotation", "term"]),
        pd.DataFrame(columns=["copy_article", "term", "how"]), outside).set_index("article")
    assert summary.at["000", "published"] == "4 July 2024"
    assert summary.at["001", "published"] == "5 July 2024 (inferred)"
    assert summary.at["003", "published"] == ("25 June to 4 July 2024 (window, inferred); not before 26 June 2024, "
                                              "when CNN appeared, if CNN is its source (the reuse chapter's "
                                              "reading, to check)")
    assert "(rewrite, by the provenance notes)" in summary.at["002", "came_from"]
    # A source it only quotes is named apart: CNN reports on its own and quotes TASS.
    assert summary.at["004", "came_from"] == "no source found in or outside the corpus; quotes TASS (Russian state news agency)"
    assert (summary["changed_from_source"] == overview.NO_SOURCE_IN_CORPUS).all()
    references = overview.reference_list(seeds).set_index("id")
    assert references.at["001", "published"] == "5 July 2024 (inferred)"
    assert references.at["000", "published"] == "4 July 2024"


def test_the_first_of_two_reprints_says_how_it_differs_from_the_other(seeds):
    """Fourth fact-check B4: the column "what differs from its source (for two reprints of
    one outside text, from the other)" is filled for both reprints, not only the second."""
    from newscompare.analysis import timeline
    from newscompare.analysis.edits import OMISSION_COLUMNS
    from newscompare.report import overview

    outside = story_map.load_outside_sources()
    windows = timeline.publication_windows(seeds, {})
    links = story_map.story_links(pd.DataFrame(columns=["article_a", "article_b", "relation", "likely_source"]), outside)
    added = pd.DataFrame([{"source_article": "000", "copy_article": "001", "kind": "added", "level": "sentence",
                           "article": "001", "sentence_index": str(k), "text": "x"} for k in range(12, 19)],
                         columns=OMISSION_COLUMNS)
    summary = overview.outlet_summary(
        seeds, windows, links, added, pd.DataFrame(columns=["article", "speaker"]),
        pd.DataFrame(columns=["article", "category", "in_quotation", "term"]),
        pd.DataFrame(columns=["copy_article", "term", "how"]), outside).set_index("article")
    assert summary.at["000", "changed_from_source"] == (
        "(no source in the corpus); against kokani.me (republished newspaper copy), the other reprint: "
        "holds nothing it lacks, lacks 7 sentences of it")
    assert summary.at["001", "changed_from_source"].startswith("keeps every sentence of The Moscow Times (AFP), adds 7")


def test_the_article_a_sentence_matches_most_is_the_closest_not_the_first_named():
    from newscompare.report.reuse_plots import strongest_relation

    alignments = pd.DataFrame({
        "article": ["z", "z"], "sentence_index": [0, 0], "match_article": ["a_far", "b_close"],
        "match_sentence_index": ["0", "0"], "similarity": [0.55, 0.95], "relation": ["edited", "edited"]})
    assert strongest_relation(alignments)["match_article"].tolist() == ["b_close"]


def test_two_tables_of_pairs_on_one_page_download_under_different_names():
    borderline = presentation.download_name(["Text A", "Text B", "Relation", "With looser thresholds"])
    directions = presentation.download_name(["Text A", "Text B", "Relation", "Source named"])
    assert borderline != directions and borderline.endswith(".csv")
