"""Baselines: the Churnalism 15-character rule and the difflib ratio."""

from __future__ import annotations

import pytest

from newscompare.evaluation.baselines import (
    ALIGNMENT_COLUMNS,
    PAIR_COLUMNS,
    align_churnalism,
    align_difflib,
    churnalism_pairs,
    difflib_pairs,
    pair_relation_from_containment,
)

SHARED = "The minister announced a new railway line between the two northern cities."
A_TEXT = f"Rain fell all morning over the harbour. {SHARED} Schools will reopen on Monday."
B_TEXT = f"Farmers expect a record wheat harvest this year. {SHARED} Tickets go on sale soon."
EDITED = "The minister unveiled a new railway line between the two northern cities."


def _reused(table):
    return table[table["relation"] != "none"].reset_index(drop=True)


@pytest.mark.parametrize("align", [align_churnalism, align_difflib])
def test_one_shared_sentence_gives_exactly_that_alignment(make_corpus, align) -> None:
    table = align(make_corpus({"a": A_TEXT, "b": B_TEXT}))
    assert list(table.columns) == ALIGNMENT_COLUMNS
    reused = _reused(table)
    assert reused[["article", "sentence_index", "match_article", "match_sentence_index",
                   "relation"]].values.tolist() == [
        ["a", 1, "b", "1", "verbatim"], ["b", 1, "a", "1", "verbatim"]]
    assert reused["similarity"].tolist() == [1.0, 1.0]
    # Every other sentence has one "none" row with empty match fields.
    rest = table[table["relation"] == "none"]
    assert len(rest) == 4 and set(rest["match_article"]) == {""}


@pytest.mark.parametrize("align", [align_churnalism, align_difflib])
def test_one_word_changed_is_edited(make_corpus, align) -> None:
    corpus = make_corpus({"a": A_TEXT, "b": B_TEXT.replace(SHARED, EDITED)})
    reused = _reused(align(corpus))
    assert reused["relation"].tolist() == ["edited", "edited"]
    assert (reused["similarity"] < 1.0).all()


def test_churnalism_ignores_a_short_shared_phrase(make_corpus) -> None:
    # "Prime Minister Narendra Modi" is > 15 characters but < 20% of each sentence.
    corpus = make_corpus({
        "a": "Prime Minister Narendra Modi opened the new bridge across the wide river on a "
             "cold and windy morning, watched by farmers, pupils and a brass band from the town.",
        "b": "Crowds cheered as Prime Minister Narendra Modi arrived late for the football final "
             "in the capital stadium, where the home side lost by two goals to one.",
    })
    assert _reused(align_churnalism(corpus)).empty


def test_churnalism_coverage_is_shared_characters_over_length(make_corpus) -> None:
    # Longest shared string: "the quick brown fox " (20 characters) of the 41 of a.
    a = "The quick brown fox jumps at the sky now."
    corpus = make_corpus({"a": a, "b": "Yesterday the quick brown fox ran away."})
    reused = _reused(align_churnalism(corpus))
    assert reused.loc[reused["article"] == "a", "similarity"].item() == pytest.approx(20 / len(a), abs=1e-4)


def test_difflib_cutoff_is_inclusive_and_respected(make_corpus) -> None:
    corpus = make_corpus({"a": "One two three four.", "b": "One two five six."})
    # Ratio of the word lists: 2 * 2 matched / 8 words = 0.5.
    assert len(_reused(align_difflib(corpus, min_ratio=0.5))) == 2
    assert _reused(align_difflib(corpus, min_ratio=0.51)).empty


@pytest.mark.parametrize(
    ("a_in_b", "b_in_a", "expected"),
    [(1.0, 0.3, "copy"), (0.8, 0.0, "copy"), (0.79, 0.5, "partial_copy"),
     (0.21, 0.0, "partial_copy"), (0.2, 0.2, "unrelated"), (0.0, 0.0, "unrelated")],
)
def test_pair_relation_from_containment(a_in_b, b_in_a, expected) -> None:
    assert pair_relation_from_containment(a_in_b, b_in_a) == expected


@pytest.mark.parametrize("pairs", [churnalism_pairs, difflib_pairs])
def test_pairs_copy_partial_and_unrelated(make_corpus, pairs) -> None:
    corpus = make_corpus({
        "a": A_TEXT,
        "b": A_TEXT + " A second paragraph adds detail. It ends the story here.",
        "c": "Completely different words about cooking pasta at home tonight.",
    })
    table = pairs(corpus)
    assert list(table.columns) == PAIR_COLUMNS
    relations = dict(zip(zip(table["article_a"], table["article_b"]), table["relation"]))
    assert relations == {("a", "b"): "copy", ("a", "c"): "unrelated", ("b", "c"): "unrelated"}
    row = table.iloc[0]
    assert row["containment_a_in_b"] == 1.0 and row["containment_b_in_a"] < 1.0


@pytest.mark.parametrize("align", [align_churnalism, align_difflib])
def test_every_seed_sentence_has_a_row(seeds, align) -> None:
    table = align(seeds)
    keys = set(zip(table["article"], table["sentence_index"]))
    assert keys == set(zip(seeds.sentences["article"], seeds.sentences["sentence_index"]))


@pytest.mark.parametrize("pairs", [churnalism_pairs, difflib_pairs])
def test_seed_copy_family_found_by_baselines(seeds, pairs) -> None:
    table = pairs(seeds)
    relation = table.set_index(["article_a", "article_b"])["relation"]
    # 000 is wholly contained in 001 (the AFP story, lightly edited).
    assert relation[("000", "001")] == "copy"
    # 002 rewrites a story from outside the corpus: related to nothing here.
    assert (table.loc[(table["article_a"] == "002") | (table["article_b"] == "002"),
                      "relation"] == "unrelated").all()
