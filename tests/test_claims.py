"""Claims: catalogue checks, each rule of the seeds' catalogue on hand-written sentences,
details, evaluation against the annotation."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from conftest import write_corpus_folder
from newscompare.analysis import claims
from newscompare.evaluation import annotations
from newscompare.ingest.corpus import load_corpus
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.paths import ANNOTATIONS_DIR, STORY_CLAIMS_FILE
from newscompare.tables import AnalysisOptions, claims_export

# claim id -> (a sentence that makes the claim, a near miss that does not). Written for
# these tests, not copied from the seeds.
RULE_CASES = {
    "annual_summit": ("The trip is part of the annual summit cycle agreed in 2000.",
                      "He last visited the country for an annual summit in 2019."),
    "citizens_in_russian_army": ("Dozens of Indian citizens were recruited by the army.",
                                 "Indian citizens were urged to leave the region."),
    "first_visit_since_war": ("It is his first visit since the invasion began.",
                              "It is his first visit since 2019."),
    "g20_new_delhi": ("He skipped the Group of 20 summit held in the capital.",
                      "The group of 20 delegates met for lunch."),
    "last_visit_2019": ("He last visited Moscow in 2019.",
                        "Trade grew in 2019."),
    "military_equipment": ("Most of its military equipment still comes from Moscow.",
                           "The military parade was cancelled."),
    "nato_summit": ("The visit falls on the same days as the NATO summit.",
                    "NATO leaders issued a statement."),
    "no_public_criticism": ("Delhi has refrained from openly condemning the war.",
                            "Delhi condemned the attack."),
    "not_joined_sanctions": ("India has not joined the sanctions.",
                             "India has joined the sanctions."),
    "payment_problems": ("Exporters complain of payment problems.",
                         "Payment was made in rupees."),
    "quad_sco_brics": ("India sits in the Quad as well as BRICS.",
                       "India sits in the Quad."),
    "reelection": ("He was re-elected in June.",
                   "He was elected in 2014."),
    "rostec_ammunition": ("Rostec will make tank rounds in India.",
                          "Rostec reported higher profits."),
    "russian_oil": ("India bought record amounts of Russian oil.",
                    "Oil prices fell."),
    "sco_2022_meeting": ("They met at the SCO summit in Samarkand, Uzbekistan, in 2022.",
                         "They met at a summit in 2022."),
    "state_visit_washington": ("His state visit to Washington was a success.",
                               "His visit to Moscow was a success."),
    "swiss_peace_summit": ("India did not sign the text of the peace summit in Switzerland.",
                           "The peace summit was held last month."),
    "ties_date_to_cold_war": ("Their friendship dates back to the Soviet era.",
                              "Their friendship is recent."),
    "trade_imbalance": ("The talks will address the trade imbalance.",
                        "The talks will address trade."),
    "un_abstention": ("India abstained in the UN vote.",
                      "India voted in favour."),
    "visit_dates_given": ("The visit will take place on July 8 and 9.",
                          "The visit will take place soon."),
    "visit_dates_not_fixed": ("The dates of the visit are yet to be finalized.",
                              "The visit is on July 8; the dates were announced."),
}


@pytest.fixture(scope="module")
def catalogue() -> list[claims.Claim]:
    return claims.load_claims(STORY_CLAIMS_FILE)


@pytest.fixture(scope="module")
def rule_table(tmp_path_factory, catalogue) -> pd.DataFrame:
    """Every case sentence as its own one-sentence article, matched once."""
    texts = {}
    for number, (positive, negative) in enumerate(RULE_CASES.values()):
        texts[f"p{number:02d}"], texts[f"n{number:02d}"] = positive, negative
    corpus = load_corpus(write_corpus_folder(tmp_path_factory.mktemp("rules"), texts))
    return claims.claim_table(corpus, catalogue).set_index(["article", "claim_id"])


def test_every_claim_of_the_catalogue_has_test_cases(catalogue):
    assert sorted(c.id for c in catalogue) == sorted(RULE_CASES)


@pytest.mark.parametrize("claim_id", sorted(RULE_CASES))
def test_rule_finds_its_claim(rule_table, claim_id):
    number = list(RULE_CASES).index(claim_id)
    assert rule_table.at[(f"p{number:02d}", claim_id), "present"]


@pytest.mark.parametrize("claim_id", sorted(RULE_CASES))
def test_rule_ignores_near_miss(rule_table, claim_id):
    number = list(RULE_CASES).index(claim_id)
    assert not rule_table.at[(f"n{number:02d}", claim_id), "present"]


def one_claim(**fields) -> list[claims.Claim]:
    return [claims.parse_claim({"id": "c", "statement": "s", **fields}, Path("x.yml"), 1)]


def test_evidence_is_the_first_supporting_sentence_and_detail_first_variant(make_corpus):
    corpus = make_corpus({"a": "Nothing. The visit is on July 8. The visit is on July 8.",
                          "b": "Nothing at all."})
    catalogue = one_claim(all_of=[["visit"], ["July 8", "date"]],
                          details=[{"pattern": "yet", "label": "not fixed"},
                                   {"pattern": "July 8", "label": "given"}])
    table = claims.claim_table(corpus, catalogue)
    assert table.values.tolist() == [["a", "c", True, 1, "given"], ["b", "c", False, pd.NA, ""]]


def test_none_of_disqualifies_a_sentence(make_corpus):
    corpus = make_corpus({"a": "He last visited for the annual summit.",
                          "b": "This visit is the annual summit."})
    catalogue = one_claim(all_of=[["annual summit"], ["visit"]], none_of=["last visit"])
    assert list(claims.claim_table(corpus, catalogue)["present"]) == [False, True]


def test_all_groups_must_be_in_one_sentence(make_corpus):
    corpus = make_corpus({"a": "The visit was announced. It is set for July 8."})
    catalogue = one_claim(all_of=[["visit"], ["July 8"]])
    assert not claims.claim_table(corpus, catalogue).at[0, "present"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "  - id: ok\n    statement: Fine.\n    all_of: [[visit]]\n"


@pytest.mark.parametrize("entry, expected, line", [
    ("  - id: Bad Id\n    statement: s\n    all_of: [[a]]\n", "snake_case", 5),
    ("  - id: c\n    all_of: [[a]]\n", "claim 'c': expected a 'statement'", 5),
    ("  - id: c\n    statement: s\n    all_of: [a]\n", "claim 'c', all_of group 1", 5),
    ("  - id: c\n    statement: s\n    all_of: [[a]]\n    colour: red\n", "unknown keys", 5),
    ("  - id: ok\n    statement: s\n    all_of: [[a]]\n", "defined twice", 5),
    ("  - id: c\n    statement: s\n    all_of: [['... a']]\n", "'...' only between", 5),
    ("  - id: c\n    statement: s\n    all_of: [[a]]\n    details: [{pattern: a}]\n",
     "claim 'c', detail 1", 5),
])
def test_catalogue_errors_name_file_line_and_claim(tmp_path, entry, expected, line):
    path = write(tmp_path, "claims:\n" + GOOD + entry)
    with pytest.raises(CorpusError, match=expected) as error:
        claims.load_claims(path)
    assert (error.value.path, error.value.line) == (path, line)


def test_catalogue_that_is_not_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "claims:\n  - id: [unclosed\n")
    with pytest.raises(CorpusError, match="not valid YAML") as error:
        claims.load_claims(path)
    assert error.value.line == 3


def test_catalogue_without_claims_list(tmp_path):
    with pytest.raises(CorpusError, match="top-level 'claims:' list"):
        claims.load_claims(write(tmp_path, "other: 1\n"))


def test_evaluate_counts_and_rates():
    keys = {"article": ["a", "a", "b", "b", "c"], "claim_id": ["x", "y", "x", "y", "x"]}
    detected = pd.DataFrame({**keys, "present": [True, True, True, False, False],
                             "evidence_sentence_index": [0, 0, 0, pd.NA, pd.NA],
                             "detail": [""] * 5})
    annotation = pd.DataFrame({**keys, "present": [True, False, False, True, False],
                               "evidence_note": [""] * 5})
    result = annotations.evaluate_claims(detected, annotation)
    assert result == {"true_positives": 1, "false_positives": 2, "false_negatives": 1,
                      "true_negatives": 1, "precision": 0.333, "recall": 0.5}


def test_evaluate_refuses_different_coverage():
    detected = pd.DataFrame({"article": ["a"], "claim_id": ["x"], "present": [True],
                             "evidence_sentence_index": [0], "detail": [""]})
    annotation = pd.DataFrame({"article": ["b"], "claim_id": ["x"], "present": [True],
                               "evidence_note": [""]})
    with pytest.raises(ValueError, match="differ in coverage"):
        annotations.evaluate_claims(detected, annotation)


def test_evaluate_nothing_detected_gives_nan_precision():
    detected = pd.DataFrame({"article": ["a"], "claim_id": ["x"], "present": [False],
                             "evidence_sentence_index": [pd.NA], "detail": [""]})
    annotation = pd.DataFrame({"article": ["a"], "claim_id": ["x"], "present": [True],
                               "evidence_note": [""]})
    result = annotations.evaluate_claims(detected, annotation)
    assert math.isnan(result["precision"]) and result["recall"] == 0.0


def test_annotation_with_bad_value_names_the_line(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("claim_id,article,present,evidence_note\nx,a,1,ok\nx,b,yes,?\n",
                    encoding="utf-8")
    with pytest.raises(CorpusError, match="expected 0 or 1") as error:
        annotations.read_claim_annotation(path)
    assert error.value.line == 3


def test_export_without_catalogue_is_header_only(make_corpus):
    corpus = make_corpus({"a": "The visit is on July 8."})
    table = claims_export(corpus, AnalysisOptions())
    assert list(table.columns) == claims.CLAIM_COLUMNS and table.empty


def test_seeds_annotation_covers_the_catalogue(seeds, catalogue):
    annotation = annotations.read_claim_annotation(ANNOTATIONS_DIR / "claims.csv")
    assert set(annotation["claim_id"]) == {c.id for c in catalogue}
    assert set(annotation["article"]) == set(seeds.ids)


def test_seeds_claim_table_has_one_row_per_article_and_claim(seeds, catalogue):
    table = claims.claim_table(seeds, catalogue)
    assert len(table) == len(seeds.ids) * len(catalogue)
    assert not table.duplicated(["article", "claim_id"]).any()


def test_seeds_dates_differ_between_early_and_late_articles(seeds, catalogue):
    table = claims.claim_table(seeds, catalogue).set_index(["article", "claim_id"])
    # Opposite statements are different claims: dates given, or not yet fixed.
    given = table.xs("visit_dates_given", level="claim_id")["present"].astype(bool)
    not_fixed = table.xs("visit_dates_not_fixed", level="claim_id")["present"].astype(bool)
    assert given.to_dict() == {"000": True, "001": True, "002": True, "003": False, "004": False}
    assert (given != not_fixed).all()


def test_seeds_dates_follow_publication_and_briefing_facts_are_only_in_the_neutral(seeds, catalogue):
    """Sentences of the front page and the conclusions, checked against the claims table:
    texts published before the Kremlin's announcement (4 July) say the dates are not yet
    fixed and the later ones give them; only The Neutral (002) mentions the NATO summit and
    the trade imbalance."""
    table = claims.claim_table(seeds, catalogue).set_index(["article", "claim_id"])["present"].astype(bool)
    published = seeds.articles.set_index("id")
    for article in seeds.ids:
        before = published.at[article, "published_start"] < "2024-07-04"
        assert table[(article, "visit_dates_not_fixed")] == before
        assert table[(article, "visit_dates_given")] == (not before)
    for claim_id in ("nato_summit", "trade_imbalance"):
        assert [a for a in seeds.ids if table[(a, claim_id)]] == ["002"]
