"""Known answers for word-level edits, their classes, omissions/additions and the
escaped reading view."""

from __future__ import annotations

import pandas as pd
import pytest

from newscompare.analysis import edits, reuse
from newscompare.ingest.corpus import Corpus
from newscompare.report.reading_view import ROOT_CLASS, reading_view_html


def classes(source: str, copy: str) -> set[tuple[str, str]]:
    return {(e["operation"], e["edit_class"]) for e in edits.diff_words(source, copy)}


@pytest.mark.parametrize(
    ("source", "copy", "expected"),
    [
        ("Prices rose sharply in June across the region.", "Prices climbed sharply in June across the region.",
         ("substitution", "wording")),
        ("Prices rose in June across the region.", "Prices rose quickly in June across the region.",
         ("insertion", "wording")),
        ("Prices rose in June across the whole region.", "Prices rose in June across the region.",
         ("deletion", "wording")),
        ("In June, prices rose across the region.", "Prices rose across the region in June.",
         ("move", "wording")),
        ("The Kremlin said Thursday that talks would start.", "The Kremlin said yesterday that talks would start.",
         ("substitution", "time_reference")),
        ("India became a major purchaser of oil.", "India became a major buyer of oil.",
         ("substitution", "synonym")),
        ("The war has tested relations.", "That campaign has tested relations.",
         ("substitution", "framing")),
        ("Some were left stranded in border towns.", "Some were stranded in border towns.",
         ("deletion", "dropped_qualifier")),
    ],
)
def test_edit_operation_and_class(source, copy, expected):
    assert expected in classes(source, copy)


@pytest.mark.parametrize(
    ("source", "copy", "not_class"),
    [
        # A new user's book (Assange story) read these as changes of time, frame and synonym.
        ("He spent seven years holed up in the Ecuadorean embassy.",
         "He spent a seven-year asylum in the Ecuadorean embassy.", "time_reference"),
        ("The plane carrying Julian Assange landed in Bangkok on Tuesday to refuel.",
         "The plane will then proceed to refuel.", "time_reference"),
        ("For the last five years, he has fought extradition to the US.",
         "For the last five years, he has been fighting extradition to the US.", "framing"),
        ("He was released at Stansted airport to return to Australia, the statement added.",
         "He was released at Stansted airport, Wikileaks said in a post on social media platform X.",
         "synonym"),
    ],
)
def test_other_wording_that_holds_a_class_word_is_not_that_class(source, copy, not_class):
    assert not_class not in {edit_class for _, edit_class in classes(source, copy)}


def test_typographic_only_changes_are_kept_apart():
    found = edits.diff_words('A much-needed "export market" for oil.', "A much needed \u201cexport market\u201d for oil.")
    assert found and {e["operation"] for e in found} == {"typographic"}


def test_a_dropped_hyphen_is_typography_not_a_change_of_wording():
    found = edits.diff_words("Bankman-Fried's lawyers asked for less.", "BankmanFried's lawyers asked for less.")
    assert found and {(e["operation"], e["edit_class"]) for e in found} == {("typographic", "typographic")}


def test_edits_show_the_words_as_each_text_prints_them():
    found = edits.diff_words("Prime Minister Narendra Modi will visit Moscow on Monday.",
                             "PM Narendra Modi will travel to Moscow on July 8.")
    printed = [(e["operation"], e["source_as_printed"], e["copy_as_printed"]) for e in found]
    assert printed == [("substitution", "Prime Minister", "PM"), ("substitution", "visit", "travel to"),
                       ("substitution", "Monday", "July 8")]
    # The comparison words stay beside them, as the analysis compared them.
    assert [(e["source_text"], e["copy_text"]) for e in found] == [
        ("prime minister", "pm"), ("visit", "travel to"), ("monday", "july 8")]


