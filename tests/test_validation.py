"""Scoring a reuse method against the sentence provenance annotation."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import pytest

from newscompare.evaluation.validation import (
    PROVENANCE_COLUMNS,
    binary_scores,
    compare_sentence_labels,
    confusion_matrix,
    gold_pair_relations,
    load_sentence_provenance,
    relation_scores,
    score_method,
    sentence_units,
    stability_summary,
    sweep_thresholds,
    threshold_grid,
)
from newscompare.ingest.errors import CorpusError

# Three articles: b copies a's first two sentences (one verbatim, one edited);
# c is unrelated.
TEXTS = {
    "a": "The council approved the new budget on Tuesday. Taxes will rise by two percent. "
         "Critics called the plan unfair.",
    "b": "The council approved the new budget on Tuesday. Taxes will go up by two percent. "
         "The mayor was not available.",
    "c": "A storm closed the mountain pass overnight. Drivers were told to wait.",
}
GOLD_ROWS = [
    ("a", 0, "b", "0", "verbatim"), ("a", 1, "b", "1", "edited"), ("a", 2, "", "", "none"),
    ("b", 0, "a", "0", "verbatim"), ("b", 1, "a", "1", "edited"), ("b", 2, "", "", "none"),
    ("c", 0, "", "", "none"), ("c", 1, "", "", "none"),
]


def _alignment(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [(*row, 1.0) for row in rows],
        columns=["article", "sentence_index", "match_article", "match_sentence_index",
                 "relation", "similarity"],
    )


def _write_gold(path, rows) -> None:
    lines = [",".join(PROVENANCE_COLUMNS)]
    lines += [",".join(map(str, (*row, ""))) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def tiny(make_corpus):
    return make_corpus(TEXTS)


def test_units_cover_every_sentence_and_other_article(tiny) -> None:
    units = sentence_units(_alignment(GOLD_ROWS), tiny)
    assert len(units) == 8 * 2  # 8 sentences, 2 other articles each
    labels = dict(zip(zip(units["article"], units["sentence_index"], units["other_article"]),
                      units["relation"]))
    assert labels[("a", 1, "b")] == "edited"
    assert labels[("a", 1, "c")] == "none"
    assert labels[("c", 0, "a")] == "none"


def test_units_keep_the_strongest_of_several_rows(tiny) -> None:
    rows = [("a", 0, "b", "0", "paraphrase"), ("a", 0, "b", "1", "verbatim")]
    units = sentence_units(_alignment(rows), tiny)
    row = units[(units["article"] == "a") & (units["sentence_index"] == 0)
                & (units["other_article"] == "b")].iloc[0]
    assert row["relation"] == "verbatim" and row["matches"] == (0, 1)


def test_relation_scores_known_answer() -> None:
    gold = pd.Series(["edited", "edited", "none", "none", "paraphrase"])
    predicted = pd.Series(["edited", "none", "edited", "none", "none"])
    table = relation_scores(gold, predicted, ["edited", "paraphrase", "verbatim", "none"])
    edited = table.set_index("relation").loc["edited"]
    assert (edited.gold_count, edited.predicted_count, edited.true_positives) == (2, 2, 1)
    assert edited.precision == 0.5 and edited.recall == 0.5 and edited.f1 == 0.5
    paraphrase = table.set_index("relation").loc["paraphrase"]
    assert math.isnan(paraphrase.precision) and paraphrase.recall == 0 and paraphrase.f1 == 0
    verbatim = table.set_index("relation").loc["verbatim"]
    assert math.isnan(verbatim.f1)  # nothing to find and nothing found


def test_binary_scores_pool_all_reuse_relations() -> None:
    gold = pd.Series(["edited", "paraphrase", "none", "none"])
    predicted = pd.Series(["paraphrase", "none", "verbatim", "none"])
    row = binary_scores(gold, predicted, "none").iloc[0]
    assert (row.gold_count, row.predicted_count, row.true_positives) == (2, 2, 1)
    assert row.f1 == 0.5


def test_confusion_matrix_rows_gold_columns_predicted() -> None:
    gold = pd.Series(["edited", "edited", "none"])
    predicted = pd.Series(["edited", "none", "none"])
    table = confusion_matrix(gold, predicted, ["verbatim", "edited", "none"])
    assert table.loc["edited", "none"] == 1 and table.loc["edited", "edited"] == 1
    assert table.loc["none", "none"] == 1 and int(table.to_numpy().sum()) == 3
    assert list(table.index) == ["verbatim", "edited", "none"]


def test_same_counterpart_flags_a_link_to_the_wrong_sentence(tiny) -> None:
    predicted = _alignment([("a", 0, "b", "2", "verbatim"), ("a", 1, "b", "1", "edited")])
    labels = compare_sentence_labels(_alignment(GOLD_ROWS), predicted, tiny)
    flags = labels[labels["other_article"] == "b"].set_index(["article", "sentence_index"])
    assert bool(flags.loc[("a", 0), "same_counterpart"]) is False
    assert bool(flags.loc[("a", 1), "same_counterpart"]) is True
    assert pd.isna(flags.loc[("a", 2), "same_counterpart"])


def test_gold_pair_relations_copy_and_unrelated(tiny) -> None:
    pairs = gold_pair_relations(_alignment(GOLD_ROWS), tiny)
    relations = dict(zip(zip(pairs["article_a"], pairs["article_b"]), pairs["relation"]))
    # 2 of the shorter article's 3 sentences taken: at least half, so a copy by the
    # written definition (heldout/GUIDELINES.md, section 3).
    assert relations == {("a", "b"): "copy", ("a", "c"): "unrelated",
                         ("b", "c"): "unrelated"}


def test_gold_pair_relations_paraphrase_when_paraphrase_links_dominate(tiny) -> None:
    rows = [("a", 0, "b", "0", "paraphrase"), ("b", 0, "a", "0", "paraphrase"),
            ("a", 1, "b", "1", "paraphrase"), ("b", 1, "a", "1", "paraphrase"),
            ("a", 2, "b", "2", "edited"), ("b", 2, "a", "2", "edited")]
    pairs = gold_pair_relations(_alignment(rows), tiny)
    assert pairs.iloc[0]["relation"] == "paraphrase"


def test_perfect_prediction_scores_one(tiny) -> None:
    gold = _alignment(GOLD_ROWS)
    result = score_method("gold", gold, gold_pair_relations(gold, tiny), gold, tiny)
    assert result.sentence_binary.iloc[0].f1 == 1.0
    assert (result.sentence_labels["gold"] == result.sentence_labels["predicted"]).all()
    assert result.pair_binary.iloc[0].f1 == 1.0


def test_missed_sentence_lowers_recall(tiny) -> None:
    gold = _alignment(GOLD_ROWS)
    predicted = _alignment([row for row in GOLD_ROWS if row[:2] != ("a", 1)])
    result = score_method("m", predicted, gold_pair_relations(gold, tiny), gold, tiny)
    row = result.sentence_binary.iloc[0]
    assert (row.gold_count, row.true_positives) == (4, 3) and row.recall == 0.75


def test_real_annotation_loads_and_covers_every_seed_sentence(seeds) -> None:
    gold = load_sentence_provenance(corpus=seeds)
    assert set(zip(gold["article"], gold["sentence_index"])) == set(
        zip(seeds.sentences["article"], seeds.sentences["sentence_index"]))


def test_real_annotation_pairs_match_provenance_note(seeds) -> None:
    pairs = gold_pair_relations(load_sentence_provenance(corpus=seeds), seeds)
    related = pairs[pairs["relation"] != "unrelated"]
    assert related[["article_a", "article_b", "relation"]].values.tolist() == [
        ["000", "001", "copy"], ["003", "004", "paraphrase"]]


def test_bad_relation_names_file_and_line(tmp_path, tiny) -> None:
    path = tmp_path / "gold.csv"
    _write_gold(path, [*GOLD_ROWS[:2], ("a", 2, "", "", "copied")])
    with pytest.raises(CorpusError, match="relation 'copied'") as error:
        load_sentence_provenance(path)
    assert error.value.line == 4 and error.value.path == path


def test_link_without_reverse_row_is_rejected(tmp_path, tiny) -> None:
    path = tmp_path / "gold.csv"
    rows = [row for row in GOLD_ROWS if row[:2] != ("b", 1)] + [("b", 1, "", "", "none")]
    _write_gold(path, rows)
    with pytest.raises(CorpusError, match="no reverse row"):
        load_sentence_provenance(path, corpus=tiny)


def test_sentence_without_row_is_rejected(tmp_path, tiny) -> None:
    path = tmp_path / "gold.csv"
    _write_gold(path, GOLD_ROWS[:-1])
    with pytest.raises(CorpusError, match="first c:1"):
        load_sentence_provenance(path, corpus=tiny)


def test_none_row_with_a_match_is_rejected(tmp_path) -> None:
    path = tmp_path / "gold.csv"
    _write_gold(path, [("a", 2, "b", "2", "none")])
    with pytest.raises(CorpusError, match="relation none with a match"):
        load_sentence_provenance(path)


@dataclass(frozen=True)
class _Knobs:
    cut: float = 0.5
    size: int = 4


def _fake_align(corpus, thresholds):
    """Predicts the gold alignment when cut < 0.6, nothing otherwise."""
    return _alignment(GOLD_ROWS if thresholds.cut < 0.6 else [])


def _fake_pairs(corpus, thresholds, alignments):
    """Pairs from the given alignment; with size > 4 every pair is called unrelated."""
    pairs = gold_pair_relations(alignments, corpus)
    return pairs.assign(relation="unrelated") if thresholds.size > 4 else pairs


def test_threshold_grid_includes_default_and_spans_fractions() -> None:
    grid = threshold_grid(_Knobs())
    assert 0.5 in grid["cut"] and min(grid["cut"]) == 0.05 and max(grid["cut"]) == 0.95
    assert grid["size"] == [2, 3, 4, 5, 6, 7, 8]


def test_sweep_finds_where_labels_change(tiny) -> None:
    gold = _alignment(GOLD_ROWS)
    sweep = sweep_thresholds(tiny, gold, _Knobs(), _fake_align, _fake_pairs,
                             grid={"cut": [0.45, 0.5, 0.55, 0.65], "size": [3, 4]})
    cut = sweep[sweep["threshold"] == "cut"].set_index("value")
    assert cut.loc[0.65, "sentence_labels_changed"] == 4
    assert cut.loc[0.65, "pair_relations_changed"] == 1
    assert cut.loc[0.65, "sentence_f1"] == 0.0
    assert cut["stable"].tolist() == [True, True, True, False]
    summary = stability_summary(sweep).set_index("threshold")
    assert summary.loc["cut", "stable_to"] == 0.55 and not summary.loc["cut", "knife_edge"]
    assert summary.loc["size", "stable_values"] == 2


def test_knife_edge_when_a_neighbour_changes(tiny) -> None:
    gold = _alignment(GOLD_ROWS)
    sweep = sweep_thresholds(tiny, gold, _Knobs(cut=0.55), _fake_align, _fake_pairs,
                             grid={"cut": [0.5, 0.55, 0.6]})
    assert bool(stability_summary(sweep).iloc[0]["knife_edge"]) is True


def test_a_changed_pair_relation_alone_makes_a_value_unstable(tiny) -> None:
    sweep = sweep_thresholds(tiny, _alignment(GOLD_ROWS), _Knobs(), _fake_align, _fake_pairs,
                             grid={"size": [4, 5]})
    five = sweep.set_index("value").loc[5.0]
    assert five["sentence_labels_changed"] == 0 and five["pair_relations_changed"] == 1
    assert not five["stable"]
