"""The fitted parameters: the committed files are what ``make fit`` writes, fitted on
development events only, and the decisions they drive behave as documented."""

from __future__ import annotations

import json

import pytest

from newscompare.analysis.pair_model import (
    FEATURE_NAMES as PAIR_FEATURES,
)
from newscompare.analysis.pair_model import (
    PAIR_CLASSES, PAIR_MODEL_FILE, UNDETERMINED, PairModel, pair_features,
)
from newscompare.evaluation import fitting
from newscompare.evaluation.heldout import read_split
from newscompare.ingest.cleaning import assign_roles
from newscompare.ingest.line_model import FEATURE_NAMES as LINE_FEATURES
from newscompare.ingest.line_model import LINE_CLASSES, LINE_MODEL_FILE
from newscompare.ingest.logistic import LogisticModel


def test_refitting_the_line_model_gives_the_committed_file():
    # A changed annotation, feature or procedure without `make fit` fails here.
    assert fitting.parameters_text(fitting.fit_line_model()) == LINE_MODEL_FILE.read_text(encoding="utf-8")


@pytest.mark.slow
def test_refitting_the_pair_model_gives_the_committed_file():
    # Its features come from the whole analysis of the development events, so a change
    # to cleaning, alignment or the counts that moves any pair's features fails here too.
    assert fitting.parameters_text(fitting.fit_pair_model()) == PAIR_MODEL_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [LINE_MODEL_FILE, PAIR_MODEL_FILE])
def test_fitted_on_development_events_only(path):
    fitted = json.loads(path.read_text(encoding="utf-8"))
    split_of = read_split()
    assert fitted["data"]["events"]
    assert all(split_of[event] == "development" for event in fitted["data"]["events"])


def test_the_claim_floor_is_the_lowest_that_keeps_false_links_within_the_target():
    fitted = json.loads(PAIR_MODEL_FILE.read_text(encoding="utf-8"))
    unrelated = fitted["data"]["pairs"] - fitted["data"]["related"]
    allowed = fitting.MAX_FALSE_LINK_SHARE * unrelated
    floors = {float(floor): count for floor, count in fitted["cross_validation"]["false_links_by_floor"].items()}
    chosen = fitted["decision"]["claim_min_probability"]
    assert floors[chosen] <= allowed
    assert all(count > allowed for floor, count in floors.items() if floor < chosen)
    found, related = fitted["cross_validation"]["successes_of_total"]["false links, of unrelated pairs"]
    assert (found, related) == (floors[chosen], unrelated)


def test_gold_classes():
    assert [fitting.gold_class(role) for role in ("body", "headline", "caption", "credit", "chrome")] == [
        "body", "headline", "furniture", "furniture", "furniture"]


def test_a_model_that_favours_one_class_decides_every_open_line():
    # With zero weights the intercepts decide: every open line gets that class, while the
    # shape rules still decide theirs.
    furniture = LogisticModel.uniform(LINE_CLASSES, LINE_FEATURES, (0.0, 0.0, 5.0))
    long_line = "The minister said on Tuesday that the new rules would take effect next month, as planned."
    roles = assign_roles(["By Jane Doe", long_line, long_line + " Again."], furniture)
    assert roles[0].role == "byline"
    # A text left with no body keeps its open lines as article text rather than being refused.
    assert [role.role for role in roles[1:]] == ["body", "body"]
    body = LogisticModel.uniform(LINE_CLASSES, LINE_FEATURES, (5.0, 0.0, 0.0))
    assert [r.role for r in assign_roles(["Short title", long_line], body)] == ["body", "body"]


def _pair_model(intercepts: tuple[float, ...], floor: float) -> PairModel:
    return PairModel(LogisticModel.uniform(PAIR_CLASSES, PAIR_FEATURES, intercepts), floor)


def test_a_pair_is_stated_related_only_above_the_floor():
    features = pair_features(3, 1, 10, 0.2, 0.05, "partial_copy")
    # P(related) = 3e / (3e + 1) = 0.89 with equal intercepts for the three related classes.
    leaning = _pair_model((1.0, 1.0, 1.0, 0.0), 0.95)
    decision = leaning.decide(features, "partial_copy")
    assert decision.relation == UNDETERMINED
    assert round(decision.related_probability, 2) == 0.89
    # Below the floor and the counts say unrelated, but the model leans to related: undetermined.
    assert leaning.decide(features, "unrelated").relation == UNDETERMINED
    # Above it: the likeliest related class (ties to the stronger relation).
    assert _pair_model((1.0, 1.0, 1.0, 0.0), 0.85).decide(features, "partial_copy").relation == "copy"
    assert _pair_model((0.0, 2.0, 1.0, 0.0), 0.85).decide(features, "copy").relation == "partial_copy"
    # Unrelated when the model does not lean to related and the counts say unrelated.
    assert _pair_model((0.0, 0.0, 0.0, 3.0), 0.85).decide(features, "unrelated").relation == "unrelated"


def test_pair_features_read_the_shorter_article():
    # Shares enter as square roots: 4 of 8 sentences taken -> sqrt(0.5).
    assert pair_features(4, 2, 8, 0.25, 0.01, "paraphrase") == pytest.approx(
        (0.5 ** 0.5, 0.5, 0.5, 0.1, 0.0, 0.0, 1.0))
    assert pair_features(0, 0, 0, 0.0, 0.0, "unrelated")[:2] == (0.0, 0.0)
