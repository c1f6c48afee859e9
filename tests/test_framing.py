"""Framing: lemma matching of lexicon terms, quotations, counts and changes in copies."""

from __future__ import annotations

import pandas as pd
import pytest

from newscompare import framing
from newscompare.errors import CorpusError

TINY = framing.Lexicon(
    terms={
        "war_naming": ["unprovoked invasion", "invasion", "war", "campaign"],
        "india_stance": ["abstain", "not join ... sanction"],
        "russia_position": ["isolated"],
    },
    exclude={"war_naming": ["cold war"], "india_stance": [], "russia_position": []},
)


def hits(corpus, lexicon=TINY) -> list[tuple[str, str]]:
    table = framing.framing_table(corpus, lexicon)
    return list(zip(table["term"], table["matched_text"]))


def test_inflections_match_through_lemmas(make_corpus):
    corpus = make_corpus({"a": "India abstained again. Russia stays isolated. Wars end."})
    assert hits(corpus) == [("abstain", "abstained"), ("isolated", "isolated"), ("war", "Wars")]


def test_term_inside_another_word_does_not_match(make_corpus):
    corpus = make_corpus({"a": "The award went to a warship. Software is wartime-free."})
    assert hits(corpus) == []


def test_gap_allows_a_few_words_but_not_many(make_corpus):
    corpus = make_corpus({
        "a": "India has not joined its Western allies in leveling sanctions.",
        "b": "India did not join the group of countries that after long and bitter debate "
             "imposed sanctions.",
    })
    table = framing.framing_table(corpus, TINY)
    assert list(table["article"]) == ["a"]
    assert table.at[0, "matched_text"] == "not joined its Western allies in leveling sanctions"


def test_longest_overlapping_term_is_counted_once(make_corpus):
    corpus = make_corpus({"a": "Putin began his unprovoked invasion of Ukraine."})
    assert hits(corpus) == [("unprovoked invasion", "unprovoked invasion")]


def test_excluded_phrase_cancels_the_hit_it_overlaps(make_corpus):
    corpus = make_corpus({"a": "Their ties date back to the Cold War. The war goes on."})
    table = framing.framing_table(corpus, TINY)
    assert list(table["sentence_index"]) == [1]


def test_hit_inside_quotation_marks_is_flagged(make_corpus):
    corpus = make_corpus({"a": 'He said the era is "not of war" while the war went on.'})
    table = framing.framing_table(corpus, TINY)
    assert list(table["in_quotation"]) == [True, False]


def test_evidence_is_the_sentence_of_the_hit(make_corpus):
    corpus = make_corpus({"a": "Nothing here. That campaign has tested ties."})
    row = framing.framing_table(corpus, TINY).iloc[0]
    assert (row["sentence_index"], row["evidence"]) == (1, "That campaign has tested ties.")


def test_frame_counts_include_zeros(make_corpus):
    corpus = make_corpus({"a": "The war goes on. The war goes on.", "b": "Nothing here."})
    counts = framing.frame_counts(framing.framing_table(corpus, TINY), corpus.ids,
                                  TINY.categories)
    war = counts[counts["category"] == "war_naming"].set_index("article")["hits"]
    assert war.to_dict() == {"a": 2, "b": 0}
    assert len(counts) == 2 * len(TINY.categories)


def alignment(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article", "sentence_index", "match_article",
                                       "match_sentence_index", "similarity", "relation"])


def test_frame_changes_reports_replaced_terms(make_corpus):
    corpus = make_corpus({"a": "The war has tested ties. India abstained.",
                          "b": "That campaign has tested ties. India abstained."})
    table = framing.framing_table(corpus, TINY)
    alignments = alignment([
        ("b", 0, "a", "0", 0.8, "edited"),
        ("b", 1, "a", "1", 1.0, "verbatim"),
        ("a", 0, "", "", 0.0, "none"),
    ])
    changes = framing.frame_changes(table, alignments)
    assert changes[["article", "sentence_index", "category", "terms", "match_terms",
                    "change"]].values.tolist() == [
        ["b", 0, "war_naming", "campaign", "war", "replaced"]]


def test_frame_changes_added_removed_and_merged_sentences(make_corpus):
    corpus = make_corpus({"a": "Russia is isolated. The war goes on.",
                          "b": "Russia is alone and the fighting goes on.",
                          "c": "Russia is isolated and the invasion goes on."})
    table = framing.framing_table(corpus, TINY)
    alignments = alignment([("b", 0, "a", "0;1", 0.6, "paraphrase"),
                            ("c", 0, "a", "0;1", 0.7, "edited")])
    changes = framing.frame_changes(table, alignments)
    assert changes[["article", "category", "change"]].values.tolist() == [
        ["b", "russia_position", "removed"], ["b", "war_naming", "removed"],
        ["c", "war_naming", "replaced"]]
    only_c = framing.frame_changes(table, alignments, sources={"c": "a"})
    assert set(only_c["article"]) == {"c"}


def test_sources_from_pairs_names_the_copy():
    pairs = pd.DataFrame({"article_a": ["x", "x", "y"], "article_b": ["y", "z", "z"],
                          "likely_source": ["x", "", "z"]})
    assert framing.sources_from_pairs(pairs.iloc[:2]) == {"y": "x"}
    assert framing.sources_from_pairs(pairs.iloc[2:]) == {"y": "z"}


@pytest.mark.parametrize("text, expected", [
    ("categories: []\n", "expected a mapping 'categories:'"),
    ("categories:\n  war:\n    terms: []\n", "category 'war': expected 'terms:'"),
    ("categories:\n  war:\n    terms: ['... war']\n", "'...' only between words"),
])
def test_load_lexicon_errors_name_the_problem(tmp_path, text, expected):
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=expected) as error:
        framing.load_lexicon(path)
    assert error.value.path == path


def test_shipped_lexicon_loads_with_four_categories():
    lexicon = framing.load_lexicon()
    assert lexicon.categories == ["war_naming", "russia_position", "india_russia_ties",
                                  "india_stance"]


def test_seeds_cold_war_is_not_counted_as_naming_the_war(seeds):
    table = framing.framing_table(seeds)
    war = table[table["category"] == "war_naming"]
    assert war[war["evidence"].str.contains("Cold War")].empty
    assert ((table["article"] == "004") & (table["term"] == "unprovoked invasion")).sum() == 1


def test_seeds_copy_renames_the_war(seeds):
    # 001 rewrites 000's "The war has tested relations" as "That campaign has tested ..."
    table = framing.framing_table(seeds)
    terms = table[(table["category"] == "war_naming")].groupby("article")["term"].apply(set)
    assert "campaign" in terms["001"] and "campaign" not in terms["000"]
