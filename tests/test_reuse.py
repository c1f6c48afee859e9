"""Known answers for the reuse analysis on tiny hand-written articles, properties that
must hold for any input, and checks on the seeds."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscompare.analysis import graphs, reuse
from newscompare.analysis.credits import article_credits
from newscompare.analysis.quotation_marks import outside_quotations
from newscompare.analysis.pair_model import PairModel, fitted_pair_model
from newscompare.analysis.reuse import ReuseThresholds
from newscompare.ingest.corpus import Corpus

BRIDGE = [
    "The harbour authority closed the northern bridge after heavy storms damaged its cables.",
    "Engineers found cracks in three supporting towers during an inspection on Monday.",
    "Repairs are expected to cost several million dollars and last until spring.",
    "Local merchants complained that the closure has cut their sales sharply.",
    "The mayor promised temporary ferries for commuters while the work continues.",
]
# Reworded throughout (verbs, nouns and clause order changed), as the written definition
# of a paraphrase says; no sentence keeps its frame with a few words changed.
BRIDGE_PARAPHRASE = [
    "After violent storms damaged cables, the harbour authority shut the northern bridge.",
    "During a routine check, engineers spotted cracks in three of the supporting towers.",
    "Fixing the towers will run to several million dollars, with work lasting until spring.",
    "Shopkeepers near the harbour say the closure has badly cut their sales.",
    "While work continues, commuters will get temporary ferries, the mayor promised.",
]
CHESS = [
    "A chess tournament in Oslo drew players from forty countries this weekend.",
    "The youngest entrant, aged eleven, won four of her first five games.",
    "Organisers plan to double the prize fund next year.",
]
APPENDED = [
    "Separately, the national weather office warned of more rain along the coast.",
    "Forecasters expect rivers in the south to reach flood level by Wednesday.",
    "Schools in two districts will stay closed as a precaution.",
]


def table(texts: dict[str, list[str]], articles: pd.DataFrame | None = None) -> Corpus:
    """A corpus of the sentences (article, sentence_index, sentence) of id -> sentences."""
    rows = [
        {"article": article, "sentence_index": k, "sentence": sentence}
        for article, sentences in texts.items()
        for k, sentence in enumerate(sentences)
    ]
    return Corpus.from_sentences(pd.DataFrame(rows), articles)


def relation_of(alignments: pd.DataFrame, article: str, index: int, other: str) -> str:
    rows = alignments[
        (alignments["article"] == article)
        & (alignments["sentence_index"] == index)
        & (alignments["match_article"] == other)
    ]
    return rows["relation"].iloc[0] if len(rows) else "none"


def pair_relation(pairs: pd.DataFrame, a: str, b: str) -> str:
    row = pairs[(pairs["article_a"] == a) & (pairs["article_b"] == b)]
    return row["relation"].iloc[0]


# --- sentence relations ------------------------------------------------------------


def test_verbatim_despite_quote_style():
    texts = {
        "a": ['The minister said the plan was "ready to go" on Tuesday.', *CHESS],
        "b": ["The minister said the plan was \u201cready to go\u201d on Tuesday.", *APPENDED],
    }
    alignments = reuse.align_sentences(table(texts))
    assert relation_of(alignments, "a", 0, "b") == "verbatim"
    assert relation_of(alignments, "a", 1, "b") == "none"


def test_edited_sentence_with_one_word_changed():
    texts = {
        "a": ["India has also become a major purchaser of Russian oil after the sanctions began."],
        "b": ["India has also become a major buyer of Russian oil after the sanctions began."],
    }
    alignments = reuse.align_sentences(table(texts))
    assert relation_of(alignments, "a", 0, "b") == "edited"


def test_paraphrase_sentences_in_order():
    alignments = reuse.align_sentences(table({"a": BRIDGE, "b": BRIDGE_PARAPHRASE}))
    assert relation_of(alignments, "a", 0, "b") == "paraphrase"
    assert relation_of(alignments, "a", 4, "b") == "paraphrase"
    matched = alignments[alignments["article"] == "a"].set_index("sentence_index")["match_sentence_index"]
    assert list(matched) == ["0", "1", "2", "3", "4"]


def test_unrelated_sentences_align_to_nothing():
    alignments = reuse.align_sentences(table({"a": BRIDGE, "c": CHESS}))
    assert set(alignments["relation"]) == {"none"}
    assert (alignments["match_article"] == "").all()


def test_merged_sentence_aligns_to_both_parts():
    texts = {
        "a": [
            "Indian Prime Minister Narendra Modi will visit Russia on July 8 and 9, the Kremlin said Thursday.",
            "This will be his first trip to the country since Moscow launched its offensive.",
            *CHESS,
        ],
        "b": [
            "Indian Prime Minister Narendra Modi will visit Russia on July 8 and 9, the Kremlin said "
            "yesterday, in his first trip to the country since Moscow launched its offensive.",
            *APPENDED,
        ],
    }
    alignments = reuse.align_sentences(table(texts))
    merged = alignments[(alignments["article"] == "b") & (alignments["sentence_index"] == 0)]
    assert merged["match_sentence_index"].tolist() == ["0;1"]
    assert relation_of(alignments, "a", 1, "b") == "edited"


def test_split_sentence_aligns_to_both_parts():
    long_sentence = (
        "The council approved the new budget for the coastal railway on Friday, "
        "and the first trains on the restored line are expected to run before the winter holidays."
    )
    texts = {
        "a": [long_sentence, *CHESS],
        "b": [
            "The council approved the new budget for the coastal railway on Friday.",
            "The first trains on the restored line are expected to run before the winter holidays.",
            *APPENDED,
        ],
    }
    alignments = reuse.align_sentences(table(texts))
    assert alignments.loc[(alignments["article"] == "a") & (alignments["sentence_index"] == 0),
                          "match_sentence_index"].tolist() == ["0;1"]


def test_shared_names_and_quotation_are_not_reuse():
    texts = {
        "a": [
            'Narendra Modi met Vladimir Putin in Moscow, where he said the era is "not of war".',
            "Crowds gathered outside the hotel in the rain to watch the motorcade pass.",
            "Police closed three streets near the river for most of the afternoon.",
        ],
        "b": [
            "Analysts in Washington watched closely as Narendra Modi greeted Vladimir Putin in Moscow.",
            'Critics recalled that Modi once told the Russian leader the era is "not of war".',
            "Oil imports have risen steadily since the spring, customs figures show.",
        ],
    }
    sentences = table(texts)
    pairs = reuse.article_pairs(sentences)
    assert pair_relation(pairs, "a", "b") == "unrelated"


# --- pair relations -----------------------------------------------------------------


def test_pair_relations_copy_partial_paraphrase_unrelated():
    texts = {
        "src": BRIDGE,
        "copy": [s.replace("Monday", "yesterday") for s in BRIDGE],
        "part": [*BRIDGE[:2], *APPENDED, *CHESS],
        "para": BRIDGE_PARAPHRASE,
        "chess": CHESS + ["The final round will be broadcast live on public television."],
    }
    pairs = reuse.article_pairs(table(texts))
    assert pair_relation(pairs, "copy", "src") == "copy"
    assert pair_relation(pairs, "part", "src") == "partial_copy"
    # A rewrite that shares no word sequence is a paraphrase by its sentence counts; the
    # fitted model leans to related, and states it only at its claim floor or above (else
    # the pair is left for a check by hand).
    para = pairs.set_index(["article_a", "article_b"]).loc[("para", "src")]
    assert para["relation_by_counts"] == "paraphrase" and para["related_probability"] >= 0.5
    stated = para["related_probability"] >= fitted_pair_model().claim_min_probability
    assert para["relation"] == ("paraphrase" if stated else reuse.UNDETERMINED)
    assert pair_relation(pairs, "chess", "src") == "unrelated"


def test_a_pair_below_the_claim_floor_is_undetermined_and_in_no_family():
    texts = {"src": BRIDGE, "part": [*BRIDGE[:2], *APPENDED, *CHESS], "chess": CHESS[:1] + APPENDED[:1]}
    fitted = reuse.article_pairs(table(texts)).set_index(["article_a", "article_b"])
    assert fitted.loc[("part", "src"), "relation_by_counts"] == "partial_copy"
    # The same evidence under a model that demands more than it can give.
    demanding = PairModel(fitted_pair_model().model, claim_min_probability=1.01)
    pairs = reuse.article_pairs(table(texts), model=demanding).set_index(["article_a", "article_b"])
    row = pairs.loc[("part", "src")]
    assert row["relation"] == reuse.UNDETERMINED and row["family"] == "" and row["likely_source"] == ""
    assert "check by hand" in row["evidence"]
    assert row["related_probability"] == fitted.loc[("part", "src"), "related_probability"]
    families = reuse.copy_families(table(texts), pairs=pairs.reset_index())
    # In no family, but not shown independent either: their relation is for a reader to check.
    assert set(families["role"]) == {"unsure"}


def test_borderline_pairs_move_with_the_count_floors_and_leave_out_undetermined_pairs():
    texts = {"src": BRIDGE, "part": [*BRIDGE[:2], *APPENDED, *CHESS]}
    corpus = table(texts)
    alignments = reuse.align_sentences(corpus)
    # Two of five sentences taken: a partial copy, a copy if the copy floor fell a tenth.
    # If the count floor rose to three the counts would say unrelated, and the pair model
    # (fitted on the development events) then weighs the 40% of shared wording
    # alone, which it reads as a copy: the floors move the answer either way.
    pairs = reuse.article_pairs(corpus, alignments=alignments)
    rows = reuse.borderline_pairs(corpus, alignments, pairs)
    assert rows[["relation", "if_looser", "if_stricter"]].values.tolist() == [
        ["partial_copy", "copy", "copy"]]
    demanding = PairModel(fitted_pair_model().model, claim_min_probability=1.01)
    unsure = reuse.article_pairs(corpus, alignments=alignments, model=demanding)
    assert reuse.borderline_pairs(corpus, alignments, unsure).empty


def test_dates_and_wording_name_no_source_even_when_they_agree():
    # On the sixty development events, every source the two agreeing cues named was wrong:
    # two reprints of one wire story, each dated its own way.
    texts = {"a": BRIDGE, "b": [s.replace("on Monday", "yesterday") for s in BRIDGE]}
    articles = pd.DataFrame({
        "id": ["a", "b"], "published_start": ["2024-07-04", "2024-07-05"],
        "published_end": ["2024-07-04", "2024-07-05"],
    })
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["likely_source"] == ""
    assert "weekday" in row["evidence"] and "manifest dates: a published by" in row["evidence"]
    # The wording alone (same day) is one cue: undetermined.
    articles.loc[1, ["published_start", "published_end"]] = "2024-07-04"
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["likely_source"] == ""
    # b dated earlier: the dates and the wording disagree, so nothing is claimed.
    articles.loc[1, ["published_start", "published_end"]] = "2024-07-01"
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["likely_source"] == ""
    assert "disagree" in row["evidence"]


def test_related_texts_that_each_hold_their_own_sentences_come_from_a_common_source():
    texts = {"a": [*BRIDGE, *APPENDED[:1]], "b": [*BRIDGE, "Organisers will meet again in May."]}
    row = reuse.article_pairs(table(texts)).iloc[0]
    assert row["relation"] == "copy" and row["likely_source"] == reuse.COMMON_SOURCE
    assert "each text holds sentences the other lacks" in row["evidence"]
    roles = reuse.copy_families(table(texts)).set_index("article")["role"]
    assert set(roles) == {"common_source"}
    # One text whole inside the other: a source and its copy, not siblings.
    texts["b"] = list(BRIDGE)
    row = reuse.article_pairs(table(texts)).iloc[0]
    assert row["likely_source"] != reuse.COMMON_SOURCE


def test_a_date_alone_never_decides():
    texts = {"a": BRIDGE, "b": list(BRIDGE)}
    articles = pd.DataFrame({"id": ["a", "b"], "published": ["2024-07-01", "2024-07-04"]})
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["likely_source"] == "" and "published by 2024-07-01" in row["evidence"]


def test_an_inferred_date_is_not_counted_beside_the_wording_it_may_rest_on():
    texts = {"a": BRIDGE, "b": [s.replace("on Monday", "yesterday") for s in BRIDGE]}
    articles = pd.DataFrame({
        "id": ["a", "b"], "published_start": ["2024-07-04", "2024-07-05"],
        "published_end": ["2024-07-04", "2024-07-05"], "published_confidence": ["high", "medium"],
    })
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["likely_source"] == ""
    assert "not counted as a second cue" in row["evidence"]
    assert "wording: a names the weekday" in row["evidence"]
    # With both dates read off the pages, the dates are a cue of their own (which, with the
    # wording, still names no source).
    articles["published_confidence"] = "high"
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["likely_source"] == ""
    assert "not counted" not in row["evidence"] and "manifest dates: a published by" in row["evidence"]


def _outlets(**outlets: str) -> pd.DataFrame:
    return pd.DataFrame({"id": list(outlets), "outlet": list(outlets.values()),
                         "published": ["2024-07-01"] * len(outlets)})


def test_two_reprints_with_one_agency_credit_have_a_common_source():
    texts = {"a": ["LONDON (Reuters) - " + BRIDGE[0], *BRIDGE[1:]],
             "b": [*BRIDGE, "- Reuters"]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == reuse.COMMON_SOURCE
    assert "both are credited to REUTERS" in row["evidence"]


def test_the_agencys_own_text_is_the_source_of_a_credited_reprint():
    texts = {"a": BRIDGE, "b": [*BRIDGE, "AFP"]}
    articles = _outlets(a="Agence France-Presse", b="Evening Two")
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["likely_source"] == "a" and "own text" in row["evidence"]
    # The credit read from the manifest's outlet in brackets works the same way.
    texts["b"] = list(BRIDGE)
    articles = _outlets(a="AFP", b="Evening Two (Agence France-Presse)")
    assert reuse.article_pairs(table(texts, articles)).iloc[0]["likely_source"] == "a"


def test_the_earlier_item_of_one_site_is_the_source_of_its_update():
    texts = {"a": ["LONDON (Sputnik) - " + BRIDGE[0], *BRIDGE[1:]],
             "b": ["LONDON (Sputnik) - " + BRIDGE[0], *BRIDGE[1:], *APPENDED]}
    articles = _outlets(a="UrduPoint", b="UrduPoint").assign(url=[
        "https://www.urdupoint.com/en/world/bridge-closed-after-storms-1679760.html",
        "https://urdupoint.com/en/world/bridge-closed-repairs-to-cost-millions-1679744.html"])
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    # Both credit Sputnik (siblings by the credit rule), but b is the site's earlier item.
    assert row["likely_source"] == "b" and "same site" in row["evidence"]
    # On two sites, or with no item number, the credits decide as before.
    articles["url"] = ["https://one.example/bridge-1679760", "https://two.example/bridge-1679744"]
    assert reuse.article_pairs(table(texts, articles)).iloc[0]["likely_source"] == reuse.COMMON_SOURCE


def test_a_reprint_is_the_source_of_a_text_written_with_its_files():
    texts = {"a": ["TOKYO (AP) - " + BRIDGE[0], *BRIDGE[1:]],
             "b": [*BRIDGE[:3], "With files from The Associated Press"]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == "a" and "with files from" in row["evidence"]


def test_related_texts_with_no_evidence_are_undetermined():
    texts = {"a": BRIDGE, "b": list(BRIDGE)}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["relation"] == "copy" and row["likely_source"] == ""


def test_directions_never_form_a_cycle():
    # Each outlet credits the next one's name, round a triangle: every pair is "own text".
    texts = {"a": [*BRIDGE, "Source: Beta Wire"], "b": [*BRIDGE, "Source: Gamma Wire"],
             "c": [*BRIDGE, "Source: Alpha Wire"]}
    pairs = reuse.article_pairs(table(texts, _outlets(a="Alpha", b="Beta", c="Gamma")))
    edges = {(r.likely_source, r.article_b if r.likely_source == r.article_a else r.article_a)
             for r in pairs.itertuples() if r.likely_source in (r.article_a, r.article_b)}
    assert len(edges) == 2  # the third would close the cycle
    assert pairs["evidence"].str.contains("close a cycle").sum() == 1
    successors = {}
    for source, copy in edges:
        successors.setdefault(source, set()).add(copy)
    assert not any(graphs.reaches(successors, copy, source) for source, copy in edges)


def test_unmatched_block_of_appended_story():
    texts = {"a": BRIDGE, "b": [*BRIDGE, *APPENDED]}
    blocks = reuse.unmatched_blocks(table(texts))
    assert blocks[["article", "first_sentence_index", "last_sentence_index", "length"]].values.tolist() == [
        ["b", 5, 7, 3]
    ]


def test_copy_families_are_connected_groups():
    texts = {"a": BRIDGE, "b": [s.replace("Monday", "yesterday") for s in BRIDGE], "c": CHESS}
    families = reuse.copy_families(table(texts)).set_index("article")
    assert families.loc["a", "family"] == families.loc["b", "family"] != ""
    assert families.loc["c", "role"] == "independent"


def test_thresholds_change_the_result():
    texts = {"a": BRIDGE, "b": BRIDGE_PARAPHRASE}
    strict = dataclasses.replace(ReuseThresholds(), paraphrase_in_order_min_overlap=1.01,
                                 paraphrase_min_overlap=1.01, edited_min_ratio=1.01,
                                 edited_min_cover=1.01)
    alignments = reuse.align_sentences(table(texts), strict)
    assert set(alignments["relation"]) == {"none"}


def test_missing_columns_are_reported():
    with pytest.raises(ValueError, match="sentence_index"):
        Corpus.from_sentences(pd.DataFrame({"article": ["a"], "sentence": ["x"]}))


def test_works_on_a_loaded_corpus(make_corpus):
    corpus = make_corpus({"a": " ".join(BRIDGE), "b": " ".join(BRIDGE) + "\n\n" + " ".join(APPENDED)})
    pairs = reuse.article_pairs(corpus)
    assert pair_relation(pairs, "a", "b") == "copy"


# --- properties ----------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnop", min_size=3, max_size=8)
SENTENCE = st.lists(WORD, min_size=6, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
ARTICLE = st.lists(SENTENCE, min_size=2, max_size=6)


@settings(max_examples=25, deadline=None)
@given(ARTICLE)
def test_copy_of_itself_is_all_verbatim(sentences):
    alignments = reuse.align_sentences(table({"a": sentences, "b": list(sentences)}))
    assert set(alignments["relation"]) == {"verbatim"}


@settings(max_examples=25, deadline=None)
@given(ARTICLE, ARTICLE)
def test_disjoint_vocabularies_are_unrelated(first, second):
    second = [s.translate(str.maketrans("abcdefghijklmnop", "qrstuvwxyzqrstuv")) for s in second]
    pairs = reuse.article_pairs(table({"a": first, "b": second}))
    assert set(pairs["relation"]) == {"unrelated"}


@settings(max_examples=15, deadline=None)
@given(st.permutations(["a", "b", "c"]), st.sampled_from(['"', "\u201c"]))
def test_unchanged_by_order_quotes_and_spaces(order, quote):
    base = {"a": BRIDGE, "b": BRIDGE_PARAPHRASE, "c": [f"{quote}Hello{quote}  there,\u00a0" + CHESS[0], *CHESS[1:]]}
    reference = {"a": BRIDGE, "b": BRIDGE_PARAPHRASE, "c": ['"Hello" there, ' + CHESS[0], *CHESS[1:]]}
    shuffled = table({key: base[key] for key in order})
    expected = reuse.align_sentences(table(reference)).drop(columns="sentence")
    pd.testing.assert_frame_equal(reuse.align_sentences(shuffled).drop(columns="sentence"), expected)
    pd.testing.assert_frame_equal(reuse.article_pairs(shuffled), reuse.article_pairs(table(reference)))


# --- seeds ---------------------------------------------------------------------------


def test_seed_families_found(seeds):
    families = reuse.copy_families(seeds)
    groups = families[families["family"] != ""].groupby("family")["article"].apply(tuple).tolist()
    assert sorted(groups) == [("000", "001"), ("003", "004")]
    assert families.set_index("article").loc["002", "role"] == "independent"


def test_seed_appended_story_is_unmatched_block(seeds):
    blocks = reuse.unmatched_blocks(seeds)
    appended = blocks[blocks["article"] == "001"]
    assert appended[["first_sentence_index", "last_sentence_index"]].values.tolist() == [[12, 18]]


# --- evidence that generalises (issue 18) ---------------------------------------------


def test_edited_needs_a_shared_run_of_content_words():
    # Same names, weekday, place and figure in the same order; no word of the writers' own.
    texts = {"a": ["On Monday Narendra Modi met Vladimir Putin in Moscow for 2 hours.", *CHESS],
             "b": ["On Monday Narendra Modi greeted Vladimir Putin in Moscow after 2 years.", *APPENDED]}
    assert relation_of(reuse.align_sentences(table(texts)), "a", 0, "b") == "none"
    # Without the rule the word-sequence ratio alone (0.75) made it an edited sentence.
    loose = dataclasses.replace(ReuseThresholds(), edited_min_run_content=0)
    assert relation_of(reuse.align_sentences(table(texts), loose), "a", 0, "b") == "edited"


def test_reports_credited_to_different_agencies_need_copy_level_evidence():
    shared = BRIDGE[:2]
    texts = {"a": ["OSLO (AP) - " + shared[0], shared[1], *CHESS, *APPENDED[:1]],
             "b": ["OSLO (AFP) - " + shared[0], shared[1], *APPENDED[1:], "Organisers will meet again in May."]}
    articles = _outlets(a="Daily One", b="Evening Two")
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["relation"] == "unrelated" and "different credits" in row["evidence"]
    # The same texts with one agency's credit are a partial copy of a common source.
    texts["b"][0] = "OSLO (AP) - " + shared[0]
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["relation"] == "partial_copy" and row["likely_source"] == reuse.COMMON_SOURCE


def test_a_place_in_the_outlets_brackets_is_not_an_agency():
    texts = {"a": [*BRIDGE[:2], *CHESS, *APPENDED[:1]], "b": [*BRIDGE[:2], *APPENDED[1:], "Organisers meet in May."]}
    articles = _outlets(a="Daily One (Reuters)", b="The Herald (Glasgow)")
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert row["relation"] == "partial_copy"


def test_reprints_of_a_common_source_are_siblings_in_their_family():
    texts = {"a": ["LONDON (Reuters) - " + BRIDGE[0], *BRIDGE[1:]], "b": [*BRIDGE, "- Reuters"], "c": CHESS}
    families = reuse.copy_families(table(texts, _outlets(a="Daily One", b="Evening Two", c="Third"))
                                   ).set_index("article")
    assert families.loc["a", "role"] == families.loc["b", "role"] == "common_source"
    assert families.loc["a", "family"] == families.loc["b", "family"] != ""
    assert families.loc["c", "role"] == "independent"


def test_a_report_credited_in_its_sentence_shares_the_reprints_source():
    texts = {"a": ["SEOUL (AP) - " + BRIDGE[0], *BRIDGE[1:]],
             "b": [BRIDGE[0][:-1] + ", the Associated Press reported.", *BRIDGE[1:]]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == reuse.COMMON_SOURCE and "both are credited to AP" in row["evidence"]


def test_an_organisations_own_statement_is_the_source_of_a_report_naming_it():
    statement = ["The Harbour Trust announced today that the northern bridge will close for repairs.", *BRIDGE[1:]]
    report = ["The northern bridge will close for repairs, the Harbour Trust said.", *BRIDGE[1:]]
    articles = _outlets(a="Evening Two", b="Harbour Trust")
    row = reuse.article_pairs(table({"a": report, "b": statement}, articles)).iloc[0]
    assert row["likely_source"] == "b" and "names Harbour Trust" in row["evidence"]


def test_a_shorter_cut_with_nothing_of_its_own_is_a_sibling_not_a_copy_of_the_fuller_text():
    # Nothing names a source: the shorter text may as well be a shorter cut of the same wire
    # story (on the development events it was, 16 times in 18).
    texts = {"a": [*BRIDGE, *APPENDED[:2]], "b": BRIDGE[:3]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["relation"] == "copy"
    assert row["likely_source"] == reuse.COMMON_SOURCE and "one holds nothing of its own" in row["evidence"]


def test_a_fuller_text_reporting_in_its_outlets_name_is_the_source_of_a_cut():
    own = "CNN has contacted the harbour authority for comment."
    texts = {"a": [*BRIDGE, own], "b": BRIDGE[:3]}
    row = reuse.article_pairs(table(texts, _outlets(a="CNN", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == "a" and "reports in its outlet's own name" in row["evidence"]
    # Another outlet's request for comment in a reprint is the wire's, not the site's.
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == reuse.COMMON_SOURCE


# --- cost on pathological text (issue 23): counts of work, not timings ----------------------


def test_a_sentence_repeated_many_times_proposes_a_bounded_number_of_candidates() -> None:
    # Every repetition of a sentence was a candidate of every other: 1,000 repetitions in
    # each of two articles took 37 s, 8,000 in one article 19 s (quadratic).
    repeats = 300
    rows = [{"article": article, "sentence_index": k, "sentence": BRIDGE[0]}
            for article in ("a", "b") for k in range(repeats)]
    rows.append({"article": "b", "sentence_index": repeats, "sentence": BRIDGE[1]})
    index = reuse._build_index(pd.DataFrame(rows), reuse.DEFAULT_THRESHOLDS)
    limit = reuse.MAX_IDENTICAL_CANDIDATES + reuse.DEFAULT_THRESHOLDS.candidates_per_article
    for position, sentence in enumerate(index.sentences):
        candidates = reuse._candidates(index, position, reuse.DEFAULT_THRESHOLDS)
        assert sentence.article not in candidates  # its own repetitions are never read
        assert all(len(others) <= limit for others in candidates.values())
    # The repetitions are still found verbatim.
    alignments = reuse.align_sentences(Corpus.from_sentences(pd.DataFrame(rows)))
    from_a = alignments[alignments["article"] == "a"]
    assert len(from_a) == repeats
    assert set(from_a["relation"]) == {"verbatim"} and set(from_a["match_article"]) == {"b"}


def _chain_by_definition(points: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest chain increasing in both coordinates, read off the definition (each
    point after the earliest longest chain below it; the earliest longest chain overall):
    quadratic, as the function was before issue 23."""
    ordered = sorted(points)
    length, previous = [1] * len(ordered), [-1] * len(ordered)
    for k, (i, j) in enumerate(ordered):
        for m in range(k):
            if ordered[m][0] < i and ordered[m][1] < j and length[m] + 1 > length[k]:
                length[k], previous[k] = length[m] + 1, m
    if not ordered:
        return set()
    k = max(range(len(ordered)), key=lambda n: (length[n], -n))
    chain = set()
    while k != -1:
        chain.add(ordered[k])
        k = previous[k]
    return chain