def test_printed_words_keep_apostrophes_hyphens_and_moves():
    found = edits.diff_words("In June, India\u2019s much-needed oil came.", "India\u2019s much-needed oil came in June.")
    [move] = [e for e in found if e["operation"] == "move"]
    assert (move["source_as_printed"], move["copy_as_printed"]) == ("In June", "in June")
    [deletion] = edits.diff_words("The much-needed U.S. oil arrived.", "The oil arrived.")
    assert (deletion["source_text"], deletion["source_as_printed"]) == ("much needed u s", "much-needed U.S")


def test_a_fragment_of_a_hyphenated_word_is_shown_with_the_rest_in_brackets():
    """Issue 20 item 24: the wording-edits table showed "owned TASS", a fragment of
    "state-owned", as if the copy desk had cut those two words."""
    found = edits.diff_words("Yuri Ushakov said, according to Russia\u2019s state-owned TASS news agency.",
                             "Yuri Ushakov said, according to Russia\u2019s state news agency.")
    [deletion] = [e for e in found if e["operation"] == "deletion"]
    assert deletion["source_as_printed"] == "(state-)owned TASS"
    text = "a well-known long-range gun"
    spans = edits.printed_word_spans(text)
    assert edits.printed_span(text, spans, 0, 2) == "a well(-known)"
    assert edits.printed_span(text, spans, 1, 6) == "well-known long-range gun"


def test_an_edit_inside_a_time_shows_the_whole_time():
    # A new reader's book printed "06 pm Pacific Time ..." and "26pm yesterday" as the words
    # "as printed", where the texts have "5:06 pm" and "5.26pm".
    found = edits.diff_words("The flight departed at 5:06 pm Pacific Time and landed at 5:26 pm.",
                             "The flight landed at 5.26pm yesterday.")
    [change] = [e for e in found if "yesterday" in e["copy_text"]]
    assert change["source_as_printed"].startswith("(5:)") and change["copy_as_printed"] == "(5.)26pm yesterday"


def test_printed_words_of_a_markdown_link_skip_its_address():
    text = "Read the [Kremlin statement](https://kremlin.ru/x) today."
    spans = edits.printed_word_spans(text)
    assert edits.words(text) == ["read", "the", "kremlin", "statement", "today"]
    assert [text[a:b] for a, b in spans] == ["Read", "the", "Kremlin", "statement", "today"]
    assert edits.printed_span(text, spans, 2, 4) == "Kremlin statement"


def test_identical_sentences_have_no_edits():
    assert edits.diff_words("Nothing changed here at all.", "Nothing changed here at all.") == []


def test_sentence_edits_and_omissions_on_a_copy():
    source = [
        "The harbour authority closed the northern bridge after heavy storms damaged its cables.",
        "Engineers found cracks in three supporting towers during an inspection on Monday.",
        "Repairs are expected to cost several million dollars and last until spring.",
        "The mayor promised temporary ferries for commuters while the work continues.",
    ]
    copy = [
        source[0],
        "Engineers found cracks in three supporting towers during an inspection yesterday.",
        source[3],
        "Separately, the national weather office warned of more rain along the coast.",
    ]
    rows = [
        {"article": a, "sentence_index": k, "sentence": s}
        for a, texts in {"a": source, "b": copy}.items() for k, s in enumerate(texts)
    ]
    sentences = Corpus.from_sentences(pd.DataFrame(rows))
    found = edits.sentence_edits(sentences)
    assert found[["source_article", "copy_article", "edit_class"]].values.tolist() == [
        ["a", "b", "time_reference"]
    ]
    changes = edits.omissions_and_additions(sentences)
    sentence_level = changes[changes["level"] == "sentence"]
    assert sentence_level[["kind", "article", "sentence_index"]].values.tolist() == [
        ["omitted", "a", "2"], ["added", "b", "3"]
    ]


