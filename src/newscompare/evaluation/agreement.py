"""How far two annotators agree: the ceiling a method's accuracy is read against.

Events listed in ``heldout/double/`` were annotated twice, blind (guidelines section 8):
``<event>/first/`` and ``<event>/second/`` hold the two raw annotations of pair relations
with their direction, quotations with kind and speaker, and line roles. Agreement is
measured on the same units the methods are scored on (``evaluation.heldout``):

- pair relations, every pair: Cohen's kappa (chance-corrected) and percent agreement;
- the relation of the gold-related pairs (the adjudicated gold says related): percent;
- direction, of the pairs both annotators call related: percent (same answer: the same
  article, both ``common``, or both undetermined);
- line roles, every non-blank line: Cohen's kappa and percent;
- quotations found by both annotators (same article, same words): kind, Cohen's kappa; and
  the speaker of those both call speech: percent, where either annotator's speaker is an
  acceptable form of the other's (as a method's speaker is scored).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score

from newscompare.analysis.reuse import RELATED_PAIR_RELATIONS
from newscompare.evaluation.annotations import pair_quotations
from newscompare.evaluation.heldout import (
    HELDOUT_ANNOTATIONS_DIR,
    HELDOUT_DIR,
    QUOTE_MATCH_RATIO,
    SPEECH_KINDS,
    first_upper,
    percent_text,
    speaker_right,
)
from newscompare.evaluation.gold_checks import read_table

DOUBLE_DIR = HELDOUT_DIR / "double"
ANNOTATORS = ("first", "second")


def double_annotated_events(folder: Path | None = None) -> list[str]:
    """Events with both raw annotations, sorted."""
    folder = DOUBLE_DIR if folder is None else folder
    return sorted(p.name for p in folder.iterdir()
                  if p.is_dir() and all((p / who).is_dir() for who in ANNOTATORS))


def _read(event: str, who: str, name: str) -> pd.DataFrame:
    return read_table(DOUBLE_DIR / event / who / f"{name}.csv")


def _gold(event: str, name: str) -> pd.DataFrame:
    return read_table(HELDOUT_ANNOTATIONS_DIR / event / f"{name}.csv")


def pair_units(event: str) -> pd.DataFrame:
    """One row per pair: event, article_a, article_b, first, second, gold (relations) and
    first_source, second_source (directions)."""
    keys = ["article_a", "article_b"]
    first, second = _read(event, "first", "pairs"), _read(event, "second", "pairs")
    table = first[keys + ["relation", "likely_source"]].merge(
        second[keys + ["relation", "likely_source"]], on=keys, suffixes=("_first", "_second"),
        validate="one_to_one")
    gold = _gold(event, "pairs")[keys + ["relation"]].rename(columns={"relation": "gold"})
    table = table.merge(gold, on=keys, validate="one_to_one")
    table = table.rename(columns={"relation_first": "first", "relation_second": "second",
                                  "likely_source_first": "first_source",
                                  "likely_source_second": "second_source"})
    table.insert(0, "event", event)
    return table


def line_units(event: str) -> pd.DataFrame:
    """One row per line labelled by both: event, article, line, first, second."""
    keys = ["article", "line"]
    first = _read(event, "first", "line_roles")[keys + ["role"]]
    second = _read(event, "second", "line_roles")[keys + ["role"]]
    table = first.merge(second, on=keys, suffixes=("_first", "_second"), validate="one_to_one")
    table = table.rename(columns={"role_first": "first", "role_second": "second"})
    table.insert(0, "event", event)
    return table


def quote_units(event: str) -> pd.DataFrame:
    """One row per quotation both annotators listed (matched as a method's quotations are
    matched to the gold): event, article, quote, first and second kind, first and second
    speaker, and whether the speakers agree (either is an acceptable form of the other)."""
    first, second = _read(event, "first", "quotes"), _read(event, "second", "quotes")
    hits = pair_quotations(second, first, QUOTE_MATCH_RATIO)
    records = []
    for position, row in enumerate(first.itertuples()):
        if position not in hits:
            continue
        other = second.loc[hits[position]]
        # As a method's speaker is scored, from either side (both empty agree too).
        agree = (speaker_right(other["speaker"], row.speaker, row.acceptable_speakers)
                 or speaker_right(row.speaker, other["speaker"], other["acceptable_speakers"]))
        records.append({"event": event, "article": row.article, "quote": row.quote,
                        "first": row.kind, "second": other["kind"],
                        "first_speaker": row.speaker, "second_speaker": other["speaker"],
                        "speaker_agrees": bool(agree)})
    columns = ["event", "article", "quote", "first", "second", "first_speaker",
               "second_speaker", "speaker_agrees"]
    return pd.DataFrame(records, columns=columns)


def _row(label: str, measure: str, agreeing: int, units: int, kappa: float | None = None) -> dict:
    return {"label": label, "measure": measure, "agreeing": agreeing, "units": units,
            "percent": agreeing / units if units else float("nan"),
            "kappa": float("nan") if kappa is None else kappa}


def _kappa(first: pd.Series, second: pd.Series) -> float:
    if len(first) == 0:
        return float("nan")
    return float(cohen_kappa_score(first, second))


def agreement_table(events: list[str] | None = None) -> pd.DataFrame:
    """Agreement per label over the double-annotated ``events`` (all by default): label,
    measure, agreeing, units, percent, kappa (NaN where the measure is a percentage only)."""
    events = double_annotated_events() if events is None else events
    pairs = pd.concat([pair_units(e) for e in events], ignore_index=True)
    lines = pd.concat([line_units(e) for e in events], ignore_index=True)
    quotes = pd.concat([quote_units(e) for e in events], ignore_index=True)
    related = pairs[pairs["gold"].isin(RELATED_PAIR_RELATIONS)]
    both_related = pairs[pairs["first"].isin(RELATED_PAIR_RELATIONS)
                         & pairs["second"].isin(RELATED_PAIR_RELATIONS)]
    speech = quotes[quotes["first"].isin(SPEECH_KINDS) & quotes["second"].isin(SPEECH_KINDS)]
    rows = [
        _row("pairs", "relation, every pair", int((pairs["first"] == pairs["second"]).sum()),
             len(pairs), _kappa(pairs["first"], pairs["second"])),
        _row("pairs", "relation, of gold-related pairs",
             int((related["first"] == related["second"]).sum()), len(related)),
        _row("direction", "likely source, of pairs both call related",
             int((both_related["first_source"] == both_related["second_source"]).sum()),
             len(both_related)),
        _row("lines", "line role, every non-blank line", int((lines["first"] == lines["second"]).sum()),
             len(lines), _kappa(lines["first"], lines["second"])),
        _row("quotations", "kind, of quotations both list",
             int((quotes["first"] == quotes["second"]).sum()), len(quotes),
             _kappa(quotes["first"], quotes["second"])),
        _row("quotations", "speaker, of speech quotations both list",
             int(speech["speaker_agrees"].sum()), len(speech)),
    ]
    return pd.DataFrame(rows)


def share_text(row: pd.Series) -> str:
    """An agreement as a reader reads it: "98% (44 of 45)"."""
    # As every share of the book: 707 of 710 is 99.6%, never "100%".
    return f"{percent_text(row['percent'])} ({int(row['agreeing'])} of {int(row['units'])})"


def agreement_view(table: pd.DataFrame) -> pd.DataFrame:
    """A reader's table of :func:`agreement_table`: Label, Measure, Agreement ("98% (44
    of 45)"), Cohen's kappa (two decimals, or "–" where only a percentage is measured)."""
    return pd.DataFrame({
        "Label": [first_upper(text) for text in table["label"]],
        "Measure": [first_upper(text) for text in table["measure"]],
        "Agreement": [share_text(row) for _, row in table.iterrows()],
        "Cohen's kappa": ["–" if pd.isna(k) else f"{k:.2f}" for k in table["kappa"]],
    })
