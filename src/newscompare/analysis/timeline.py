"""When each article appeared, among the events of the story, and what it could have known.

Publication dates come from the manifest (``published``: a day, a month or a window,
parsed into ``published_start`` / ``published_end``; ``published_confidence`` if given).
Events come from a story-specific CSV (the seeds' is ``story/events.csv``) with columns
``date, end_date, event, reported_by`` (``end_date`` empty for a one-day event).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from newscompare.ingest.catalogue import read_catalogue_csv, short_repr
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.errors import CorpusError


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
KNOWN, POSSIBLY, NOT_YET = "yes", "only if published late in its window", "no"


def _day(value: str, path: Path, line: int, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CorpusError(path, f"{column} {short_repr(value)} is not a date; expected YYYY-MM-DD",
                          line=line) from None


def load_events(path: Path | str) -> pd.DataFrame:
    """The events of a CSV file, checked, sorted by date then event. ``end_date`` is
    filled with ``date`` for one-day events; dates stay ISO strings."""
    path = Path(path)
    records = []
    for line, row in read_catalogue_csv(path, EVENT_COLUMNS, "a CSV of background events "
                                        "(like story/events.csv)"):
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


