"""Held-out scoring: known answers on hand-made tables, and the committed collection."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from newscompare.evaluation import heldout


def test_wilson_interval_known_values():
    low, high = heldout.wilson_interval(20, 38)
    assert (round(low, 3), round(high, 3)) == (0.373, 0.675)
    assert heldout.wilson_interval(5, 5)[1] == 1.0


def test_wilson_interval_of_nothing_is_undefined():
    low, high = heldout.wilson_interval(0, 0)
    assert pd.isna(low) and pd.isna(high)


@pytest.mark.parametrize(("extracted", "ok"), [
    ("Vladimir Putin", True), ("Putin", True), ("Russian President Vladimir Putin", True),
    ("the Kremlin", True), ("Joe Biden", False), ("", False)])
def test_speaker_acceptable(extracted, ok):
    assert heldout.speaker_acceptable(extracted, "Vladimir Putin", "Kremlin") is ok


def test_first_split_is_the_seeded_draw_recorded_in_split_json():
    first = json.loads(heldout.SPLIT_FILE.read_text(encoding="utf-8"))["history"][0]
    drawn = heldout.draw_split(first["events"], seed=first["seed"])
    assert sorted(e for e, split in drawn.items() if split == "test") == first["test"]


def test_every_event_is_in_exactly_one_split():
    recorded = heldout.read_split()
    assert sorted(recorded) == heldout.event_names()
    assert sorted(set(recorded.values())) == ["development", "test"]


def test_every_event_has_every_annotation_and_all_pairs():
    for event in heldout.event_names():
        manifest = pd.read_csv(heldout.HELDOUT_DIR / event / "manifest.csv", dtype=str)
        assert list(manifest.columns) == ["id", "file", "outlet", "url", "published"]
        pairs = heldout.read_annotation(event, "pairs")
        expected = set(heldout.all_pairs(list(manifest["id"])))
        assert set(zip(pairs["article_a"], pairs["article_b"])) == expected, event
        for name in ("sentence_provenance", "quotes", "entities", "gathering"):
            assert len(heldout.read_annotation(event, name)), (event, name)


def test_figures_table_cells():
    figures = pd.DataFrame([
        {"split": "test", "task": "pairs", "measure": "exact relation", "method": "ours",
         "successes": 79, "total": 111, "value": 0.712, "low": 0.621, "high": 0.788}])
    table = heldout.figures_table(figures, "test")
    assert table.at[0, "Ours"] == "71% (79 of 111; 62–79%)"


@pytest.mark.slow
def test_the_code_reproduces_the_last_logged_scoring():
    """A rule changed after the final scoring would change the figures: then the change
    must be logged as a new scoring (heldout/README.md), not slipped in."""
    logged = pd.read_csv(heldout.SCORING_LOG_DIR / f"{heldout.scoring_logs()[-1]}.csv")
    now = heldout.headline_figures(heldout.analyse_collection())
    columns = ["split", "task", "measure", "method", "successes", "total"]
    pd.testing.assert_frame_equal(now[columns].reset_index(drop=True),
                                  logged[columns].reset_index(drop=True), check_dtype=False)


def test_readme_states_the_size_of_the_collection():
    """The README cannot glue numbers; this keeps its one sentence about the collection true."""
    from newscompare.ingest.paths import PROJECT_ROOT

    numbers = {5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    events = heldout.event_names()
    articles = sum(len(pd.read_csv(heldout.HELDOUT_DIR / e / "manifest.csv")) for e in events)
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{articles} real articles on {numbers[len(events)]} other events" in readme
