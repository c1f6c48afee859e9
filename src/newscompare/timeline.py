"""When each article appeared, among the events of the story, and what it could have known.

Publication dates come from the manifest (``published``: a day, a month or a window,
parsed into ``published_start`` / ``published_end``; ``published_confidence`` if given).
Events come from a story-specific CSV (the seeds' is ``story/events.csv``) with columns
``date, end_date, event, reported_by`` (``end_date`` empty for a one-day event).
"""

from __future__ import annotations

import csv
import textwrap
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import matplotlib.transforms as mtransforms
import pandas as pd
from matplotlib.figure import Figure

from .corpus import Corpus
from .errors import CorpusError
from .paths import STORY_DIR
from .plotting import NEUTRAL, article_colors, article_labels, new_figure

if TYPE_CHECKING:  # only for annotations: exports imports this module
    from .exports import AnalysisOptions

STORY_EVENTS_FILE = STORY_DIR / "events.csv"
EVENT_COLUMNS = ["date", "end_date", "event", "reported_by"]
WINDOW_COLUMNS = [
    "article", "outlet", "published", "published_start", "published_end", "window_days",
    "exact", "published_confidence", "start_raised_by_source",
]
KNOWN_COLUMNS = [
    "article", "published_start", "published_end", "event_date", "event", "could_have_known",
]
#: Values of ``could_have_known``. An event on the article's earliest possible day counts
#: as "yes": the texts report same-day announcements ("the Kremlin said Thursday").
LEGEND_WIDTH_CHARS = 115  # fits 7.5 in at 7.5 pt
KNOWN, POSSIBLY, NOT_YET = "yes", "only if published late in its window", "no"


def _day(value: str, path: Path, line: int, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CorpusError(path, f"{column} {value!r} is not a date; expected YYYY-MM-DD",
                          line=line) from None


def load_events(path: Path | str = STORY_EVENTS_FILE) -> pd.DataFrame:
    """The events of a CSV file, checked, sorted by date then event. ``end_date`` is
    filled with ``date`` for one-day events; dates stay ISO strings."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "events file not found; expected a CSV with columns "
                          + ", ".join(EVENT_COLUMNS))
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in EVENT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(path, f"missing columns {missing}; expected "
                              + ", ".join(EVENT_COLUMNS), line=1)
        records = []
        for row in reader:
            line = reader.line_num
            start = _day(row["date"].strip(), path, line, "date")
            end_text = row["end_date"].strip()
            end = _day(end_text, path, line, "end_date") if end_text else start
            if end < start:
                raise CorpusError(path, f"end_date {end} is before date {start}; expected "
                                  "an end on or after the start", line=line)
            if not row["event"].strip():
                raise CorpusError(path, "event is empty; expected a short description",
                                  line=line)
            records.append({"date": start.isoformat(), "end_date": end.isoformat(),
                            "event": row["event"].strip(),
                            "reported_by": row["reported_by"].strip()})
    events = pd.DataFrame(records, columns=EVENT_COLUMNS)
    return events.sort_values(["date", "event"], kind="mergesort").reset_index(drop=True)


def empty_events() -> pd.DataFrame:
    """The events table with its columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype=str) for c in EVENT_COLUMNS})