def test_longest_increasing_run_known_answer() -> None:
    # Two chains of three, (0,0)(1,1)(2,2) and (0,5)(1,6)(2,7): the earliest wins; (3, 1)
    # shares its counterpart with a chain point and is no part of the chain.
    points = [(0, 5), (1, 6), (2, 7), (0, 0), (1, 1), (2, 2), (3, 1)]
    assert reuse._longest_increasing_run(points) == {(0, 0), (1, 1), (2, 2)}
    assert reuse._with_split_parts({(0, 0), (1, 1), (2, 2)}, points, 2) == {(0, 0), (1, 1), (2, 2), (3, 1)}
    assert reuse._inside_run({(0, 0), (2, 2), (4, 4)}, [(1, 1), (3, 1), (5, 5), (7, 7)], 2) == {(1, 1), (3, 1), (5, 5)}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=30, unique=True))
def test_longest_increasing_run_is_the_one_the_definition_gives(points) -> None:
    # The chain is found in n log n (a scan of every earlier point per point made a long
    # copied article quadratic: 8,000 sentences aligned in 16 s, now 5.5 s).
    assert reuse._longest_increasing_run(points) == _chain_by_definition(points)


def test_an_agency_name_opening_the_text_with_a_dash_is_its_credit():
    texts = {"a": ["AP — " + BRIDGE[0], *BRIDGE[1:]], "b": [*BRIDGE, "- AP"]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == reuse.COMMON_SOURCE
    assert "both are credited to AP" in row["evidence"]


def test_dates_and_coverage_alone_name_no_source_when_each_text_holds_its_own_sentences():
    # The later text carries the earlier cut of one story and a caption of its own; the earlier
    # one carries later paragraphs: older and shorter, but neither was made from the other.
    texts = {"a": [*BRIDGE, *APPENDED], "b": [*BRIDGE[:3], "Men stand by the closed bridge on Monday in the rain."]}
    articles = pd.DataFrame({"id": ["a", "b"], "published": ["2024-07-01", "2024-07-02"]})
    row = reuse.article_pairs(table(texts, articles)).iloc[0]
    assert "published by 2024-07-01" in row["evidence"] and "coverage:" in row["evidence"]
    assert row["likely_source"] == reuse.COMMON_SOURCE


def test_a_source_line_after_a_slash_is_a_credit():
    texts = {"a": ["/ Source: The Associated Press", *BRIDGE], "b": BRIDGE[:4]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert "Source: The Associated Press" in row["evidence"] and "no credit on either text" not in row["evidence"]


def test_a_date_stamp_that_lost_its_date_is_no_credit():
    # "- Published" has the shape of a closing credit line ("- Reuters") but names no one:
    # read as a credit, it made the text a reprint of an outside "Published".
    texts = {"a": ["- Published", *BRIDGE], "b": BRIDGE[:4]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert "Published" not in row["evidence"]


def test_an_uncredited_copy_of_an_outlets_own_text_has_that_text_as_source():
    # b reprints a with the outlet's credit, c copies a (and holds a line of its own) with no
    # credit at all: a, the outlet's own text, is c's source as it is b's.
    texts = {"a": BRIDGE, "b": [*BRIDGE, "- Daily One"],
             "c": [*BRIDGE[:-1], "The paper's own reporters were not at the scene on Monday night."]}
    pairs = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two", c="Morning Three")))
    row = pairs.set_index(["article_a", "article_b"]).loc[("a", "c")]
    assert row["likely_source"] == "a" and "credits no one" in row["evidence"]
    # Without another text's credit, a is one more text: nothing makes it the source.
    texts["b"] = list(BRIDGE)
    pairs = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two", c="Morning Three")))
    assert pairs.set_index(["article_a", "article_b"]).loc[("a", "c"), "likely_source"] != "a"


def test_an_agency_opening_a_stamp_line_is_its_credit():
    texts = {"a": ["PTI | Portland | Updated: 06-01-2024 10:45 IST", *BRIDGE], "b": [*BRIDGE, "- PTI"]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == reuse.COMMON_SOURCE and "both are credited to PTI" in row["evidence"]


def test_a_broadcaster_whose_report_a_text_relays_is_no_credit():
    texts = {"a": ["SEOUL (AP) - " + BRIDGE[0], *BRIDGE[1:]],
             "b": [BRIDGE[0][:-1] + ", Nippon TV reported.", *BRIDGE[1:]]}
    credits = article_credits(table(texts, _outlets(a="Daily One", b="Evening Two")))
    assert credits["a"].reprint == (frozenset({"ap"}),)
    assert credits["b"].reprint == ()


def test_an_agency_code_opening_the_text_and_an_agency_byline_are_credits():
    # A new user's book (Assange story) read neither "IBNS-CMEDIA:" nor AP's byline.
    texts = {"a": ["IBNS-CMEDIA: " + BRIDGE[0], *BRIDGE[1:]],
             "b": ["By Jintamas Saksornchai, Alanna Durkin Richer and Eric Tucker, Associated Press", *BRIDGE],
             "c": ["DHAKA: " + BRIDGE[0], *BRIDGE[1:]],
             "d": ["By Jane Doe, Staff Writer", *BRIDGE]}
    credits = article_credits(table(texts, _outlets(a="One", b="Two", c="Three", d="Four")))
    assert credits["a"].reprint == (frozenset({"ibns"}),)
    assert credits["b"].reprint == (frozenset({"ap", "associatedpress"}),)
    assert credits["c"].reprint == () and credits["d"].reprint == ()


def test_a_photo_credit_and_a_place_in_the_outlets_brackets_are_no_credits(make_corpus):
    corpus = make_corpus({"a": "Assange has left prison, WikiLeaks said on Tuesday.\n\n"
                               "Julian Assange freed after five years in London prison. — AFP/File\n\n"
                               "He will plead guilty on Wednesday, court papers show.\n"})
    corpus.articles.loc[0, "outlet"] = "The News (Pakistan)"
    credits = article_credits(corpus)
    assert credits["a"].reprint == () and credits["a"].seen == ()
    # A bracket name that another article credits is a source after all.
    both = make_corpus({"a": "Assange has left prison, WikiLeaks said on Tuesday.\n",
                        "b": "Assange has left prison, WikiLeaks said on Tuesday.\n\n- Kyodo\n"})
    both.articles.loc[0, "outlet"] = "The Times (Kyodo)"
    assert article_credits(both)["a"].reprint == (frozenset({"kyodo"}),)


def test_the_words_outside_quotations_of_a_sentence_that_starts_inside_one():
    # A sentence ending a quotation opened before it, then quoting twice more: the offsets
    # of the later quotations were read from the wrong place, which cut "class" to "cla"
    # and crashed the alignment on a real story (a word no sentence holds).
    text = ("There is no room for tepid measures,” Milei told his supporters, who chanted "
            "“Freedom, freedom!” and “Let them all go,” alluding to the political class.")
    assert outside_quotations(text) == [" Milei told his supporters, who chanted ", " and ",
                                        " alluding to the political class."]
    texts = {"a": [text, *BRIDGE], "b": BRIDGE}
    assert len(reuse.align_sentences(table(texts))) > 0


def test_a_long_statement_two_outlets_quote_is_no_copy_without_words_of_their_own_in_common(make_corpus):
    # Reader 14 (Truss story): two texts that each quote the prime minister's whole statement,
    # with leads of their own, were called a copy.
    statement = ("“I recognise though, given the situation, I cannot deliver the mandate on which I was "
                 "elected. I have therefore spoken to the King to notify him that I am resigning. This "
                 "morning I met the chairman of the committee, and we agreed there will be an election "
                 "within the next week,” she said.\n")
    corpus = make_corpus({
        "a": "Truss quits\n\nLONDON: Liz Truss resigned as prime minister on Thursday after six weeks in office, "
             "the shortest tenure in British history.\n\n" + statement,
        "b": "Truss resigns\n\nBritain's prime minister stepped down after a revolt in her party left her "
             "without support in parliament.\n\n" + statement})
    assert reuse.article_pairs(corpus).iloc[0]["taken"] == 0


def test_a_dateline_credit_without_a_dash_and_an_advertisement_label():
    texts = {"a": ["London, Oct 20 (IANS) " + BRIDGE[0], *BRIDGE[1:]], "b": ["ADVT", *BRIDGE],
             "c": ["Kyiv (Ukraine) " + BRIDGE[0], *BRIDGE[1:]]}
    credits = article_credits(table(texts, _outlets(a="One", b="Two", c="Three")))
    assert credits["a"].reprint == (frozenset({"ians"}),)
    assert credits["b"].reprint == () and credits["c"].reprint == ()


def test_a_byline_closing_with_another_outlets_name_credits_that_outlet():
    # Development (split 12's roe, moved to development): "By Courtney Subramanian Los
    # Angeles Times" above a reprint of the Los Angeles Times' own page.
    texts = {"a": BRIDGE, "b": ["By Jane Roe Daily One", *BRIDGE]}
    row = reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]
    assert row["likely_source"] == "a" and "b credits a's outlet" in row["evidence"]
    # A byline naming no outlet of the collection credits no one.
    texts["b"] = ["By Jane Roe", *BRIDGE]
    assert reuse.article_pairs(table(texts, _outlets(a="Daily One", b="Evening Two"))).iloc[0]["likely_source"] != "a"
