"""The fitted parameters: the committed file is what ``make fit`` writes, and it is fitted
on development events only."""

from __future__ import annotations

import json

from newscompare.evaluation import fitting
from newscompare.evaluation.heldout import read_split
from newscompare.ingest.cleaning import assign_roles
from newscompare.ingest.line_model import LINE_MODEL_FILE, LineModel


def test_refitting_gives_the_committed_file():
    # A changed annotation, feature or procedure without `make fit` fails here.
    assert fitting.parameters_text(fitting.fit_line_model()) == LINE_MODEL_FILE.read_text(encoding="utf-8")


def test_fitted_on_development_events_only():
    fitted = json.loads(LINE_MODEL_FILE.read_text(encoding="utf-8"))
    split_of = read_split()
    assert fitted["data"]["events"]
    assert all(split_of[event] == "development" for event in fitted["data"]["events"])


def test_gold_classes():
    assert [fitting.gold_class(role) for role in ("body", "headline", "caption", "credit", "chrome")] == [
        "body", "headline", "furniture", "furniture", "furniture"]


def test_a_model_that_favours_one_class_decides_every_open_line():
    # With zero weights the intercepts decide: every open line gets that class, while the
    # shape rules still decide theirs.
    features = len(json.loads(LINE_MODEL_FILE.read_text(encoding="utf-8"))["model"]["features"])
    furniture = LineModel(means=(0.0,) * features, scales=(1.0,) * features,
                          weights=((0.0,) * features,) * 3, intercepts=(0.0, 0.0, 5.0))
    long_line = "The minister said on Tuesday that the new rules would take effect next month, as planned."
    roles = assign_roles(["By Jane Doe", long_line, long_line + " Again."], furniture)
    assert roles[0].role == "byline"
    # A text left with no body keeps its open lines as article text rather than being refused.
    assert [role.role for role in roles[1:]] == ["body", "body"]
    body = LineModel(means=(0.0,) * features, scales=(1.0,) * features,
                     weights=((0.0,) * features,) * 3, intercepts=(5.0, 0.0, 0.0))
    assert [r.role for r in assign_roles(["Short title", long_line], body)] == ["body", "body"]