def test_reading_view_escapes_article_text():
    hostile = "He wrote <script>alert(1)</script> and &<>\"' in the text."
    sentences = pd.DataFrame({
        "article": ["a", "b"], "sentence_index": [0, 0],
        "sentence": [hostile, hostile.replace("wrote", "typed")],
    })
    alignments = reuse.align_sentences(Corpus.from_sentences(sentences))
    page = reading_view_html(sentences, alignments, "a", "b")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;&lt;&gt;&quot;&#x27;" in page
    assert f'class="{ROOT_CLASS}"' in page
    assert "<del>wrote</del>" in page and "<ins>typed</ins>" in page


def test_a_view_without_a_direction_says_which_text_lacks_a_sentence_not_what_a_copy_did():
    sentences = pd.DataFrame({
        "article": ["a", "a", "b"], "sentence_index": [0, 1, 0],
        "sentence": ["The harbour authority closed the northern bridge after heavy storms damaged its cables.",
                     "Engineers found cracks in three supporting towers during an inspection on Monday.",
                     "The harbour authority closed the northern bridge after heavy storms damaged its cables."]})
    alignments = reuse.align_sentences(Corpus.from_sentences(sentences))
    labels = {"a": "Daily <One>", "b": "Evening Two"}
    siblings = reading_view_html(sentences, alignments, "a", "b", labels, directed=False)
    assert "(not in Evening Two)" in siblings and "copy" not in siblings
    assert "(omitted in the copy)" in reading_view_html(sentences, alignments, "a", "b", labels)


def test_seed_edits_find_the_weekday_change(seeds):
    found = edits.sentence_edits(seeds)
    time_edits = found[found["edit_class"] == "time_reference"]
    assert ("thursday" in " ".join(time_edits["source_text"])) and ("yesterday" in " ".join(time_edits["copy_text"]))


REPRINTED = [
    "The harbour authority closed the northern bridge after heavy storms damaged its cables.",
    "Engineers found cracks in three supporting towers during an inspection on Monday.",
    "Repairs are expected to cost several million dollars and last until spring.",
    "The mayor promised temporary ferries for commuters while the work continues.",
]


def test_each_copy_is_compared_with_its_likely_source_only(make_corpus):
    # One source and three reprints, each changing a different word: edits are read
    # from the source to each reprint (3 pairs), never between two reprints (3 more).
    changed = {"b": ("Monday", "Tuesday"), "c": ("heavy", "severe"), "d": ("temporary", "free")}
    texts = {"a": "\n\n".join(REPRINTED) + "\n"}
    for copy, (old, new) in changed.items():
        texts[copy] = texts["a"].replace(old, new)
    published = {"a": "2024-07-01", "b": "2024-07-02", "c": "2024-07-02", "d": "2024-07-03"}
    corpus = make_corpus(texts, published)
    pairs = reuse.article_pairs(corpus)
    assert len(pairs[pairs["relation"] == "copy"]) == 6
    assert edits.directed_pairs(pairs) == [("a", "b"), ("a", "c"), ("a", "d")]
    found = edits.sentence_edits(corpus, pairs=pairs)
    assert found[["source_article", "copy_article", "source_text", "copy_text"]].values.tolist() == [
        ["a", "b", "monday", "tuesday"], ["a", "c", "heavy", "severe"], ["a", "d", "temporary", "free"],
    ]


def test_a_merge_never_pulls_in_a_paraphrased_neighbour():
    # Sentence 0 of "a" is an edited copy of "b" 0; the merge window also reached "b" 1,
    # which from its own side is only a paraphrase: that link is not diffed.
    alignments = pd.DataFrame(
        [["a", 0, "s", "b", "0;1", 0.8, "edited"],
         ["b", 0, "s", "a", "0", 0.8, "edited"],
         ["b", 1, "s", "a", "0", 0.4, "paraphrase"]],
        columns=reuse.ALIGNMENT_COLUMNS,
    )
    assert edits._aligned_groups(alignments, "a", "b", ("verbatim", "edited")) == [([0], [0])]
    assert edits._aligned_groups(alignments, "a", "b", ("verbatim", "edited", "paraphrase")) == [
        ([0], [0, 1])]