def publication_windows(corpus: Corpus, sources: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per article: its publication window from the manifest, the window's length
    in days (1 for an exact date), ``exact`` and ``published_confidence`` ("" if the
    manifest has no such column).

    ``sources`` (article -> the article it was derived from, as the reuse finding gives
    it) narrows windows: a derived text cannot appear before its source, so a window
    that starts earlier starts on the source's earliest day instead, and
    ``start_raised_by_source`` names that source ("" otherwise).
    """
    articles = corpus.articles.copy()
    raised = pd.Series("", index=articles.index)
    starts_by_id = dict(zip(articles["id"], articles["published_start"], strict=True))
    for index, row in articles.iterrows():
        source = (sources or {}).get(row["id"])
        if source in starts_by_id and starts_by_id[source] > row["published_start"]:
            if starts_by_id[source] > row["published_end"]:
                raise CorpusError(
                    "manifest.csv",
                    f"article {row['id']} is derived from {source}, but its publication window "
                    f"ends ({row['published_end']}) before {source} appeared "
                    f"({starts_by_id[source]}); check the manifest or the reuse direction"
                )
            articles.loc[index, "published_start"] = starts_by_id[source]
            articles.loc[index, "published"] = f"{starts_by_id[source]}/{row['published_end']}"
            raised[index] = source
    confidence = (articles["published_confidence"] if "published_confidence" in articles
                  else pd.Series("", index=articles.index))
    starts = pd.to_datetime(articles["published_start"])
    ends = pd.to_datetime(articles["published_end"])
    table = pd.DataFrame({
        "article": articles["id"], "outlet": articles["outlet"],
        "published": articles["published"], "published_start": articles["published_start"],
        "published_end": articles["published_end"],
        "window_days": (ends - starts).dt.days + 1,
        "exact": articles["published_start"] == articles["published_end"],
        "published_confidence": confidence.fillna("").astype(str),
        "start_raised_by_source": raised,
    })
    return table[WINDOW_COLUMNS].sort_values("article").reset_index(drop=True)


def events_known(corpus: Corpus, events: pd.DataFrame,
                 sources: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per article x event: could the article have reported the event (by the
    event's first day)? "yes" if it happened on or before the article's earliest possible
    publication day, "no" if after its latest, else "only if published late in its
    window". Sorted by article, event_date, event. ``sources``: as in
    :func:`publication_windows`."""
    windows = publication_windows(corpus, sources)
    records = []
    for window in windows.itertuples():
        for event in events.itertuples():
            if event.date <= window.published_start:
                status = KNOWN
            elif event.date > window.published_end:
                status = NOT_YET
            else:
                status = POSSIBLY
            records.append({"article": window.article,
                            "published_start": window.published_start,
                            "published_end": window.published_end, "event_date": event.date,
                            "event": event.event, "could_have_known": status})
    table = pd.DataFrame(records, columns=KNOWN_COLUMNS)
    return table.sort_values(["article", "event_date", "event"], kind="mergesort").reset_index(
        drop=True
    )


def timeline_figure(corpus: Corpus, events: pd.DataFrame,
                    sources: dict[str, str] | None = None) -> Figure:
    """Articles as bars (publication window) or points (exact date), one row each in
    their book colours, above numbered event marks; events listed under the axis.
    ``sources``: as in :func:`publication_windows`."""
    windows = publication_windows(corpus, sources)
    colors = article_colors(windows["article"])
    labels = article_labels(corpus.articles)
    legend_lines = [
        line
        for number, e in enumerate(events.itertuples(), start=1)
        for line in textwrap.wrap(
            f"{number}. {e.date}{'' if e.end_date == e.date else ' to ' + e.end_date}: "
            f"{e.event}", width=LEGEND_WIDTH_CHARS, subsequent_indent="    ")
    ]
    legend_height = 0.14 * len(legend_lines)  # inches: one 7.5 pt line with spacing
    height = 1.2 + 0.55 * len(windows) + legend_height
    fig, ax = new_figure(7.5, height)
    one_day = dt.timedelta(days=1)
    label_position = mtransforms.blended_transform_factory(ax.transAxes, ax.transData)
    for row_number, window in enumerate(windows.itertuples()):
        y = len(windows) - row_number
        start = dt.datetime.fromisoformat(window.published_start)
        end = dt.datetime.fromisoformat(window.published_end) + one_day
        if window.exact:  # a point in the middle of its day
            ax.plot([start + one_day / 2], [y], "o", color=colors[window.article], markersize=8)
        else:
            ax.barh(y, end - start, left=start, height=0.35, color=colors[window.article],
                    alpha=0.85)
        confidence = (f" (date: {window.published_confidence} confidence)"
                      if window.published_confidence else "")
        if window.start_raised_by_source:
            confidence += f"; not before its source, {labels[window.start_raised_by_source]}"
        ax.text(0.0, y + 0.3, labels[window.article] + confidence, transform=label_position,
                fontsize=8, va="bottom", ha="left")
    for number, event in enumerate(events.itertuples(), start=1):
        start = dt.datetime.fromisoformat(event.date)
        end = dt.datetime.fromisoformat(event.end_date) + one_day
        if end - start > one_day:
            ax.axvspan(start, end, color=NEUTRAL, alpha=0.15, linewidth=0)
        ax.axvline(start, color=NEUTRAL, linestyle="--", linewidth=0.8)
        ax.annotate(str(number), (start, 0.2 + 0.35 * (number % 2)), ha="center",
                    fontsize=8, color="black",
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": NEUTRAL})
    if legend_lines:
        fig.text(0.01, 0.01, "\n".join(legend_lines), fontsize=7.5, va="bottom", ha="left")
    all_days = [dt.datetime.fromisoformat(d) for d in
                list(windows["published_start"]) + list(windows["published_end"])
                + list(events["date"]) + list(events["end_date"])]
    ax.set_xlim(min(all_days) - one_day, max(all_days) + 4 * one_day)
    ax.set_ylim(0, len(windows) + 0.9)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    # A tick every few days, each with its month, so no date is read without one.
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=3))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set_xlabel("publication: point = a single day, bar = possible window")
    fig.subplots_adjust(left=0.03, right=0.97, top=0.97,
                        bottom=(legend_height + 0.6) / height)
    return fig


def events_export(corpus: Corpus, options: AnalysisOptions) -> pd.DataFrame:
    """The ``events_known.csv`` table of the command: :func:`events_known` with
    ``options.events_file``, or the header alone when no events file is given (events
    are story-specific; the seeds' are in ``story/events.csv``)."""
    if options.events_file is None:
        return pd.DataFrame(columns=KNOWN_COLUMNS)
    return events_known(corpus, load_events(options.events_file))
