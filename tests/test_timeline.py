"""Timeline: publication windows from the manifest, events, what each could have known."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from newscompare.analysis import timeline
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.paths import STORY_EVENTS_FILE
from newscompare.report.figures import timeline_figure
from newscompare.tables import AnalysisOptions, events_export

PUBLISHED = {"exact": "2024-07-04", "month": "2024-07", "window": "2024-06-25/2024-07-04"}


@pytest.fixture
def dated(make_corpus):
    return make_corpus({key: "The visit was announced." for key in PUBLISHED}, PUBLISHED)


def events_table(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([(d, e or d, text, "") for d, e, text in rows],
                        columns=timeline.EVENT_COLUMNS)


def test_windows_exact_month_and_window(dated):
    windows = timeline.publication_windows(dated).set_index("article")
    assert windows.loc["exact", ["published_start", "published_end", "window_days", "exact"]
                       ].tolist() == ["2024-07-04", "2024-07-04", 1, True]
    assert windows.loc["month", ["published_start", "published_end", "window_days"]
                       ].tolist() == ["2024-07-01", "2024-07-31", 31]
    assert windows.loc["window", ["window_days", "exact"]].tolist() == [10, False]


def test_confidence_is_empty_when_the_manifest_has_none(dated):
    assert set(timeline.publication_windows(dated)["published_confidence"]) == {""}


def test_could_have_known_before_within_after(dated):
    events = events_table([("2024-06-20", "", "early"), ("2024-07-04", "", "same day"),
                           ("2024-07-10", "", "late")])
    known = timeline.events_known(dated, events).set_index(["article", "event"])
    status = known["could_have_known"]
    assert [status[("exact", e)] for e in ("early", "same day", "late")] == [
        timeline.KNOWN, timeline.KNOWN, timeline.NOT_YET]
    assert [status[("window", e)] for e in ("early", "same day", "late")] == [
        timeline.KNOWN, timeline.POSSIBLY, timeline.NOT_YET]
    assert [status[("month", e)] for e in ("early", "same day", "late")] == [
        timeline.KNOWN, timeline.POSSIBLY, timeline.POSSIBLY]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_events_fills_end_date_and_sorts(tmp_path):
    path = write(tmp_path, "date,end_date,event,reported_by\n"
                 "2024-07-08,2024-07-09,visit,TASS\n2024-06-25,,aide speaks,TASS\n")
    events = timeline.load_events(path)
    assert events.values.tolist() == [["2024-06-25", "2024-06-25", "aide speaks", "TASS"],
                                      ["2024-07-08", "2024-07-09", "visit", "TASS"]]


@pytest.mark.parametrize("body, expected, line", [
    ("2024-06-25,,ok,x\n2024-13-01,,bad,x\n", "date '2024-13-01' is not a date", 3),
    ("2024-07-09,2024-07-08,backwards,x\n", "end_date 2024-07-08 is before", 2),
    ("2024-07-09,,,x\n", "event is empty", 2),
])
def test_load_events_errors_name_the_line(tmp_path, body, expected, line):
    path = write(tmp_path, "date,end_date,event,reported_by\n" + body)
    with pytest.raises(CorpusError, match=expected) as error:
        timeline.load_events(path)
    assert (error.value.path, error.value.line) == (path, line)


@pytest.mark.parametrize("row, line, found", [
    ("2024-07-01,,x\n", 2, 3),                     # a field short
    ("2024-07-01,,x,y,z\n", 2, 5),                 # a field too many
    ('2024-07-01,,"x,y\n2024-07-02,,b,c\n', 3, 3),  # a quotation mark left open
])
def test_load_events_names_the_line_of_a_row_of_the_wrong_length(tmp_path, row, line, found):
    with pytest.raises(CorpusError, match=f"{found} fields; expected 4") as error:
        timeline.load_events(write(tmp_path, "date,end_date,event,reported_by\n" + row))
    assert error.value.line == line


def test_load_events_missing_column(tmp_path):
    with pytest.raises(CorpusError, match=r"missing columns \['reported_by'\]"):
        timeline.load_events(write(tmp_path, "date,end_date,event\n2024-07-01,,x\n"))


def test_export_without_events_file_is_header_only(dated):
    table = events_export(dated, AnalysisOptions())
    assert list(table.columns) == timeline.KNOWN_COLUMNS and table.empty


def test_figure_draws_a_point_per_exact_date_and_a_bar_per_window(dated):
    events = events_table([("2024-07-08", "2024-07-09", "visit")])
    figure = timeline_figure(dated, events)
    axes = figure.axes[0]
    points = [line for line in axes.lines if line.get_marker() == "o"]
    bars = [patch for patch in axes.containers]
    assert (len(points), len(bars)) == (1, 2)
    assert figure.get_figwidth() <= 7.5
    plt.close(figure)


def test_events_years_apart_get_a_few_readable_ticks(dated):
    events = events_table([("2019-08-10", "", "long before"), ("2024-07-08", "", "visit")])
    figure = timeline_figure(dated, events)
    figure.canvas.draw()
    labels = [tick.get_text() for tick in figure.axes[0].get_xticklabels() if tick.get_text()]
    assert 3 <= len(labels) <= 10
    plt.close(figure)


def test_seeds_events_file_loads_and_cnn_could_not_know_the_dates(seeds):
    events = timeline.load_events(STORY_EVENTS_FILE)
    known = timeline.events_known(seeds, events)
    assert len(known) == len(seeds.ids) * len(events)
    early = known[(known["article"] == "004") & (known["event_date"] == "2024-07-04")]
    assert set(early["could_have_known"]) == {timeline.NOT_YET}


def test_window_of_a_derived_text_starts_no_earlier_than_its_source(make_corpus):
    corpus = make_corpus({"src": "The visit was announced.", "copy": "The visit was announced."},
                         {"src": "2024-06-26", "copy": "2024-06-25/2024-07-04"})
    windows = timeline.publication_windows(corpus, {"copy": "src"}).set_index("article")
    assert windows.loc["copy", ["published_start", "published_end", "start_raised_by_source"]].tolist() == [
        "2024-06-26", "2024-07-04", "src"]
    assert timeline.publication_windows(corpus).set_index("article").at["copy", "published_start"] == "2024-06-25"


def test_window_of_a_derived_text_ending_before_its_source_is_an_error(make_corpus):
    corpus = make_corpus({"src": "The visit was announced.", "copy": "The visit was announced."},
                         {"src": "2024-07-05", "copy": "2024-06-25/2024-07-04"})
    with pytest.raises(CorpusError, match="derived from src"):
        timeline.publication_windows(corpus, {"copy": "src"})