def test_a_day_carried_to_another_place_in_the_sentence_is_no_time_change():
    found = edits.diff_words(
        "A plane caught fire on a runway at Haneda airport on Tuesday after a collision, Nippon TV reported.",
        "On Tuesday, a plane caught fire on a runway at Haneda airport, as reported by Nippon TV.")
    assert "time_reference" not in {e["edit_class"] for e in found}
    changed = edits.diff_words("The plane landed on Tuesday.", "The plane landed on Wednesday.")
    assert [e["edit_class"] for e in changed] == ["time_reference"]


def test_a_lead_printed_twice_is_not_diffed_as_words_replaced():
    lead = "All 379 people on board got out safely before the plane was engulfed in flames."
    rows = [{"article": "a", "sentence_index": k, "sentence": s} for k, s in enumerate([lead, lead])]
    rows.append({"article": "b", "sentence_index": 0, "sentence": lead.rstrip(".") + ", per the AP."})
    alignments = pd.DataFrame({
        "article": ["a", "a", "b"], "sentence_index": [0, 1, 0], "sentence": ["", "", ""],
        "match_article": ["b", "b", "a"], "match_sentence_index": ["0", "0", "0;1"],
        "similarity": [0.9, 0.9, 0.9], "relation": ["edited", "edited", "edited"]})
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "relation": ["copy"], "likely_source": ["a"],
                          "containment_a_in_b": [0.9], "containment_b_in_a": [0.9]})
    found = edits.sentence_edits(Corpus.from_sentences(pd.DataFrame(rows)), alignments=alignments, pairs=pairs)
    assert found[["operation", "copy_text"]].values.tolist() == [["insertion", "per the ap"]]



def test_a_quotation_both_texts_carry_is_neither_left_out_nor_added():
    # The alignment leaves quotation-only sentences unmatched (two reports may share a
    # quotation without one copying the other); the reading of omissions must not then
    # call a quotation the copy carries word for word "left out" and "added".
    lead = "A powerful earthquake struck central Morocco late on Friday, killing hundreds of people."
    quote = "“The power went out for 10 minutes, and so did the network, but then it came back on,” he added."
    source = [lead, quote, "Tourists gathered in the main square after the quake."]
    copy = [lead, "“The power went out for 10 minutes, and so did the network, but then it came back on,” "
                  "said Brahim Amrani."]
    rows = [{"article": a, "sentence_index": k, "sentence": text}
            for a, texts in {"a": source, "b": copy}.items() for k, text in enumerate(texts)]
    alignments = pd.DataFrame({
        "article": ["a", "b"], "sentence_index": [0, 0], "sentence": ["", ""], "match_article": ["b", "a"],
        "match_sentence_index": ["0", "0"], "similarity": [1.0, 1.0], "relation": ["verbatim", "verbatim"]})
    pairs = pd.DataFrame({"article_a": ["a"], "article_b": ["b"], "relation": ["copy"], "likely_source": ["a"],
                          "containment_a_in_b": [0.6], "containment_b_in_a": [0.9]})
    changes = edits.omissions_and_additions(Corpus.from_sentences(pd.DataFrame(rows)), alignments=alignments,
                                            pairs=pairs, edits=pd.DataFrame(columns=edits.EDIT_COLUMNS))
    assert changes[["kind", "article", "sentence_index"]].values.tolist() == [["omitted", "a", "2"]]


@pytest.mark.parametrize(("source", "copy", "expected"), [
    ("The epicentre was near the town.", "The epicenter was near the town.", "spelling"),
    ("Dozens died in Marrakesh on Friday.", "Dozens died in Marrakech on Friday.", "spelling"),
    ("The organisation said so.", "The organization said so.", "spelling"),
    ("The minister announced it.", "The minister announces it.", "wording"),  # a tense, not a spelling
])
def test_one_word_spelt_two_ways_is_a_house_spelling(source, copy, expected):
    assert [e["edit_class"] for e in edits.diff_words(source, copy)] == [expected]
